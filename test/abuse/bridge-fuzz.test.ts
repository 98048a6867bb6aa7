/**
 * Bridge and IPC fuzz: for every contract method, generated payloads (wrong types, up to 1 MiB
 * strings, deep nesting, arrays for objects, prototype-named keys, unicode, NaN and Infinity,
 * extra keys) through the web host's real HTTP API and through the Electron IPC handlers.
 * The schema is the oracle: what it refuses must come back as an invalid-input reply without
 * the core being called; what it accepts must reach the core as the parsed value.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BREAKS, KNOWN_SCOPES, METHODS, PURPOSES, channelOf, schemas, type Method, type Reply } from '../../preload/api'
import { createAppCore } from '../../main/core/app/create'
import type { AppCore } from '../../main/core/app/types'
import { createLogger, memorySink } from '../../main/core/log'
import { createNodeCipher } from '../../main/core/vault'
import { registerCoreHandlers, type InvokeEventLike } from '../../main/shell/ipc'
import { readyFakeElectron } from '../fakes/electron'
import { heldTimers, filesUnder } from '../integration/app/harness'
import { startHarness as startWebHarness, type Harness as WebHarness } from '../unit/web/support'
import { VALID, cloneOnly, hostile, longStrings } from './support/payloads'

/** Runs per method and transport; 25 methods, so the totals are in the thousands. */
const RUNS = { httpHostile: 70, httpValid: 15, ipcHostile: 160, ipcValid: 40, realCore: 15 }
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_401)

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort()
const ARRAY_PROTO_NAMES = Object.getOwnPropertyNames(Array.prototype).sort()
const VOCABULARY = new Set<string>([
  ...PURPOSES,
  ...KNOWN_SCOPES,
  ...BREAKS,
  'advance-time',
  'change-password',
  'remove-page-role',
  'break-app',
  'repair-app',
  'add-business-page',
  'disable-ad-account',
  'rerequest',
  'ad-account',
  'business-admin',
  'system-user-allowance',
  'limit-approval',
  'classic',
  'business',
  'system-user',
])

const totals = { invalid: 0, valid: 0 }

function expectNoPollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES)
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(ARRAY_PROTO_NAMES)
  const probe = {} as Record<string, unknown>
  for (const key of ['polluted', 'isAdmin', 'ok', 'prototype']) expect(probe[key], key).toBeUndefined()
  expect(typeof probe.toString).toBe('function')
}

/** A refusal: the stable code, short plain words, and none of the payload's values echoed. */
function expectRefusal(reply: unknown, payload: unknown): void {
  expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  expect(typeof (reply as { error: { message: unknown } }).error.message).toBe('string')
  const message = (reply as { error: { message: string } }).error.message
  for (const value of longStrings(payload)) if (!VOCABULARY.has(value)) expect(message.includes(value), `echoed ${value}`).toBe(false)
}

const check = (prop: fc.IAsyncPropertyWithHooks<[unknown]>, numRuns: number) => fc.assert(prop, { numRuns, seed: SEED, endOnFailure: true })

afterEach(() => expectNoPollution())

describe('the web host over HTTP', () => {
  let web: WebHarness
  beforeAll(async () => {
    web = await startWebHarness()
  })
  afterAll(() => web.stop())

  /** Sends the payload as JSON text; answers with what the schema made of the same text. */
  async function send(method: Method, payload: unknown): Promise<void> {
    const text = JSON.stringify(payload) ?? ''
    let json: unknown
    let parsed: ReturnType<(typeof schemas)[Method]['safeParse']> | null = null
    try {
      json = JSON.parse(text)
      parsed = schemas[method].safeParse(json)
    } catch {
      parsed = null
    }
    const before = web.core.calls.length
    if (Buffer.byteLength(text) > 16 * 256 * 1024) {
      // Far past the limit the host drops the connection rather than read it.
      await expect(web.call(method, text)).rejects.toThrow()
      expect(web.core.calls.length).toBe(before)
      totals.invalid += 1
      return
    }
    const response = await web.call(method, text)
    const body = await response.text()
    const reply = JSON.parse(body) as Reply<Method>
    if (parsed?.success) {
      totals.valid += 1
      expect(response.status, body).toBe(200)
      expect(web.core.calls.slice(before)).toEqual([{ method, input: parsed.data }])
    } else {
      totals.invalid += 1
      expect([400, 413], body).toContain(response.status)
      expectRefusal(reply, json)
      expect(web.core.calls.length).toBe(before)
    }
  }

  it.each(METHODS)('%s: hostile payloads are refused before the core', async (method) => {
    await check(fc.asyncProperty(hostile(method), (payload) => send(method, payload)), RUNS.httpHostile)
    expect(web.records.filter((r) => r.level === 'error')).toEqual([])
  })

  it.each(METHODS)('%s: valid payloads reach the core, parsed', async (method) => {
    await check(fc.asyncProperty(VALID[method], (payload) => send(method, payload)), RUNS.httpValid)
  })

  it('refuses texts that are not JSON at all, or JSON numbers beyond range', async () => {
    const before = web.core.calls.length
    for (const text of ['{"days": NaN}', '{"on": Infinity}', "{'id':'x'}", '{"id":"x",}', '\u0000', '[', '1e999', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}']) {
      const response = await web.call('practice', text)
      expect(response.status, text).toBe(400)
      expect(JSON.parse(await response.text())).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
    expect(web.core.calls.length).toBe(before)
  })
})

describe('the Electron IPC handlers (registerHandler, fake electron)', () => {
  const frame: InvokeEventLike = { senderFrame: { url: 'app://token-desk/index.html', parent: null } }

  function ipcWith(core: AppCore) {
    const electron = readyFakeElectron()
    const sink = memorySink()
    registerCoreHandlers(electron.ipcMain, core, { devOrigin: null }, createLogger(sink, 'debug'))
    const invoke = (method: Method, payload: unknown): Promise<Reply<Method>> => {
      const handler = electron.ipcMain.handlers.get(channelOf(method))
      if (!handler) throw new Error(`no handler for ${method}`)
      return handler(frame, payload) as Promise<Reply<Method>>
    }
    return { invoke, records: sink.records }
  }

  const calls: { method: Method; input: unknown }[] = []
  const recording = {
    call: (method: Method, input: unknown) => {
      calls.push({ method, input })
      return Promise.resolve({ ok: true, value: { fine: true } })
    },
  } as unknown as AppCore
  const ipc = ipcWith(recording)

  async function send(method: Method, payload: unknown): Promise<void> {
    // The handler reads a missing payload as {} (the preload always sends an object).
    const parsed = schemas[method].safeParse(payload ?? {})
    const before = calls.length
    // Nothing may throw past the handler: a rejection here fails the property.
    const reply = await ipc.invoke(method, payload)
    if (parsed.success) {
      totals.valid += 1
      expect(reply).toEqual({ ok: true, value: { fine: true } })
      expect(calls.slice(before)).toEqual([{ method, input: parsed.data }])
    } else {
      totals.invalid += 1
      expectRefusal(reply, payload)
      expect(calls.length).toBe(before)
    }
  }

  it.each(METHODS)('%s: hostile payloads, structured-clone values too, are refused before the core', async (method) => {
    await check(fc.asyncProperty(hostile(method, cloneOnly), (payload) => send(method, payload)), RUNS.ipcHostile)
    expect(ipc.records.filter((r) => r.level === 'error')).toEqual([])
  })

  it.each(METHODS)('%s: valid payloads reach the core, parsed', async (method) => {
    await check(fc.asyncProperty(VALID[method], (payload) => send(method, payload)), RUNS.ipcValid)
  })

  describe('in front of the real core', () => {
    let home: string
    let core: AppCore
    let real: ReturnType<typeof ipcWith>
    beforeAll(async () => {
      home = await mkdtemp(join(tmpdir(), 'token-desk-fuzz-'))
      const log = createLogger(memorySink(), 'debug')
      const cipher = await createNodeCipher({ home, passphrase: 'fuzz passphrase', keyring: null, scryptCost: { N: 1024, r: 8, p: 1 } })
      core = createAppCore({
        cipher,
        settingsDir: home,
        loginWindow: { open: () => Promise.resolve({ kind: 'cancelled' }), clearSession: () => Promise.resolve() },
        clipboard: { copy: () => undefined },
        notifier: { notify: () => undefined },
        log,
        platform: { setStartAtLogin: () => undefined },
        timers: heldTimers,
        practice: { enabled: false },
      })
      await core.start()
      real = ipcWith(core)
    })
    afterAll(async () => {
      await core.stop()
      await rm(home, { recursive: true, force: true })
    })

    it('leaves the app state and the data folder exactly as they were', async () => {
      const state = JSON.stringify(core.state())
      const files = await filesUnder(home)
      for (const method of METHODS) {
        const refused = hostile(method, cloneOnly).filter((p) => !schemas[method].safeParse(p ?? {}).success)
        await check(
          fc.asyncProperty(refused, async (payload) => {
            totals.invalid += 1
            expectRefusal(await real.invoke(method, payload), payload)
            expect(JSON.stringify(core.state())).toBe(state)
          }),
          RUNS.realCore,
        )
      }
      expect(await filesUnder(home)).toEqual(files)
    })
  })
})

// Last in the file: runs only when the whole file does.
it('generated thousands of payloads, and the schema split them both ways', () => {
  expect(totals.invalid + totals.valid).toBeGreaterThan(5000)
  expect(totals.valid).toBeGreaterThan(900)
  expect(totals.invalid).toBeGreaterThan(3000)
  console.warn(`bridge fuzz: ${totals.invalid} refused and ${totals.valid} accepted payloads`)
})
