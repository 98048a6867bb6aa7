import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppState, Input, Method, Reply } from '../../../preload/api'
import type { AppCore } from '../../../main/core/app/types'
import type { LogRecord } from '../../../main/core/log'
import { createLogger, memorySink } from '../../../main/core/log'
import type { WebHost, WebHostOptions, WebLoginWindow } from '../../../main/web'
import { createWebLoginWindow, startWebHost } from '../../../main/web'
import { openWebSession, SESSION_HEADER } from '../../support/web-session'

export function sampleState(overrides: Partial<AppState> = {}): AppState {
  return {
    mode: 'practice',
    app: null,
    storage: { protection: 'os-keystore', backend: 'test', persisting: true, unlock: null, scriptPassphrase: null },
    wizard: { step: 'purpose' },
    tokens: [],
    access: null,
    settings: { reminderDays: [7], dataAccessReminderDays: [14], checkIntervalHours: 6, startAtLogin: false, allowWeakSecretStorage: false },
    notices: [],
    online: true,
    lastCheckAt: null,
    practiceNow: null,
    practiceExplorerUrl: null,
    doctor: null,
    versions: null,
    ...overrides,
  }
}

export interface FakeCore extends AppCore {
  calls: { method: Method; input: unknown }[]
  listeners: Set<(state: AppState) => void>
  /** Resolves at the next unsubscribe. */
  nextUnsubscribe(): Promise<void>
  emit(state: AppState): void
  /** What the next call answers; a function may throw or wait. */
  answer: (method: Method, input: unknown) => Promise<unknown>
}

/** An in-memory AppCore that records what reaches it and emits states on demand. */
export function createFakeCore(initial: AppState = sampleState()): FakeCore {
  let current = initial
  let unsubscribed: (() => void)[] = []
  const core: FakeCore = {
    calls: [],
    listeners: new Set(),
    answer: () => Promise.resolve({ ok: true, value: current }),
    emit(state) {
      current = state
      for (const listener of core.listeners) listener(state)
    },
    async call<M extends Method>(method: M, input: Input<M>): Promise<Reply<M>> {
      core.calls.push({ method, input })
      return (await core.answer(method, input)) as Reply<M>
    },
    subscribe(listener) {
      core.listeners.add(listener)
      return () => {
        core.listeners.delete(listener)
        const waiting = unsubscribed
        unsubscribed = []
        for (const resolve of waiting) resolve()
      }
    },
    nextUnsubscribe: () => new Promise<void>((resolve) => unsubscribed.push(resolve)),
    state: () => current,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    wake() {},
    setOnline() {},
  }
  return core
}

export interface Harness {
  host: WebHost
  core: FakeCore
  popups: WebLoginWindow
  records: LogRecord[]
  rendererDir: string
  /** Every response body read through the helpers below, for the "never the key" check. */
  bodies: string[]
  /** The session, obtained through the launch URL as the page's bridge does; sent in its header. */
  session: string
  /** The launch URLs the host printed after the first one was used, newest last. */
  freshUrls: string[]
  port: number
  get(path: string, init?: RequestInit): Promise<Response>
  call(method: string, body: unknown, init?: RequestInit): Promise<Response>
  /** GET /login/start with a fresh one-time ticket, as the bridge sends its popup there. */
  popupStart(): Promise<Response>
  text(response: Response): Promise<string>
  stop(): Promise<void>
}

export async function makeRendererDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'token-desk-web-'))
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true })
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Token Desk</title><script type="module" src="/assets/x.js"></script>\n')
  await writeFile(join(dir, 'renderer', 'assets', 'x.js'), 'console.log("renderer")\n')
  await writeFile(join(dir, 'outside.txt'), 'outside the root\n')
  return dir
}

export async function startHarness(options: Partial<WebHostOptions> = {}): Promise<Harness> {
  const dir = await makeRendererDir()
  const core = createFakeCore()
  const popups = options.loginPopups ?? createWebLoginWindow()
  const sink = memorySink()
  const freshUrls: string[] = []
  const host = await startWebHost({
    core,
    rendererDir: join(dir, 'renderer'),
    log: createLogger(sink, 'debug'),
    loginPopups: popups,
    onLaunchUrl: (url) => freshUrls.push(url),
    ...options,
  })
  const bodies: string[] = []
  const { session } = await openWebSession(host.url)
  const text = async (response: Response): Promise<string> => {
    const body = await response.text()
    bodies.push(body)
    return body
  }
  const harness: Harness = {
    host,
    core,
    popups,
    records: sink.records,
    rendererDir: dir,
    bodies,
    session,
    freshUrls,
    port: Number(new URL(host.origin).port),
    get: (path, init = {}) =>
      fetch(`${host.origin}${path}`, { redirect: 'manual', ...init, headers: { [SESSION_HEADER]: session, ...(init.headers as Record<string, string>) } }),
    call: (method, body, init = {}) =>
      fetch(`${host.origin}/api/call/${method}`, {
        method: 'POST',
        redirect: 'manual',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...init,
        headers: {
          [SESSION_HEADER]: session,
          origin: host.origin,
          'content-type': 'application/json',
          'x-token-desk': '1',
          ...(init.headers as Record<string, string>),
        },
      }),
    text,
    async popupStart() {
      const ticket = await fetch(`${host.origin}/api/popup-ticket`, { method: 'POST', headers: { [SESSION_HEADER]: session, origin: host.origin, 'x-token-desk': '1' } })
      const { ticket: value } = (await ticket.json()) as { ticket: string }
      return fetch(`${host.origin}/login/start?ticket=${value}`, { redirect: 'manual' })
    },
    async stop() {
      await host.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
  return harness
}

/** node:http, for what fetch will not send: a foreign or missing Host header. */
export function rawGet(port: number, path: string, headers: Record<string, string>, setHost = true): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers, setHost }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

export interface StreamReader {
  /** Reads on until `done(raw)` holds; rejects if the stream ends first. */
  until(done: (raw: string) => boolean): Promise<string>
  /** Reads on until the server ends the stream (or drops the connection). */
  end(): Promise<string>
  cancel(): Promise<void>
}

/** Reads a server-sent event stream as it arrives, keeping everything read so far. */
export function streamReader(response: Response): StreamReader {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let raw = ''
  const more = async (): Promise<boolean> => {
    const { value, done } = await reader.read()
    if (done) return false
    raw += decoder.decode(value, { stream: true })
    return true
  }
  return {
    async until(done) {
      while (!done(raw)) if (!(await more())) throw new Error(`the stream ended first; it held: ${raw}`)
      return raw
    },
    async end() {
      try {
        while (await more());
      } catch {
        // A dropped connection ends the stream too.
      }
      return raw
    },
    cancel: () => reader.cancel(),
  }
}

/** The data of each complete event of this name, in order. */
export function eventData(raw: string, name = 'state'): string[] {
  return raw
    .split('\n\n')
    .slice(0, -1)
    .map((block) => block.split('\n'))
    .filter((lines) => lines[0] === `event: ${name}`)
    .map((lines) => lines.slice(1).join('\n').replace(/^data: /, ''))
}
