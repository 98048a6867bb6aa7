import type { GrantReport, InspectedToken, Problem, Purpose, ScopeReport } from '../../../preload/api'
import type { GraphClient, TokenDebugInfo } from '../graph'
import { GraphError, toProblem } from '../graph'
import { DEATH_WORDS } from '../graph/death-reasons'
import { DAY } from '../monitor/durations'
import type { Logger } from '../ports'
import { mask } from '../redact'
import { readGrant } from './grant'
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
  /** What a Login for Business configuration granted, when the token came through one. */
  grant: GrantReport | null
  /** A business integration system-user token: its client business (`/me?fields=client_business_id`). */
  clientBusinessId: string | null
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

function lifetimeAdvice(info: TokenDebugInfo, longLived: boolean, clientBusinessId: string | null): string[] {
  if (clientBusinessId) return businessIntegrationAdvice(info, clientBusinessId)
  const advice: string[] = []
  if (info.type === 'USER' && !longLived)
    advice.push('This is a short-lived token: it stops working within about two hours. Token Desk exchanges it for one that lasts about 60 days.')
  if (info.type === 'PAGE' && !info.neverExpires)
    advice.push('This Page token expires because it was made from a short-lived user token. Page tokens made from a long-lived user token do not expire.')
  if (info.neverExpires && info.type !== 'APP')
    advice.push('"Never expires" still ends if the password is changed, the app is removed, or the Page role is lost. Token Desk keeps checking it.')
  return advice
}

/**
 * A business integration token's clocks come from debug_token alone (login-for-business.md §4:
 * never by default, 60 days when the configuration says so; its debug_token is not confirmed).
 */
function businessIntegrationAdvice(info: TokenDebugInfo, business: string): string[] {
  return [
    `A business integration system-user token of the business ${business}, from a Login for Business configuration of the system-user type.`,
    info.neverExpires
      ? 'It does not expire. It ends when that business removes the app under Business Settings > Integrations > Connected apps.'
      : 'It expires (about 60 days after it was made). There is no refresh: to renew it, log in again through the configuration.',
  ]
}

/**
 * `/me?fields=client_business_id` (login-for-business.md §4): set only for business integration
 * system users. A refusal of the field (not a person's field, or not allowed) means it is not
 * one; a call that did not get an answer is the wizard's failure, never a guess at the kind.
 */
export async function clientBusinessOf(graph: GraphClient, token: string, log: Logger): Promise<string | null> {
  let me: Awaited<ReturnType<GraphClient['me']>>
  try {
    me = await graph.me(token, ['id', 'client_business_id'])
  } catch (error) {
    if (error instanceof GraphError && (error.kind === 'permission' || error.kind === 'bad-request')) {
      log.info('no client business for this token', { error: error.message })
      return null
    }
    throw error
  }
  const id = me.client_business_id
  return typeof id === 'string' && /^\d{1,32}$/.test(id) ? id : null
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
  opts: {
    appId: string
    purpose: Purpose | null
    now: number
    log: Logger
    /** The Login for Business configuration the token came through: its grant is read back. */
    configId?: string | null
    /** Ask whether it is a business integration token (a configuration login, or a pasted token). */
    askClientBusiness?: boolean
  },
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
  const clientBusinessId = person && opts.askClientBusiness ? await clientBusinessOf(graph, token, opts.log) : null
  const grant = opts.configId && !problem ? readGrant(opts.purpose, info, opts.configId) : null
  // Through a configuration, the grant's words replace "log in again and allow them": the configuration decides.
  const scopeWords = grant ? grant.words : scopeAdvice(opts.purpose, report)
  const advice = problem ? [problem.message] : [...scopeWords, ...lifetimeAdvice(info, longLived, clientBusinessId)]
  return {
    info,
    last4: mask(token).slice(1),
    userName: typeof me?.name === 'string' ? me.name : null,
    report,
    advice,
    problem,
    longLived,
    purpose: opts.purpose,
    grant,
    clientBusinessId,
  }
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

/** The renderer's view of an inspection: no token, only what describes it. */
export function describeInspection(inspection: Inspection): InspectedToken {
  const { info } = inspection
  return {
    kind: inspection.clientBusinessId ? 'BUSINESS_INTEGRATION' : (info.type ?? 'USER'),
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
    ...(inspection.grant ? { grant: inspection.grant } : {}),
    ...(inspection.clientBusinessId ? { clientBusinessId: inspection.clientBusinessId } : {}),
  }
}
