import type { AccessInfo, DialogPage, DoctorReport, LoginConfigs, Notice, WizardState } from '../../../preload/api'
import type { DiagnosticsPorts } from './diagnostics'
import type { GraphClient, RetryOptions } from '../graph'
import type { Monitor, WatchStore } from '../monitor'
import type { Cipher, Clock, LoginWindow, Logger, Notifier, SecretClipboard, Timers } from '../ports'
import type { Sandbox, SandboxOptions } from '../sandbox'
import type { SettingsBacking, SettingsStore } from '../settings'
import type { Inspection } from '../tokens/inspect'
import type { PendingLogins } from '../tokens/pending-login'
import type { VerifiedPage } from '../tokens/pages'
import type { TokenMeta } from '../tokens/record'
import type { Vault } from '../vault'
import type { Deliveries } from '../deliveries'
import type { Env } from '../home'

/** A group notice's words for the tokens still in it. */
export type Reword = (remaining: readonly string[]) => string

export interface CreateAppCoreDeps {
  cipher: Cipher
  /** TOKEN_DESK_HOME, or the shell's user-data folder. */
  settingsDir: string
  loginWindow: LoginWindow
  /**
   * The host's clipboard, which main writes and clears (the desktop app); or 'page': the page
   * writes the browser's clipboard itself from copyInPage's reply (`token-desk serve`).
   */
  clipboard: SecretClipboard | 'page'
  notifier: Notifier
  log: Logger
  platform: {
    /** Absent where start at login cannot work (the web host): the window does not offer it. */
    setStartAtLogin?(on: boolean): void
    /** Whether the OS has start at login registered for this copy now (absent where it cannot tell). */
    startAtLoginRegistered?(): boolean
  }
  clock?: Clock
  timers?: Timers
  fetch?: typeof fetch
  /** The settings file's engine (electron-store in the desktop app); conf when absent. */
  settingsEngine?: (where: { cwd: string; name: string }) => SettingsBacking
  graphRetry?: Partial<RetryOptions>
  /** Log files and host facts for "Copy diagnostics" and "Open logs folder". */
  diagnostics?: DiagnosticsPorts
  /** What delivery and alert commands start from (default: this process's environment, withheld secrets taken out). */
  childEnv?: Env
  /** How long one delivery or alert command may run (default 60 s). */
  commandTimeoutMs?: number
  /**
   * Where every login returns in this host, when the host catches it itself: the web host's
   * http://localhost:PORT/login/callback. Absent: the app's own redirect (the desktop window
   * reads login_success.html from its navigation events).
   */
  loginRedirectUri?: string
  /** The web host's port is remembered (or given), so its login address stays the same across launches. */
  loginRedirectFixed?: boolean
  practice?: {
    /** Where the practice login returns: the web host's loopback callback. Default: the sandbox's login_success page. */
    redirectUri?: string
    /** Options for the practice sandbox the app starts (tests set the clock, latency, page count). */
    sandbox?: SandboxOptions
    /** Whether practice mode is offered at all (`token-desk serve --sandbox`, or the desktop app). */
    enabled?: boolean
    /** Told about each practice sandbox the app starts: tests and benchmarks drive it. */
    onSandbox?: (sandbox: Sandbox) => void
  }
}

/** What the appsecret-holding vault keeps beside the app secret. */
export interface AppSecretMeta {
  appId: string
}

/** The token the wizard works on: only here, in memory, never in the state the renderer sees. */
export interface WizardWork {
  token: string
  inspection: Inspection
  pages: VerifiedPage[] | null
  /** Set when the wizard renews a stored token instead of adding one. */
  replaces: string | null
  /** The name the user gave when pasting. */
  name?: string
  /** The Login for Business configuration the token came through. */
  configId?: string
  /** A business integration token: its client business. */
  clientBusinessId?: string
}

/** The mutable heart of the app; each method module reads and changes it, then calls `emit`. */
export interface AppContext {
  deps: CreateAppCoreDeps
  log: Logger
  clock: Clock
  settings: SettingsStore
  /** The token vault; every new secret stored through it is delivered to the token's destinations. */
  tokens: Vault<TokenMeta>
  deliveries: Deliveries
  secrets: Vault<AppSecretMeta>
  monitor: Monitor
  /** The monitor's view of the tokens: the vault plus check results not yet written. */
  watch: WatchStore & { flush(): Promise<void> }
  pending: PendingLogins
  graph: GraphClient | null
  sandbox: Sandbox | null
  wizard: WizardState
  work: WizardWork | null
  access: AccessInfo | null
  notices: Notice[]
  online: boolean
  /** A valid user token of the app's admin, in memory, for debug_token on Native/Desktop apps. */
  adminToken: string | null
  /** A business admin's user token from the system-user login, in memory only, for minting. */
  systemUserCaller?: string | null
  /** The app doctor's last report. */
  doctor: DoctorReport | null
  /** Practice mode: the kind of practice app, and a Business app's configurations (what "Repair my app" restores). */
  practiceApp?: { kind: 'classic' | 'business'; configs: LoginConfigs }
  /** The refusal page the last login ended on, for the doctor; cleared by a login that works. */
  dialogPage: DialogPage | null
  lastCheckAt: number | null
  emit(): void
  /** Keys of problem banners the user dismissed (see alarms.ts); each lasts while its problem does. */
  dismissedProblems: Set<string>
  /**
   * Tokens the person just ended from this window (a revoke, a rotation): the window says so, so
   * their deaths make no OS notification. Emptied once the check that finds them is announced.
   */
  deathsExpected: Set<string>
  /**
   * A notice about no token, one token, or a group of tokens (one alarm for many). A reminder
   * gives `reword`: its words again for the tokens still in it, once some are renewed or stop,
   * and as time passes. A notice with a `cause` is the only one of its cause on screen.
   */
  notice(level: Notice['level'], message: string, about?: string | readonly string[], familyId?: string | null, reword?: Reword, cause?: string): void
  /** A notice's cause is gone (a repaired app, a new secret, a check that worked): its notices go. */
  endNotices(cause: string): void
  /** The cause a notice was given, if any. */
  causeOf(noticeId: string): string | undefined
  /** The notices as shown now: each reminder says its days left as of now, not as of when it came. */
  currentNotices(): Notice[]
  /** A token was renewed or removed: its reminders and death notices are old news. */
  forgetNotices(tokenId: string): void
  /** Tokens stopped: a reminder that they will stop is old news (their problem banner says it now). */
  forgetReminders(tokenIds: readonly string[]): void
  /** Takes in what other programs (token-desk, another window's host) wrote to the token vault. */
  refreshVault(): Promise<void>
}
