import type { GraphClient } from '../graph'
import { GraphError, toProblem } from '../graph'
import type { CheckResult, TokenChecker, TokenVerdict } from '../monitor'
import { problemFor } from './inspect'

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
        else results.set(id, { valid: true, expiresAt: info.neverExpires ? null : info.expiresAt, dataAccessExpiresAt: info.dataAccessExpiresAt, scopes: info.scopes })
      })
      if (results.size === 0 && firstFailure) return firstFailure
      const usage = graph.usage()
      return { outcome: 'ok', results, ...(usage ? { usage: { highestPercent: usage.highestPercent } } : {}) }
    },
  }
}
