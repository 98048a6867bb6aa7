/**
 * What a Graph verdict means for a stored token. Only Graph decides life and death: the local
 * clock decides nothing but whether a living token is shown as 'expiring'.
 */
import type { TokenStatus } from '../../../preload/api'
import { DAY } from './durations'
import type { NormalizedSettings } from './settings'
import type { TokenVerdict, WatchedToken, WatchPatch } from './types'

/**
 * 'expiring' once the expiry is within the largest reminder threshold, including when our
 * clock says it has passed while Graph still calls the token valid (clock skew).
 */
export function livingStatus(expiresAt: number | null, now: number, settings: NormalizedSettings): TokenStatus {
  if (expiresAt === null) return 'valid'
  const widest = settings.reminderDays.at(-1) ?? 0
  return expiresAt - now <= widest * DAY ? 'expiring' : 'valid'
}

export function patchFor(token: WatchedToken, verdict: TokenVerdict, now: number, settings: NormalizedSettings): WatchPatch {
  if (verdict.valid) {
    return {
      status: livingStatus(verdict.expiresAt, now, settings),
      expiresAt: verdict.expiresAt,
      neverExpires: verdict.expiresAt === null,
      dataAccessExpiresAt: verdict.dataAccessExpiresAt,
      problem: null,
      diedAt: null,
      lastCheckedAt: now,
      scopes: verdict.scopes,
    }
  }
  const sameDeath = token.status === 'dead' && token.problem?.reason === verdict.problem.reason && token.diedAt !== null
  return {
    status: 'dead',
    problem: verdict.problem,
    diedAt: sameDeath ? token.diedAt : now,
    lastCheckedAt: now,
  }
}

/** Whether the user should hear that the token's state changed. */
export function changedState(token: WatchedToken, patch: WatchPatch): boolean {
  const status = patch.status ?? token.status
  const reason = patch.problem === undefined ? token.problem?.reason : patch.problem?.reason
  return status !== token.status || reason !== token.problem?.reason
}
