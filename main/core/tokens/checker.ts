import type { GraphClient } from '../graph'
import { GraphError, toProblem } from '../graph'
import type { CheckResult, TokenChecker, TokenVerdict } from '../monitor'
import type { Problem, TokenKind } from '../../../preload/api'
import type { TokenDebugInfo } from '../graph'
import { problemFor } from './inspect'

/** What Token Desk saved about a token: what Graph must say of its secret too. */
export interface StoredIdentity {
  kind: TokenKind
  userId: string | null
  profileId: string | null
}

/**
 * A secret Graph describes otherwise than its entry: another type, another user, another Page
 * (issue 20, item 3: a user token copied into a Page token's file). It is not used.
 */
export function identityMismatch(info: TokenDebugInfo, saved: StoredIdentity): Problem | null {
  const differs: string[] = []
  if (info.type !== null && info.type !== saved.kind) differs.push(`it is a ${info.type} token, not a ${saved.kind} token`)
  if (info.userId !== null && saved.userId !== null && info.userId !== saved.userId) differs.push(`it belongs to user ${info.userId}, not ${saved.userId}`)
  if (saved.kind === 'PAGE' && info.profileId !== null && saved.profileId !== null && info.profileId !== saved.profileId) differs.push(`it is for Page ${info.profileId}, not ${saved.profileId}`)
  if (differs.length === 0) return null
  return {
    ...problemFor('unreadable'),
    message: `The stored secret is not the token this entry describes: Graph says ${differs.join(', and ')}. The vault file was altered or mixed up, so it is not used. Sign in again to replace it.`,
  }
}

function failure(error: unknown): CheckResult {
  if (error instanceof GraphError) {
    const outcome = error.kind === 'network' ? 'offline' : error.kind === 'throttled' ? 'throttled' : 'failed'
    return { outcome, message: `${error.message} ${error.action}`, ...(error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}) }
  }
  return { outcome: 'failed', message: 'The check could not be completed.' }
}

/**
 * The monitor's TokenChecker over batched debug_token. Only Graph's own "not valid" makes a
 * verdict of death; every failure to ask is an outcome that changes nothing.
 */
export function createTokenChecker(deps: {
  graph: () => GraphClient | null
  appId: () => string | null
  secretOf: (id: string) => Promise<string | null>
  /** What was saved about each token, compared with what Graph says of its secret. */
  identityOf?: (id: string) => StoredIdentity | null
}): TokenChecker {
  return {
    async check(ids) {
      const graph = deps.graph()
      if (!graph) return { outcome: 'failed', message: 'No app is set up yet.' }
      const secrets = await Promise.all(ids.map(async (id) => [id, await deps.secretOf(id)] as const))
      const known = secrets.filter((s): s is readonly [string, string] => s[1] !== null)
      if (known.length === 0) return { outcome: 'ok', results: new Map() }
      let outcomes
      try {
        outcomes = await graph.debugTokens(known.map(([, token]) => token))
      } catch (error) {
        return failure(error)
      }
      const results = new Map<string, TokenVerdict>()
      const saved = (id: string, info: TokenDebugInfo): Problem | null => {
        const identity = deps.identityOf?.(id) ?? null
        return identity ? identityMismatch(info, identity) : null
      }
      let firstFailure: CheckResult | null = null
      known.forEach(([id], i) => {
        const outcome = outcomes[i]
        if (!outcome) return
        if (!outcome.ok) {
          // An item whose token Graph rejects outright (190) is an answer; anything else is not.
          const problem = outcome.error.kind === 'token-dead' ? toProblem(outcome.error) : null
          if (problem) results.set(id, { valid: false, problem })
          else firstFailure ??= failure(new GraphError(outcome.error, 'debug_token'))
          return
        }
        const { info } = outcome
        const appId = deps.appId()
        if (!info.isValid) results.set(id, { valid: false, problem: (info.error && toProblem(info.error)) ?? problemFor('invalid') })
        else if (appId && info.appId && info.appId !== appId) results.set(id, { valid: false, problem: problemFor('wrong-app') })
        else if (saved(id, info)) results.set(id, { valid: false, problem: saved(id, info)! })
        else results.set(id, { valid: true, expiresAt: info.neverExpires ? null : info.expiresAt, dataAccessExpiresAt: info.dataAccessExpiresAt, scopes: info.scopes })
      })
      if (results.size === 0 && firstFailure) return firstFailure
      const usage = graph.usage()
      return { outcome: 'ok', results, ...(usage ? { usage: { highestPercent: usage.highestPercent } } : {}) }
    },
  }
}
