import type { RetryOptions } from './config'
import type { GraphError } from './errors'

/**
 * `normal`: retry what is transient. `until-response`: for calls that must not run twice (the
 * code exchange), retry only when the request provably never left, and never after any answer.
 */
export type RetryMode = 'normal' | 'until-response'

/** Full jitter: a uniform draw below the capped exponential step (retry 0 is the first retry). */
export function backoffMs(retry: number, options: RetryOptions, random: () => number): number {
  return Math.floor(random() * Math.min(options.capMs, options.baseMs * 2 ** retry))
}

/** Whether this failure may be tried again, before considering the time budget. */
export function isRetryable(error: GraphError, mode: RetryMode, neverSent: boolean): boolean {
  if (mode === 'until-response') return error.kind === 'network' && neverSent
  return error.kind === 'network' || error.kind === 'transient' || error.kind === 'throttled'
}

/** The wait before the next attempt: backoff, raised to any Retry-After or BUC regain time. */
export function waitBeforeRetry(error: GraphError, retry: number, options: RetryOptions, random: () => number): number {
  return Math.max(backoffMs(retry, options, random), error.retryAfterMs ?? 0)
}

const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

/** True when fetch failed before the request could reach a server (nothing can have run). */
export function failedBeforeSending(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && NEVER_SENT_CODES.has(code)) return true
  }
  return false
}
