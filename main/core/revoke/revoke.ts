import type { TokenKind } from '../../../preload/api'
import { revokeEffect } from '../../../preload/revoke-effect'
import { GraphError, toProblem, type GraphClient, type TokenDebugInfo } from '../graph'
import { UseCaseError } from '../use-case-error'

/** What a revoke ends: the whole login (user and Page tokens), one permission, or a system user's tokens. */
export type RevokeScope = 'login' | 'permission' | 'system-user'

export interface RevokeTarget {
  token: string
  kind: TokenKind
  userId: string | null
}

export interface RevokeDeps {
  graph: GraphClient
  /** For a Page token: a working user token of the same person (else the app token is used). */
  userToken?: string | null
  /** For a system-user token: an admin's token, used when its own is refused. */
  adminToken?: string | null
}

export interface RevokeOutcome {
  scope: RevokeScope
  permission: string | null
  /** Facebook did not accept the token before the revoke: there was nothing to end. */
  alreadyDead: boolean
  /** debug_token's word after the revoke, in plain words. */
  verdict: string
}

export class RevokeError extends UseCaseError {
  override readonly name = 'RevokeError'
}

/** The scope a revoke of this kind of token has, with or without a single permission. */
export function revokeScopeOf(kind: TokenKind, permission?: string | null): RevokeScope {
  if (kind === 'SYSTEM_USER') return 'system-user'
  return permission ? 'permission' : 'login'
}

function verdictOf(info: TokenDebugInfo): string {
  const problem = info.error ? toProblem(info.error) : null
  return problem ? problem.message : 'Facebook no longer accepts it.'
}

const notRevocable = (why: string): RevokeError => new RevokeError('not-revocable', why, '', 'usage', 'not-allowed')

/**
 * Revokes at Facebook and checks the effect with debug_token: a login or a system user's
 * tokens must come back not valid; a single permission must be gone from a token that works.
 */
export async function revokeAtFacebook(deps: RevokeDeps, target: RevokeTarget, permission: string | null = null): Promise<RevokeOutcome> {
  const { graph } = deps
  const scope = revokeScopeOf(target.kind, permission)
  if (target.kind === 'APP') throw notRevocable(revokeEffect('APP'))
  // No revoke call is documented for these (DELETE …/access_tokens is not confirmed): say who can end it.
  if (target.kind === 'BUSINESS_INTEGRATION') throw notRevocable(revokeEffect('BUSINESS_INTEGRATION'))
  if (target.kind === 'SYSTEM_USER' && permission) throw notRevocable('A system-user token cannot lose one permission; revoke its tokens and make a new one with fewer permissions.')
  if (target.userId === null) throw notRevocable('Facebook did not say whose token this is, so there is nothing to revoke it with.')
  const before = await graph.debugToken(target.token)
  if (!before.isValid) return { scope, permission, alreadyDead: true, verdict: `Facebook already did not accept it: ${verdictOf(before)}` }

  let answered: boolean
  if (target.kind === 'SYSTEM_USER') answered = await revokeSystemUser(deps, target.token, target.userId)
  else {
    const caller = target.kind === 'PAGE' ? (deps.userToken ?? graph.appTokenLiteral()) : target.token
    answered = await graph.revokePermission(caller, permission ?? undefined, target.userId)
  }
  if (!answered) throw new RevokeError('revoke-failed', 'Facebook did not confirm the revoke.', 'Try again in a moment.', 'graph')

  const after = await graph.debugToken(target.token)
  if (scope === 'permission') {
    if (after.scopes.includes(permission ?? '')) throw unconfirmed()
    return { scope, permission, alreadyDead: false, verdict: after.isValid ? `It still works, without ${permission}.` : verdictOf(after) }
  }
  if (after.isValid) throw unconfirmed()
  return { scope, permission, alreadyDead: false, verdict: verdictOf(after) }
}

const unconfirmed = (): RevokeError =>
  new RevokeError('unconfirmed', 'Facebook answered the revoke, but debug_token still shows the token as it was.', 'Check again in a few minutes; if it still works, revoke it in Business Settings or by changing the password.', 'graph')

async function revokeSystemUser(deps: RevokeDeps, token: string, systemUserId: string): Promise<boolean> {
  try {
    return await deps.graph.revokeSystemUserTokens(token, systemUserId)
  } catch (error) {
    // Whether a system user may revoke with its own token is not confirmed: an admin's token is the documented fallback.
    if (error instanceof GraphError && error.kind === 'permission' && deps.adminToken) return deps.graph.revokeSystemUserTokens(deps.adminToken, systemUserId)
    throw error
  }
}
