import type { DeathReason, Problem, TokenSummary } from '../../../preload/api'
import { isStopped } from './status'
import type { Family } from './types'
import { causeHeadline, fixSentence } from './words'

/** Causes that belong to one token, not to a login: each lost Page role is its own problem. */
const ONE_TOKEN_CAUSES: ReadonlySet<DeathReason> = new Set(['no-page-role', 'wrong-app', 'unreadable'])

/**
 * What makes two stopped tokens one problem: the same family and the same cause. A password
 * change that ends a user token and its 57 Page tokens is one; a lost Page role stays one per Page.
 */
export function causeKey(familyId: string, token: Pick<TokenSummary, 'id'>, reason: DeathReason): string {
  return ONE_TOKEN_CAUSES.has(reason) ? `${familyId}:${reason}:${token.id}` : `${familyId}:${reason}`
}

export interface ProblemGroup {
  /** Stable while the problem lasts; `p:` + family + cause. */
  key: string
  familyId: string
  reason: DeathReason
  fix: Problem['fix']
  tokenIds: string[]
  /** "Your Facebook password changed: 58 tokens stopped. Log in again to renew all of them." */
  message: string
}

/** One problem per family and cause, in the families' order; each stopped token is in exactly one. */
export function groupProblems(families: readonly Family[]): ProblemGroup[] {
  const groups: ProblemGroup[] = []
  for (const family of families) {
    const byCause = new Map<string, { problem: Problem; tokens: TokenSummary[] }>()
    for (const t of family.members) {
      if (!isStopped(t) || !t.problem) continue
      const key = causeKey(family.id, t, t.problem.reason)
      const entry = byCause.get(key) ?? { problem: t.problem, tokens: [] }
      entry.tokens.push(t)
      byCause.set(key, entry)
    }
    for (const [key, { problem, tokens }] of byCause) {
      const names = tokens.map((t) => t.name)
      groups.push({
        key: `p:${key}`,
        familyId: family.id,
        reason: problem.reason,
        fix: problem.fix,
        tokenIds: tokens.map((t) => t.id),
        message: `${causeHeadline(problem.reason, names)}. ${fixSentence(problem.fix, names.length)}`,
      })
    }
  }
  return groups
}
