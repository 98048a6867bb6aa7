import { MINUTE } from './durations'
import type { Usage } from './types'

/** Retries after a failed check: 1, 2, 4 … minutes, never more than an hour apart. */
export const RETRY_BASE_MS = MINUTE
export const RETRY_CAP_MS = 60 * MINUTE

/** Usage at or above this share of the limit slows the regular checks (security.md R28). */
export const USAGE_BACKOFF_PERCENT = 80
export const USAGE_BACKOFF_FACTOR = 4

export interface FailureState {
  /** When the latest check failed. */
  at: number
  /** Failed checks in a row, counting that one. */
  consecutive: number
  retryAfterMs?: number
}

/**
 * How long to wait after `consecutive` failures. Graph's own wait (Retry-After, or the BUC
 * header's time to regain access) is honoured up to one regular interval, so a wrong header
 * can't silence the monitor for days.
 */
export function retryDelayMs(failure: FailureState, intervalMs: number): number {
  const steps = Math.max(0, Math.min(30, failure.consecutive - 1))
  const backoff = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** steps)
  const asked = failure.retryAfterMs
  if (asked === undefined || !Number.isFinite(asked) || asked <= 0) return backoff
  return Math.max(backoff, Math.min(asked, intervalMs))
}

export function isUsageHigh(usage: Usage | null | undefined): boolean {
  return usage != null && usage.highestPercent >= USAGE_BACKOFF_PERCENT
}
