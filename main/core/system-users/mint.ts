import type { GraphClient, TokenDebugInfo } from '../graph'
import { DAY } from '../monitor/durations'
import { registerSecret } from '../redact'
import { classifyStep, scopeNotApproved, SystemUserError } from './errors'

/** The scopes a system-user token is minted with: public_profile belongs to people's logins only. */
export const mintScopes = (scopes: readonly string[]): string[] => [...new Set(scopes)].filter((s) => s !== 'public_profile')

export interface MintRequest {
  /** A business admin's user token, or an admin system user's, with business_management. */
  caller: string
  systemUserId: string
  scopes: readonly string[]
  expiresIn60Days: boolean
}

/** Another token like a stored one: the same system user, the same scopes, the same kind of expiry. */
export function renewalRequest(caller: string, systemUserId: string, like: { scopes: readonly string[]; neverExpires: boolean }): MintRequest {
  return { caller, systemUserId, scopes: mintScopes(like.scopes), expiresIn60Days: !like.neverExpires }
}

export interface MintedToken {
  token: string
  info: TokenDebugInfo
}

export interface MintDeps {
  graph: GraphClient
  appId: string
  now: () => number
}

/**
 * Installs the app for the system user (harmless when it is), mints the token with
 * appsecret_proof, then checks with debug_token that it is what was asked for before anyone
 * stores it: a SYSTEM_USER token of this app, with every scope, never-expiring or 60-day.
 */
export async function mintVerified(deps: MintDeps, request: MintRequest): Promise<MintedToken> {
  const { graph } = deps
  let installed: boolean
  try {
    installed = await graph.installApp(request.caller, request.systemUserId)
  } catch (error) {
    throw classifyStep('install', error)
  }
  if (!installed) {
    throw new SystemUserError('not-installed', 'Facebook did not confirm installing the app for this system user.', 'Try again, or install it in Business Settings > Users > System users > Assign assets > Apps.', 'graph', true)
  }
  let token: string
  try {
    token = await graph.mintSystemUserToken(request.caller, request.systemUserId, { scopes: request.scopes, expiresIn60Days: request.expiresIn60Days })
  } catch (error) {
    throw classifyStep('mint', error, request.scopes)
  }
  registerSecret(token)
  const info = await graph.debugToken(token)
  checkMinted(info, request, deps.appId, deps.now())
  return { token, info }
}

const unverified = (what: string): SystemUserError =>
  new SystemUserError('unverified', `Facebook made a token, but ${what}, so it was not saved.`, 'Try again; if it repeats, make the token in Business Settings.', 'invalid-token', true)

/** What debug_token must say about a freshly minted token. */
export function checkMinted(info: TokenDebugInfo, request: Pick<MintRequest, 'scopes' | 'expiresIn60Days'>, appId: string, now: number): void {
  if (!info.isValid) throw unverified('debug_token says it does not work')
  if (info.type !== 'SYSTEM_USER') throw unverified(`debug_token calls it a ${info.type ?? 'token of no known kind'}, not a system-user token`)
  if (info.appId !== null && info.appId !== appId) throw unverified('it belongs to another app')
  const missing = request.scopes.filter((s) => !info.scopes.includes(s))
  if (missing.length > 0) throw scopeNotApproved(missing)
  if (request.expiresIn60Days) {
    const days = info.expiresAt === null ? null : (info.expiresAt - now) / DAY
    if (days === null || days < 59 || days > 61) throw unverified('it does not expire in 60 days as asked')
  } else if (!info.neverExpires) throw unverified('it expires although a never-expiring token was asked for')
}
