import { describe, expect, it } from 'vitest'
import { METHODS, STATE_CHANNEL, channelOf, type AppState, type Method, type Reply } from '../../../preload/api'
import type { AppCore } from '../../../main/core/app/types'
import { createLogger, memorySink, silentLogger } from '../../../main/core/log'
import { registerSecret, forgetSecrets } from '../../../main/core/redact'
import { holdsSecret, isTrustedSender, pushState, registerCoreHandlers, registerHandler, type InvokeEventLike } from '../../../main/shell/ipc'
import { readyFakeElectron } from '../../fakes/electron'

const topFrame = (url: string) => ({ url, parent: null })
const goodEvent: InvokeEventLike = { senderFrame: topFrame('app://token-desk/index.html') }
const prod = { devOrigin: null }

function recordingCore(reply: (method: Method, input: unknown) => unknown = () => ({ ok: true, value: 'fine' })) {
  const calls: { method: Method; input: unknown }[] = []
  const core = {
    call: (method: Method, input: unknown) => {
      calls.push({ method, input })
      return Promise.resolve(reply(method, input))
    },
  } as unknown as AppCore
  return { core, calls }
}

function setup(reply?: (method: Method, input: unknown) => unknown, policy = prod) {
  const electron = readyFakeElectron()
  const { core, calls } = recordingCore(reply)
  const sink = memorySink()
  registerCoreHandlers(electron.ipcMain, core, policy, createLogger(sink))
  const invoke = (method: Method, event: InvokeEventLike, payload: unknown) => {
    const handler = electron.ipcMain.handlers.get(channelOf(method))
    if (!handler) throw new Error(`no handler for ${method}`)
    return handler(event, payload) as Promise<Reply<Method>>
  }
  return { electron, calls, invoke, sink }
}

describe('isTrustedSender (R10)', () => {
  it.each([
    ['the app top frame', topFrame('app://token-desk/index.html'), true],
    ['the app root', topFrame('app://token-desk/'), true],
    ['a null frame', null, false],
    ['a sub-frame of the app', { url: 'app://token-desk/index.html', parent: {} }, false],
    ['facebook', topFrame('https://www.facebook.com/'), false],
    ['another app host', topFrame('app://evil/index.html'), false],
    ['userinfo on the app scheme', topFrame('app://x@token-desk/index.html'), false],
    ['file', topFrame('file:///work/out/renderer/index.html'), false],
    ['the dev server in production', topFrame('http://localhost:5173/'), false],
    ['about:blank', topFrame('about:blank'), false],
    ['garbage', topFrame('::'), false],
  ])('%s -> %s', (_name, frame, expected) => {
    expect(isTrustedSender(frame, prod)).toBe(expected)
  })

  it('accepts the dev server origin only when it is configured (unpackaged dev runs)', () => {
    const dev = { devOrigin: 'http://localhost:5173' }
    expect(isTrustedSender(topFrame('http://localhost:5173/index.html'), dev)).toBe(true)
    expect(isTrustedSender(topFrame('http://localhost:5174/'), dev)).toBe(false)
    expect(isTrustedSender({ url: 'http://localhost:5173/', parent: {} }, dev)).toBe(false)
  })
})

describe('registerHandler (R10, R11)', () => {
  it('registers exactly one handler per contract method', () => {
    const { electron } = setup()
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(METHODS.map(channelOf).sort())
  })

  it('passes parsed input to the core and returns its reply', async () => {
    const { invoke, calls } = setup()
    expect(await invoke('renameToken', goodEvent, { id: 'tok_1', name: '  Ads  ' })).toEqual({ ok: true, value: 'fine' })
    // The schema trims names: the core sees the parsed value, not the raw one.
    expect(calls).toEqual([{ method: 'renameToken', input: { id: 'tok_1', name: 'Ads' } }])
    expect(await invoke('getState', goodEvent, undefined)).toEqual({ ok: true, value: 'fine' })
  })

  it.each([
    ['a null frame', { senderFrame: null }],
    ['a sub-frame', { senderFrame: { url: 'app://token-desk/index.html', parent: {} } }],
    ['a foreign origin', { senderFrame: topFrame('https://www.facebook.com/') }],
  ] as [string, InvokeEventLike][])('refuses %s as not-allowed, without calling the core', async (_name, event) => {
    const { invoke, calls } = setup()
    const reply = await invoke('removeToken', event, { id: 'tok_1' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-allowed' } })
    expect(calls).toEqual([])
  })

  it.each([
    ['removeToken', { id: '../../etc' }],
    ['removeToken', {}],
    ['removeToken', { id: 'a', extra: 1 }],
    ['pasteToken', { token: 'short' }],
    ['pasteToken', { token: 'EAA has spaces in it' }],
    ['configureApp', { appId: 'abc', appSecret: '0'.repeat(32) }],
    ['deleteEverything', { confirm: 'yes' }],
    ['practice', { action: 'advance-time', days: 0 }],
    ['updateSettings', { checkIntervalHours: 0 }],
    ['getState', 'not an object'],
  ] as [Method, unknown][])('refuses a bad %s payload as invalid-input', async (method, payload) => {
    const { invoke, calls } = setup()
    const reply = await invoke(method, goodEvent, payload)
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(calls).toEqual([])
  })

  it('never echoes a pasted token in an invalid-input message', async () => {
    const { invoke } = setup()
    const token = `EAAB${'x'.repeat(30)} tail`
    const reply = await invoke('pasteToken', goodEvent, { token })
    expect(JSON.stringify(reply)).not.toContain('EAAB')
  })

  it('turns a throwing core into a plain failed reply, logged without the secret', async () => {
    const { invoke, sink } = setup(() => {
      throw new Error('boom access_token=EAABsecretsecretsecret')
    })
    const reply = await invoke('checkNow', goodEvent, {})
    expect(reply).toEqual({ ok: false, error: { code: 'failed', message: expect.any(String) as string } })
    expect(JSON.stringify(reply)).not.toContain('EAAB')
    expect(JSON.stringify(sink.records)).not.toContain('EAABsecret')
  })

  it('withholds a reply that would carry a token, the app secret or a code (R11)', async () => {
    const appSecret = '0123456789abcdef0123456789abcdef'
    registerSecret(appSecret)
    try {
      for (const leaked of [
        { ok: true, value: { tokens: [{ name: `EAAB${'z'.repeat(40)}` }] } },
        { ok: true, value: { note: `the secret is ${appSecret}` } },
        { ok: true, value: { url: 'https://x/cb?code=AQBxxxxxxxxxxxxxxxxxxxxxxxx' } },
        { ok: false, error: { code: 'failed', message: 'client_secret=abc' } },
      ]) {
        const { invoke } = setup(() => leaked)
        const reply = await invoke('getState', goodEvent, {})
        expect(reply).toMatchObject({ ok: false, error: { code: 'failed' } })
        expect(JSON.stringify(reply)).not.toMatch(/EAAB|0123456789abcdef|AQB|client_secret/)
      }
    } finally {
      forgetSecrets()
    }
  })

  it('passes a core refusal through in its own words (its code is not an OAuth code)', async () => {
    for (const refusal of [
      { ok: false, error: { code: 'not-allowed', message: 'The vault is already open.' } },
      { ok: false, error: { code: 'invalid-input', message: 'That passphrase does not open this vault. Nothing was changed.' } },
    ] as const) {
      const { invoke } = setup(() => refusal)
      expect(await invoke('unlockVault', goodEvent, { passphrase: 'typed in the window' })).toEqual(refusal)
    }
  })

  it('lets ordinary summaries through', () => {
    expect(holdsSecret({ ok: true, value: { masked: '…abcd', clearsInSeconds: 30 } })).toBe(false)
    expect(holdsSecret({ ok: true, value: { tokens: [{ id: 'tok_1', last4: 'wxyz', scopes: ['ads_read'] }] } })).toBe(false)
  })

  it('registering the same method twice fails loudly, as Electron does', () => {
    const electron = readyFakeElectron()
    const fn = () => Promise.resolve({ ok: true as const, value: {} as AppState })
    registerHandler(electron.ipcMain, 'getState', fn, prod, silentLogger)
    expect(() => registerHandler(electron.ipcMain, 'getState', fn, prod, silentLogger)).toThrow()
  })
})

describe('pushState', () => {
  it('sends the state on the state channel to a live window only', () => {
    const sent: unknown[][] = []
    const state = { mode: 'none' } as AppState
    pushState({ isDestroyed: () => false, send: (...args) => sent.push(args) }, state)
    pushState({ isDestroyed: () => true, send: (...args) => sent.push(args) }, state)
    pushState(null, state)
    expect(sent).toEqual([[STATE_CHANNEL, state]])
  })
})
