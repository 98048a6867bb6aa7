import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppState, Input, Method, Results } from '../../../preload/api'
import { createAppCore } from '../../../main/core/app/create'
import type { AppCore } from '../../../main/core/app/types'
import { createLogger, memorySink, type LogRecord } from '../../../main/core/log'
import type { Cipher, LoginOutcome, LoginWindow, Notification, Timers } from '../../../main/core/ports'
import { driveConsent, type ConsentChoice as SandboxConsentChoice } from '../../../main/core/sandbox/consent-client'
import { dialogPageMessage, probeDialog } from '../../../main/core/doctor'
import type { Sandbox } from '../../../main/core/sandbox'
import { createNodeCipher } from '../../../main/core/vault'
import type { RetryOptions } from '../../../main/core/graph'

export type ConsentChoice = SandboxConsentChoice | 'close'

/**
 * A login window that clicks through the sandbox's consent page over real HTTP. Like the web
 * host, it looks at the dialog first: a refusal page is named by the core's recogniser.
 */
export function consentWindow(): LoginWindow & { choices: ConsentChoice[]; urls: string[]; cleared: number } {
  const win = {
    choices: [] as ConsentChoice[],
    urls: [] as string[],
    cleared: 0,
    async open(request: { url: string }): Promise<LoginOutcome> {
      win.urls.push(request.url)
      const choice = win.choices.shift() ?? {}
      if (choice === 'close') return { kind: 'cancelled' }
      const seen = await probeDialog(request.url, fetch)
      if (seen.kind === 'refused') return { kind: 'blocked', message: dialogPageMessage(seen.page), page: seen.page }
      return { kind: 'redirect', url: await driveConsent(request.url, choice) }
    },
    clearSession() {
      win.cleared += 1
      return Promise.resolve()
    },
  }
  return win
}

/** Timers that never fire by themselves: the tests drive checks explicitly. */
export const heldTimers: Timers = { setTimeout: () => ({}), clearTimeout: () => undefined }

export interface Harness {
  core: AppCore
  home: string
  login: ReturnType<typeof consentWindow>
  logs: LogRecord[]
  notifications: Notification[]
  clipboard: string[]
  states: AppState[]
  /** The practice sandbox the app started (after startPractice). */
  sandbox(): Sandbox
  call<M extends Method>(method: M, input: Input<M>): Promise<Results[M]>
  fail<M extends Method>(method: M, input: Input<M>): Promise<string>
  close(): Promise<void>
}

export interface HarnessOptions {
  home?: string
  /**
   * Overrides of the small default retry policy. The practice clock stands still in these tests,
   * so `maxTotalMs` is also each request's timeout (the transport bounds an attempt by the budget
   * left): the abuse suite lowers it to make a slow fault time out quickly.
   */
  graphRetry?: Partial<RetryOptions>
  /** The core's fetch port (default: Node's fetch); the shell tests pass the desktop one. */
  fetch?: typeof fetch
  /** The vault's cipher (default: the command line's, opened with a test passphrase). */
  cipher?: Cipher
  /** Pages of the practice user (default 3). */
  pageCount?: number
  /** What delivery and alert commands start from (default: this process's environment). */
  childEnv?: Record<string, string | undefined>
  commandTimeoutMs?: number
  /** 'page': a browser host, whose page writes the clipboard itself (copyInPage); default: a recording host clipboard. */
  clipboard?: 'page'
  /** Leave out start at login, as `token-desk serve` does. */
  noStartAtLogin?: boolean
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const home = opts.home ?? (await mkdtemp(join(tmpdir(), 'token-desk-app-')))
  const sink = memorySink()
  const log = createLogger(sink, 'debug')
  const cipher = opts.cipher ?? await createNodeCipher({ home, passphrase: 'practice passphrase for tests', keyring: null, scryptCost: { N: 1024, r: 8, p: 1 } })
  const login = consentWindow()
  let sandbox: Sandbox | null = null
  const notifications: Notification[] = []
  const clipboard: string[] = []
  const core = createAppCore({
    cipher,
    settingsDir: home,
    loginWindow: login,
    clipboard: opts.clipboard ?? { copy: (text) => void clipboard.push(text) },
    notifier: { notify: (n) => void notifications.push(n) },
    log,
    platform: opts.noStartAtLogin ? {} : { setStartAtLogin: () => undefined },
    timers: heldTimers,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    graphRetry: { maxAttempts: 2, baseMs: 1, capMs: 5, maxTotalMs: 2000, ...opts.graphRetry },
    practice: { enabled: true, sandbox: { ticking: false, pageCount: opts.pageCount ?? 3, requestLog: { raw: true } }, onSandbox: (s) => void (sandbox = s) },
    ...(opts.childEnv ? { childEnv: opts.childEnv } : {}),
    ...(opts.commandTimeoutMs ? { commandTimeoutMs: opts.commandTimeoutMs } : {}),
  })
  const states: AppState[] = []
  core.subscribe((s) => void states.push(s))
  await core.start()
  const call = async <M extends Method>(method: M, input: Input<M>): Promise<Results[M]> => {
    const reply = await core.call(method, input)
    if (!reply.ok) throw new Error(`${method} failed: ${reply.error.message}`)
    return reply.value
  }
  const fail = async <M extends Method>(method: M, input: Input<M>): Promise<string> => {
    const reply = await core.call(method, input)
    if (reply.ok) throw new Error(`${method} was expected to fail`)
    return reply.error.message
  }
  return {
    core,
    home,
    login,
    logs: sink.records,
    notifications,
    clipboard,
    states,
    sandbox: () => {
      if (!sandbox) throw new Error('practice mode has not started')
      return sandbox
    },
    call,
    fail,
    close: async () => {
      await core.stop()
      if (!opts.home) await rm(home, { recursive: true, force: true })
    },
  }
}

/** Every file under a folder, with its bytes, for leak scans. */
export async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = []
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    if ((await stat(path)).isDirectory()) out.push(...(await filesUnder(path)))
    else out.push({ path, text: (await readFile(path)).toString('latin1') })
  }
  return out
}
