import type { DeathReason, Problem } from '../../../preload/api'
import { DEATH_BY_MESSAGE, DEATH_BY_SUBCODE, DEATH_WORDS } from './death-reasons'
import { redactText } from '../redact'
import type { HeaderSource } from './headers'
import { retryAfterMs } from './headers'
import { regainMs } from './usage'
import { DEFAULT_API_VERSION } from './config'
import { explainDeprecatedVersion, longDate, newestReleased, GRAPH_VERSIONS, VERSIONS_CHECKED } from '../versions'

export type GraphErrorKind =
  | 'token-dead'
  | 'permission'
  | 'throttled'
  | 'transient'
  | 'network'
  | 'configuration'
  | 'code-reused'
  | 'code-expired'
  | 'policy-block'
  | 'bad-request'
  | 'unknown'

/** A finer marker that a caller may act on (e.g. the login flow retries without PKCE). */
export type GraphErrorDetail =
  | 'wrong-secret'
  | 'unknown-app'
  | 'redirect-mismatch'
  | 'pkce-without-challenge'
  | 'pkce-verifier-invalid'
  | 'no-token'
  /** The secret is right, yet Facebook treats the app token as absent: the app is Native/Desktop (graph-api.md §1.5). */
  | 'native-desktop'
  /** "API access blocked." (graph-api-doctor.md §1.7): the app, not the token. */
  | 'app-blocked'
  /** An app-secret call from outside the app's Server IP Allow List (§1.7). */
  | 'ip-not-allowed'
  | 'proof-required'
  | 'proof-invalid'
  | 'deprecated-version'
  | 'unknown-path'
  | 'invalid-code'
  | 'user-token-needed'
  | 'timeout'

export interface GraphErrorInfo {
  kind: GraphErrorKind
  reason?: DeathReason
  detail?: GraphErrorDetail
  code: number | null
  subcode: number | null
  httpStatus: number | null
  /** Plain words for a person; never a token. */
  message: string
  /** What to do about it. */
  action: string
  fix?: Problem['fix']
  retryAfterMs?: number
  isTransient: boolean
  /** Graph's own message, redacted, for diagnostics. */
  graphMessage?: string
  fbtraceId?: string
}

/** `{error:{...}}`, a bare error object, or debug_token's `data.error` (key `subcode`). */
export type GraphErrorBody = unknown

interface RawError {
  code: number | null
  subcode: number | null
  message: string
  isTransient: boolean
  fbtraceId?: string
}

const toInt = (v: unknown): number | null =>
  typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null

function readRaw(body: unknown): RawError {
  const outer = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  const e = outer.error !== null && typeof outer.error === 'object' ? (outer.error as Record<string, unknown>) : outer
  const raw: RawError = {
    code: toInt(e.code),
    subcode: toInt(e.error_subcode) ?? toInt(e.subcode),
    message: typeof e.message === 'string' ? e.message : '',
    isTransient: e.is_transient === true,
  }
  if (typeof e.fbtrace_id === 'string') raw.fbtraceId = e.fbtrace_id
  return raw
}

const THROTTLE_CODES = new Set([4, 17, 32, 341, 613])
const isThrottleCode = (code: number): boolean => THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014)
const isPermissionCode = (code: number): boolean => code === 3 || code === 10 || (code >= 200 && code <= 299)
const TOKEN_WORDS = /error validating access token|invalid oauth access token|access token could not be decrypted/i

function deathReason(raw: RawError): DeathReason {
  const bySubcode = raw.subcode === null ? undefined : DEATH_BY_SUBCODE[raw.subcode]
  return bySubcode ?? DEATH_BY_MESSAGE.find(([re]) => re.test(raw.message))?.[1] ?? 'invalid'
}

type Verdict = Omit<GraphErrorInfo, 'code' | 'subcode' | 'httpStatus' | 'isTransient' | 'graphMessage' | 'fbtraceId'>

function configuration(detail: GraphErrorDetail, message: string, action: string): Verdict {
  return { kind: 'configuration', detail, message, action }
}

/** The app-level refusals of graph-api-doctor.md §1.7, wherever they appear: never a token's death. */
export const APP_BLOCKED = /^\s*(\(#200\)\s*)?API access blocked\.?\s*$/i
const SOURCE_IP = /unauthorized source ip/i

export const WRONG_SECRET_WORDS = ['Facebook rejected the App Secret: it is wrong.', 'Copy it again from the App Dashboard: App settings > Basic > App secret (press Show).'] as const
export const UNKNOWN_APP_WORDS = ['Facebook does not know this App ID.', 'Copy the App ID from the top of your app’s page in the App Dashboard (also under App settings > Basic).'] as const
export const NATIVE_DESKTOP_WORDS = [
  'Facebook ignored the app token although the App Secret is right: the app is set to Native or desktop app, and then Facebook treats app-token calls as if no token was sent.',
  'Turn off App settings > Advanced > Native or desktop app, or sign in once in Token Desk as an app admin so it can check tokens with your own token.',
] as const
export const APP_BLOCKED_WORDS = [
  'Facebook has blocked this app’s API access (“API access blocked.”): no token can work until the app is fixed.',
  'Open the App Dashboard and resolve the restriction it shows there (often Business Verification, Data Use Checkup or a policy review), then check again.',
] as const
export const IP_WORDS = [
  'Facebook refused a call signed with the App Secret from this computer: the app’s Server IP Allow List does not include its address.',
  'App settings > Advanced > Security > Server IP Allow List: add this computer’s public address, or clear the list.',
] as const

function verdictFor(raw: RawError, httpStatus: number | null, now: number): Verdict {
  const { code, subcode, message: m } = raw
  if (APP_BLOCKED.test(m)) return configuration('app-blocked', ...APP_BLOCKED_WORDS)
  if (code === 5 || SOURCE_IP.test(m)) return configuration('ip-not-allowed', ...IP_WORDS)
  const tokenDead = (reason: DeathReason): Verdict => {
    const [message, action, fix] = DEATH_WORDS[reason]
    return { kind: 'token-dead', reason, message, action, fix }
  }
  if (code === 190 || code === 102) return tokenDead(deathReason(raw))
  if (code === 1 && /error validating client secret/i.test(m)) return configuration('wrong-secret', ...WRONG_SECRET_WORDS)
  if (/code_verifier param is provided without a code_challenge/i.test(m))
    return configuration('pkce-without-challenge', 'Facebook did not accept the PKCE verifier for this sign-in.', 'Sign in again without PKCE.')
  if (/invalid code verifier/i.test(m))
    return configuration('pkce-verifier-invalid', 'Facebook rejected the PKCE verifier.', 'Start the sign-in again.')
  if (code === 101) return configuration('unknown-app', ...UNKNOWN_APP_WORDS)
  if (code === 100 || code === 104) {
    if (subcode === 36009 || /code has been used/i.test(m))
      return { kind: 'code-reused', message: 'This sign-in was already used.', action: 'Start the sign-in again.' }
    if (subcode === 36007 || /code has expired/i.test(m))
      return { kind: 'code-expired', message: 'The sign-in took too long and expired.', action: 'Start the sign-in again.' }
    if (subcode === 36008 || /redirect_uri is identical/i.test(m))
      return configuration('redirect-mismatch', 'The redirect URI does not match the one registered for the app.', 'Add the exact redirect URI under Facebook Login > Settings > Valid OAuth Redirect URIs.')
    if (/require an appsecret_proof/i.test(m))
      return configuration('proof-required', 'The app requires a secret proof that was not sent.', 'Check the App Secret.')
    if (/invalid appsecret_proof/i.test(m))
      return configuration('proof-invalid', 'Facebook rejected the secret proof: the App Secret is probably wrong.', 'Copy the App Secret again from the app dashboard.')
    // Ambiguous on its own: a wrong secret and a Native/Desktop app both earn it (debug-token.ts tells them apart).
    if (code === 104 || /must provide an app access token|access token is required/i.test(m))
      return configuration('no-token', 'Facebook answered as if no token was sent.', 'Check the App ID and the App Secret (App settings > Basic).')
    if (/invalid verification code format/i.test(m))
      return { kind: 'bad-request', detail: 'invalid-code', message: 'Facebook did not recognise the sign-in answer.', action: 'Start the sign-in again.' }
    // Code 100 is Graph's generic "bad parameter": token death only with a 190-style message (§7.3).
    if (TOKEN_WORDS.test(m)) return tokenDead(deathReason(raw))
    return { kind: 'bad-request', message: 'Facebook refused the request as malformed.', action: 'Try again; if it repeats, report it.' }
  }
  if (code === 2635)
    return configuration('deprecated-version', explainDeprecatedVersion(m, null, now), 'Choose a newer API version in Token Desk’s settings (or TOKEN_DESK_API_VERSION) and in your scripts.')
  if (code === 2500) {
    if (/active access token must be used/i.test(m))
      return { kind: 'bad-request', detail: 'user-token-needed', message: 'This needs a user token, not an app token.', action: 'Use a user token.' }
    const newest = newestReleased(GRAPH_VERSIONS, now).name
    return configuration(
      'unknown-path',
      `Facebook did not recognise the address of this call: the API version may not exist (Token Desk knows versions up to ${newest}, as of ${longDate(VERSIONS_CHECKED)}).`,
      `Check the API version (for example ${DEFAULT_API_VERSION}).`,
    )
  }
  if (code !== null && isPermissionCode(code)) {
    const [message, action, fix] = DEATH_WORDS['permission-removed']
    return { kind: 'permission', reason: 'permission-removed', message, action, fix }
  }
  if (code !== null && isThrottleCode(code))
    return { kind: 'throttled', message: 'Facebook is limiting how often this app can call it.', action: 'Wait a while and try again.' }
  if (code === 368) return { kind: 'policy-block', message: 'Facebook has temporarily blocked this action for a policy reason.', action: 'Wait and try again later.' }
  if (code === 1 || code === 2 || raw.isTransient || (httpStatus !== null && httpStatus >= 500))
    return { kind: 'transient', message: 'Facebook had a temporary problem.', action: 'Try again in a moment.' }
  if (httpStatus !== null && httpStatus >= 400 && httpStatus < 500)
    return { kind: 'bad-request', message: 'Facebook refused the request.', action: 'Try again; if it repeats, report it.' }
  return { kind: 'unknown', message: 'Facebook answered with an unexpected error.', action: 'Try again; if it repeats, report it.' }
}

/**
 * Pure: turns a Graph error (a response body, or debug_token's `data.error`) into one typed verdict.
 * `now` only matters for a Retry-After given as an HTTP date.
 */
export function classifyGraphError(body: GraphErrorBody, httpStatus: number | null, headers?: HeaderSource, now = Date.now()): GraphErrorInfo {
  const raw = readRaw(body)
  const info: GraphErrorInfo = { ...verdictFor(raw, httpStatus, now), code: raw.code, subcode: raw.subcode, httpStatus, isTransient: raw.isTransient }
  if (raw.message) info.graphMessage = redactText(raw.message)
  if (raw.fbtraceId) info.fbtraceId = raw.fbtraceId
  const hint = Math.max(retryAfterMs(headers, now) ?? 0, regainMs(headers))
  if (hint > 0) info.retryAfterMs = hint
  return info
}

/** The verdict for a request that got no HTTP answer. */
export function networkErrorInfo(timedOut: boolean, proxy: string | null = null): GraphErrorInfo {
  const via = proxy ? ` through the proxy ${proxy}` : ''
  const info: GraphErrorInfo = {
    kind: 'network',
    code: null,
    subcode: null,
    httpStatus: null,
    isTransient: true,
    message: timedOut ? `Facebook did not answer in time${via}.` : `Could not reach Facebook${via}.`,
    action: proxy
      ? 'Check that the proxy is running and lets Token Desk reach Facebook, then try again.'
      : 'Check the internet connection and try again.',
  }
  if (timedOut) info.detail = 'timeout'
  return info
}

/** A verdict made by the client itself (an answer in an unexpected shape, a refused link). */
export function clientErrorInfo(message: string, httpStatus: number | null = null, kind: GraphErrorKind = 'unknown'): GraphErrorInfo {
  return { kind, code: null, subcode: null, httpStatus, isTransient: kind === 'transient', message, action: kind === 'transient' ? 'Try again in a moment.' : 'Try again; if it repeats, report it.' }
}
