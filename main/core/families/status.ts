import type { TokenStatus, TokenSummary } from '../../../preload/api'

/** Most urgent first: what the user opened the window for. */
export const URGENCY: Record<TokenStatus, number> = { dead: 0, 'needs-relogin': 1, expiring: 2, unknown: 3, valid: 4 }

export const isStopped = (t: Pick<TokenSummary, 'status'>): boolean => t.status === 'dead' || t.status === 'needs-relogin'

export const needsAttention = (t: Pick<TokenSummary, 'status'>): boolean => isStopped(t) || t.status === 'expiring'

export function worstStatus(tokens: readonly Pick<TokenSummary, 'status'>[]): TokenStatus {
  let worst: TokenStatus = 'valid'
  for (const t of tokens) if (URGENCY[t.status] < URGENCY[worst]) worst = t.status
  return worst
}
