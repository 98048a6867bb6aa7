import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppState, Method } from '../../../preload/api'
import { createAppCore } from '../../../main/core/app/create'
import type { AppCore } from '../../../main/core/app/types'
import { refusalPage } from '../../../main/core/doctor'
import type { DiagnosticsPorts } from '../../../main/core/app/diagnostics'
import { createLogger, memorySink, type LogRecord, type LogSink } from '../../../main/core/log'
import { teeSink } from '../../../main/core/logging/file-log'
import type { Sandbox } from '../../../main/core/sandbox'
import { createNodeCipher } from '../../../main/core/vault'
import { createWebLoginWindow, startWebHost, type WebHost } from '../../../main/web'
import { heldTimers } from '../app/harness'
import { makeRendererDir } from '../../unit/web/support'
import { openWebSession, SESSION_HEADER } from '../../support/web-session'

/** The real core in practice mode behind the web host, its popups wired as `token-desk serve` wires them. */
export interface RealHost {
  host: WebHost
  /** The data folder: vault, settings, and whatever the caller's options write there. */
  home: string
  /** The web host's session, as the page's bridge gets it from the launch URL. */
  session: string
  core: AppCore
  sandbox(): Sandbox
  records: LogRecord[]
  /** Every body read over HTTP. */
  bodies: string[]
  /** Each bridge call's method, body and Cache-Control header, in order. */
  replies: { method: Method; body: string; cacheControl: string | null }[]
  call(method: Method, input: object): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>
  get(path: string): Promise<Response>
  /** GET /login/start with a fresh one-time ticket, as the bridge sends its popup there. */
  popupStart(): Promise<Response>
  stop(): Promise<void>
}

export interface RealHostOptions {
  /** Also sent every log record, beside the records the host keeps (the leak scan's log file). */
  alsoLogTo?: (home: string) => LogSink
  diagnostics?: (home: string) => DiagnosticsPorts
  /** TOKEN_DESK_PASSPHRASE for the host; null: started without one (a locked vault stays locked). */
  passphrase?: string | null
  /** Runs on the fresh data folder before the host opens it (a vault another program made). */
  prepare?: (home: string) => Promise<void>
  /** 'page': the page writes the clipboard, as `token-desk serve` sets it (copyInPage). */
  clipboard?: 'page'
}

export async function startRealHost(options: RealHostOptions = {}): Promise<RealHost> {
  const home = await mkdtemp(join(tmpdir(), 'token-desk-real-host-'))
  const rendererDir = await makeRendererDir()
  const sink = memorySink()
  const extra = options.alsoLogTo?.(home)
  const log = createLogger(extra ? teeSink(sink, extra) : sink, 'debug')
  const passphrase = options.passphrase === undefined ? 'web doctor passphrase' : options.passphrase
  await options.prepare?.(home)
  const cipher = await createNodeCipher({ home, passphrase, keyring: null, scryptCost: { N: 1024, r: 8, p: 1 } })
  const popups = createWebLoginWindow({ arrivalMs: 10_000, probe: (url) => refusalPage(url) })
  let core: AppCore | null = null
  let sandbox: Sandbox | null = null
  const host = await startWebHost({
    rendererDir: join(rendererDir, 'renderer'),
    log,
    loginPopups: popups,
    loginStartWaitMs: 10_000,
    core: async ({ redirectUri }) => {
      core = createAppCore({
        cipher,
        settingsDir: home,
        loginWindow: popups,
        clipboard: options.clipboard ?? { copy: () => undefined },
        notifier: { notify: () => undefined },
        log,
        platform: { setStartAtLogin: () => undefined },
        timers: heldTimers,
        ...(options.diagnostics ? { diagnostics: options.diagnostics(home) } : {}),
        graphRetry: { maxAttempts: 2, baseMs: 1, capMs: 5, maxTotalMs: 2000 },
        practice: { enabled: true, redirectUri, sandbox: { ticking: false, pageCount: 3, requestLog: { raw: true } }, onSandbox: (s) => void (sandbox = s) },
        // As token-desk serve: logins with the user's own app return to the host too.
        loginRedirectUri: redirectUri,
      })
      await core.start()
      return core
    },
  })
  const { session } = await openWebSession(host.url)
  const bodies: string[] = []
  const replies: RealHost['replies'] = []
  return {
    replies,
    host,
    home,
    session,
    core: core!,
    records: sink.records,
    bodies,
    sandbox: () => {
      if (!sandbox) throw new Error('practice mode has not started')
      return sandbox
    },
    async call(method, input) {
      const response = await fetch(`${host.origin}/api/call/${method}`, {
        method: 'POST',
        headers: { [SESSION_HEADER]: session, origin: host.origin, 'content-type': 'application/json', 'x-token-desk': '1' },
        body: JSON.stringify(input),
      })
      const text = await response.text()
      bodies.push(text)
      replies.push({ method, body: text, cacheControl: response.headers.get('cache-control') })
      return JSON.parse(text) as { ok: boolean; value?: AppState; error?: { message: string } }
    },
    async get(path) {
      const response = await fetch(path.startsWith('http') ? path : `${host.origin}${path}`, { headers: { [SESSION_HEADER]: session }, redirect: 'manual' })
      bodies.push(await response.clone().text())
      return response
    },
    async popupStart() {
      const reply = await fetch(`${host.origin}/api/popup-ticket`, { method: 'POST', headers: { [SESSION_HEADER]: session, origin: host.origin, 'x-token-desk': '1' } })
      const { ticket } = (await reply.json()) as { ticket: string }
      const response = await fetch(`${host.origin}/login/start?ticket=${ticket}`, { redirect: 'manual' })
      bodies.push(await response.clone().text())
      return response
    },
    async stop() {
      await host.close()
      await core?.stop()
      await rm(home, { recursive: true, force: true })
      await rm(rendererDir, { recursive: true, force: true })
    },
  }
}
