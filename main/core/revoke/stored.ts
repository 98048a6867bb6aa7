import { toProblem, type GraphClient } from '../graph'
import type { TokenMeta } from '../tokens/record'
import type { Vault } from '../vault'
import { RevokeError, revokeAtFacebook, revokeScopeOf, type RevokeOutcome } from './revoke'

/** Stored tokens one revoke of this token ends too: the same login, or the same system user's tokens. */
export function sameIdentityIds(vault: Vault<TokenMeta>, meta: TokenMeta, except: string): string[] {
  return vault
    .list()
    .filter((e) => e.id !== except && e.meta.appId === meta.appId && e.meta.userId !== null && e.meta.userId === meta.userId)
    .filter((e) => (meta.kind === 'SYSTEM_USER' ? e.meta.kind === 'SYSTEM_USER' : e.meta.kind === 'USER' || e.meta.kind === 'PAGE'))
    .map((e) => e.id)
}

export interface StoredRevoke {
  meta: TokenMeta
  outcome: RevokeOutcome
  /** Other stored tokens the revoke ended with it (a login's Page tokens, a system user's other tokens). */
  alsoEnded: { id: string; name: string }[]
}

/**
 * Revokes a stored token at Facebook, with the helpers the vault holds (the Page token's user
 * token), and names the other stored tokens the revoke ended. Nothing is removed here.
 */
export async function revokeStored(deps: { graph: GraphClient; vault: Vault<TokenMeta>; adminToken?: string | null }, id: string, permission: string | null, live?: TokenMeta): Promise<StoredRevoke> {
  const entry = deps.vault.get(id)
  const token = await deps.vault.getSecret(id)
  if (!entry || token === null) {
    throw new RevokeError('unreadable', 'This token cannot be read from the vault any more, so it cannot be revoked from here.', 'Remove it without revoking, and revoke it at Facebook (Business Settings, or the app’s settings in the Facebook account).', 'usage', 'failed')
  }
  const meta = live ?? entry.meta
  const parent = meta.kind === 'PAGE' ? deps.vault.list().find((e) => e.id === meta.parentId && e.meta.status !== 'dead') : undefined
  const userToken = parent ? await deps.vault.getSecret(parent.id) : null
  const outcome = await revokeAtFacebook({ graph: deps.graph, userToken, adminToken: deps.adminToken ?? null }, { token, kind: meta.kind, userId: meta.userId }, permission)
  const others = outcome.alreadyDead || revokeScopeOf(meta.kind, permission) === 'permission' ? [] : sameIdentityIds(deps.vault, meta, id)
  return { meta, outcome, alsoEnded: others.map((o) => ({ id: o, name: deps.vault.get(o)?.meta.name ?? o })) }
}

/** Records what debug_token now says of other stored tokens (for a face without the monitor). */
export async function recordVerdicts(deps: { graph: GraphClient; vault: Vault<TokenMeta>; now: number }, ids: readonly string[]): Promise<void> {
  const known: [string, string][] = []
  for (const id of ids) {
    const secret = await deps.vault.getSecret(id)
    if (secret !== null) known.push([id, secret])
  }
  if (known.length === 0) return
  const outcomes = await deps.graph.debugTokens(known.map(([, t]) => t))
  for (const [i, [id]] of known.entries()) {
    const outcome = outcomes[i]
    const entry = deps.vault.get(id)
    if (!outcome?.ok || !entry || outcome.info.isValid) continue
    const problem = (outcome.info.error && toProblem(outcome.info.error)) ?? entry.meta.problem
    await deps.vault.updateMeta(id, { ...entry.meta, status: 'dead', problem, diedAt: entry.meta.diedAt ?? deps.now, lastCheckedAt: deps.now })
  }
}
