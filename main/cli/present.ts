import type { Problem, TokenSummary } from '../../preload/api'
import type { TokenDebugInfo } from '../core/graph'
import { isoOrNull, relative } from './output'

export interface ProblemJson {
  reason: Problem['reason']
  code: number | null
  subcode: number | null
  message: string
}

export const problemJson = (p: Problem | null): ProblemJson | null =>
  p === null ? null : { reason: p.reason, code: p.code, subcode: p.subcode, message: p.message }

/** `inspect --json`, field for field as the contract names them. */
export function inspectJson(info: TokenDebugInfo, problem: Problem | null) {
  return {
    valid: info.isValid && problem === null,
    type: info.type,
    appId: info.appId,
    application: info.application,
    userId: info.userId,
    profileId: info.profileId,
    issuedAt: isoOrNull(info.issuedAt),
    expiresAt: isoOrNull(info.neverExpires ? null : info.expiresAt),
    neverExpires: info.neverExpires,
    dataAccessExpiresAt: isoOrNull(info.dataAccessExpiresAt),
    scopes: info.scopes,
    problem: problemJson(problem),
  }
}

/** What `add` prints: the stored description, never the token. */
export function summaryJson(s: TokenSummary) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    last4: s.last4,
    expiresAt: s.expiresAt,
    neverExpires: s.neverExpires,
    dataAccessExpiresAt: s.dataAccessExpiresAt,
    status: s.status,
  }
}

/**
 * What `list` and `check` print: the summary with why it is not usable, when Graph last said so,
 * and the user token a Page token was made from (scripts group by it; the array stays flat).
 */
export const checkedJson = (s: TokenSummary) => ({ ...summaryJson(s), problem: problemJson(s.problem), lastCheckedAt: s.lastCheckedAt, parentId: s.parentId })

/** "2026-01-30T10:00:00.000Z (in 59 days)", or "never". */
export function when(iso: string | null, now: number, never = false): string {
  if (never) return 'never'
  if (iso === null) return '-'
  return `${iso} (${relative(Date.parse(iso), now)})`
}
