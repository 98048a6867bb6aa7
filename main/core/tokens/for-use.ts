import type { Problem } from '../../../preload/api'
import type { TokenChecker } from '../monitor'
import { endingWords, endsWithin } from './ends-within'
import { problemFor } from './inspect'
import type { TokenMeta } from './record'

/**
 * "Give me these stored tokens to use now": the use case behind `token-desk exec` (and any face
 * that hands tokens to another program). Each token is checked with Graph first; a dead one,
 * or one that cannot be read, stops everything before any is handed out. When Graph cannot be
 * reached, the caller decides: stop, or go on with what was last known (a token last seen dead
 * or past its expiry is still refused). Nothing is written: a check made here is not recorded.
 */
export interface UseRequest {
  /** Where the caller puts it (an environment variable name), for messages. */
  as: string
  id: string
  meta: TokenMeta
  /** Why the stored secret cannot be used (set aside, locked vault, older format), or null. */
  unusable: string | null
}

export type UseResult =
  | {
      kind: 'ready'
      /** `as` to token. */
      values: Map<string, string>
      /** True when Graph could not be reached and the last known state was used instead. */
      lastKnown: boolean
      notes: string[]
    }
  | { kind: 'refused'; as: string; name: string; problem: Problem | null; message: string }
  | { kind: 'unchecked'; message: string; retryAfterMs?: number }

export interface UseDeps {
  checker: TokenChecker
  secretOf(id: string): Promise<string | null>
  now(): number
}

/** `minDays`: a token whose clock (either one) runs out within that many days is refused too. */
export async function tokensForUse(deps: UseDeps, requests: readonly UseRequest[], options: { useLastKnown: boolean; minDays?: number }): Promise<UseResult> {
  const values = new Map<string, string>()
  for (const r of requests) {
    if (r.unusable) return refuse(r, null, `${r.meta.name} cannot be used: ${r.unusable}`)
    const secret = await deps.secretOf(r.id)
    if (secret === null) return refuse(r, null, `${r.meta.name} could not be decrypted now.`)
    values.set(r.as, secret)
  }
  const ids = [...new Set(requests.map((r) => r.id))]
  const checked = await deps.checker.check(ids)
  if (checked.outcome === 'ok') {
    for (const r of requests) {
      const verdict = checked.results.get(r.id)
      if (verdict?.valid === false) return refuse(r, verdict.problem, `${r.meta.name} is not valid: ${verdict.problem.message}`)
      if (!verdict && !options.useLastKnown) return { kind: 'unchecked', message: `Graph did not answer about ${r.meta.name}.` }
      const stale = verdict ? null : lastKnownProblem(r.meta, deps.now())
      if (stale) return refuse(r, stale, `${r.meta.name} was ${stale.reason} when last known: ${stale.message}`)
      const clocks = verdict?.valid ? { expiresAt: verdict.expiresAt, dataAccessExpiresAt: verdict.dataAccessExpiresAt } : r.meta
      const ending = options.minDays === undefined ? null : endsWithin(clocks, deps.now(), options.minDays)
      if (ending && options.minDays !== undefined) return refuse(r, null, endingWords(r.meta.name, ending, options.minDays, deps.now()))
    }
    return { kind: 'ready', values, lastKnown: false, notes: [] }
  }
  if (!options.useLastKnown) return { kind: 'unchecked', message: checked.message, ...(checked.retryAfterMs ? { retryAfterMs: checked.retryAfterMs } : {}) }
  const notes = [`Graph could not be reached (${checked.message.trim()}); going on with the last known state.`]
  for (const r of requests) {
    const stale = lastKnownProblem(r.meta, deps.now())
    if (stale) return refuse(r, stale, `${r.meta.name} was ${stale.reason} when last known: ${stale.message}`)
    const ending = options.minDays === undefined ? null : endsWithin(r.meta, deps.now(), options.minDays)
    if (ending && options.minDays !== undefined) return refuse(r, null, endingWords(r.meta.name, ending, options.minDays, deps.now()))
    const checkedAt = r.meta.lastCheckedAt
    const when = typeof checkedAt === 'number' && Number.isFinite(checkedAt) ? `last checked ${new Date(checkedAt).toISOString()}` : 'never checked'
    notes.push(`${r.meta.name}: ${r.meta.status}, ${when}.`)
  }
  return { kind: 'ready', values, lastKnown: true, notes }
}

/** What the stored record alone says against using a token: seen dead, or past its expiry. */
function lastKnownProblem(meta: TokenMeta, now: number): Problem | null {
  if (meta.status === 'dead' || meta.status === 'needs-relogin') return meta.problem ?? problemFor('invalid')
  if (!meta.neverExpires && meta.expiresAt !== null && meta.expiresAt <= now) return problemFor('expired')
  return null
}

function refuse(r: UseRequest, problem: Problem | null, message: string): UseResult {
  return { kind: 'refused', as: r.as, name: r.meta.name, problem, message }
}
