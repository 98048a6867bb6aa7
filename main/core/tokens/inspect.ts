import type { InspectedToken, Problem, Purpose, ScopeReport } from '../../../preload/api'
import type { GraphClient, TokenDebugInfo } from '../graph'
import { GraphError, toProblem } from '../graph'
import { DEATH_WORDS } from '../graph/death-reasons'
import { DAY } from '../monitor/durations'
import type { Logger } from '../ports'
import { mask } from '../redact'
import { scopeAdvice, scopeReport, type PermissionRow } from './scopes'


/** Everything Token Desk learned about one token. The token itself stays with the caller. */
export interface Inspection {
  info: TokenDebugInfo
  last4: string
  userName: string | null
  report: ScopeReport
  advice: string[]
  /** Why it cannot be used, or null when it can. */
  problem: Problem | null
  longLived: boolean
  purpose: Purpose | null
}

export function problemFor(reason: Problem['reason'], code: number | null = null, subcode: number | null = null): Problem {
  const [message, , fix] = DEATH_WORDS[reason]
  return { reason, code, subcode, message, fix }
}

/**
 * A user token is long-lived when Graph says when it was issued (short-lived tokens carry no
 * `issued_at`, graph-api.md §5.1) or when it has more than a day to run.
 */
export function isLongLived(info: TokenDebugInfo, now: number): boolean {
  if (info.neverExpires) return true
  if (info.type !== 'USER') return info.expiresAt === null || info.expiresAt - now > DAY
  return info.issuedAt !== null || (info.expiresAt !== null && info.expiresAt - now > DAY)
}

function lifetimeAdvice(info: TokenDebugInfo, longLived: boolean): string[] {
  const advice: string[] = []
  if (info.type === 'USER' && !longLived)
    advice.push('This is a short-lived token: it stops working within about two hours. Token Desk exchanges it for one that lasts about 60 days.')
  if (info.type === 'PAGE' && !info.neverExpires)
    advice.push('This Page token expires because it was made from a short-lived user token. Page tokens made from a long-lived user token do not expire.')
  if (info.neverExpires && info.type !== 'APP')
    advice.push('"Never expires" still ends if the password is changed, the app is removed, or the Page role is lost. Token Desk keeps checking it.')
  return advice
}

async function optional<T>(what: string, log: Logger, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run()
  } catch (error) {
    log.warn(`could not read ${what}`, { error: error instanceof GraphError ? error.message : String(error) })
    return null
  }
}

/** debug_token first; then, for a usable person's token, the name and the declined permissions. */
export async function inspectToken(
  graph: GraphClient,
  token: string,
  opts: { appId: string; purpose: Purpose | null; now: number; log: Logger },
): Promise<Inspection> {
  const info = await graph.debugToken(token)
  let problem: Problem | null = null
  if (!info.isValid) problem = (info.error && toProblem(info.error)) ?? problemFor('invalid', info.error?.code ?? null, info.error?.subcode ?? null)
  else if (info.appId !== null && info.appId !== opts.appId) problem = problemFor('wrong-app')

  const person = info.isValid && !problem && (info.type === 'USER' || info.type === 'SYSTEM_USER')
  const me = person ? await optional('the account name', opts.log, () => graph.me(token, ['id', 'name'])) : null
  const permissions: PermissionRow[] | null = person ? await optional('the permissions', opts.log, () => graph.permissions(token)) : null
  const report = scopeReport(opts.purpose, info.scopes, permissions ?? undefined)
  const longLived = isLongLived(info, opts.now)
  const advice = problem ? [problem.message] : [...scopeAdvice(opts.purpose, report), ...lifetimeAdvice(info, longLived)]
  return {
    info,
    last4: mask(token).slice(1),
    userName: typeof me?.name === 'string' ? me.name : null,
    report,
    advice,
    problem,
    longLived,
    purpose: opts.purpose,
  }
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

/** The renderer's view of an inspection: no token, only what describes it. */
export function describeInspection(inspection: Inspection): InspectedToken {
  const { info } = inspection
  return {
    kind: info.type ?? 'USER',
    last4: inspection.last4,
    appId: info.appId,
    application: info.application,
    userId: info.userId,
    userName: inspection.userName,
    profileId: info.profileId,
    issuedAt: iso(info.issuedAt),
    expiresAt: iso(info.expiresAt),
    neverExpires: info.neverExpires,
    dataAccessExpiresAt: iso(info.dataAccessExpiresAt),
    longLived: inspection.longLived,
    scopes: inspection.report,
    advice: inspection.advice,
  }
}
