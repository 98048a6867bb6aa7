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
