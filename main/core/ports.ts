import type { DialogPage } from '../../preload/api'

/**
 * The small pieces of the platform that main/core receives at construction, so that the same
 * core runs under Electron, the web host, the CLI and the tests.
 */

/** Wall-clock time in milliseconds since the epoch. Tests and the practice sandbox move it. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** Timers, injectable so a test can step through a schedule without waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms)
    // A pending check must never keep a CLI process alive.
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** Sleeping between retries; tests record the waits instead of sleeping. */
export type Sleep = (ms: number) => Promise<void>
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** A number in [0, 1), for jitter. Tests pass a fixed sequence. */
export type Random = () => number

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** Every log line goes through the redactor before it reaches a sink (see log.ts). */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

// ------------------------------------------------------------------ platform ports

/**
 * How safe the place is where secrets are kept at rest:
 * - `os-keystore`: protected by the OS (Keychain, DPAPI, libsecret, kwallet, or our own
 *   AES-GCM key held in the OS keyring);
 * - `weak`: encrypted with a key anyone on the machine can read (Linux `basic_text`);
 * - `unavailable`: nothing to encrypt with: secrets stay in memory only.
 */
export type ProtectionLevel = 'os-keystore' | 'weak' | 'unavailable'

export interface DecryptResult {
  plain: string
  /** The backend would rather have this blob written again (safeStorage's shouldReEncrypt). */
  shouldReEncrypt: boolean
}

/** Encrypts secrets at rest. safeStorage in Electron; AES-256-GCM in Node (CLI, web host). */
export interface Cipher {
  /** A stable name for what encrypts: 'safeStorage:gnome_libsecret', 'aes-256-gcm:keyring', ... */
  readonly backend: string
  protection(): ProtectionLevel
  encrypt(plain: string): Promise<Uint8Array>
  decrypt(blob: Uint8Array): Promise<DecryptResult>
}

export type LoginOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'cancelled' }
  | { kind: 'timeout' }
  /**
   * Facebook refused the login, or the window could not load the dialog. `page`: the refusal page
   * the window recognised (core/doctor/dialog-pages.ts), when it was one of Facebook's.
   */
  | { kind: 'blocked'; message: string; page?: DialogPage }

/**
 * Opens the Facebook login dialog and resolves with the first URL that reaches the redirect
 * URI, before any page loads it. Electron: a hardened BrowserWindow; web host: a popup.
 */
export interface LoginWindow {
  open(request: { url: string; redirectUri: string; timeoutMs: number }): Promise<LoginOutcome>
  /** Forget any Facebook session the login window kept (sign out). */
  clearSession(): Promise<void>
}

/** Copies a secret and clears it again after `clearAfterMs` if the clipboard still holds it. */
export interface SecretClipboard {
  copy(text: string, clearAfterMs: number): void
}

export interface Notification {
  /** Stable key: the same key is never shown twice. */
  key: string
  title: string
  body: string
  tokenId: string | null
  action: 'reauthorize' | 'open'
}

export interface Notifier {
  notify(notification: Notification): void
}
