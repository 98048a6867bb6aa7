import { revokeAtFacebook, revokeScopeOf } from '../revoke'
import type { AppContext } from './context'
import { AppError } from './errors'
import { sameIdentityIds } from './rotate'
import { liveMeta } from './state'
import { needGraph } from './wizard'

/**
 * Revokes a stored token at Facebook before it is forgotten here, and checks the effect with
 * debug_token. Throws (and nothing is removed) when the revoke fails or is not confirmed.
 */
export async function revokeBeforeRemoving(ctx: AppContext, id: string, permission: string | null): Promise<void> {
  const graph = needGraph(ctx)
  const meta = liveMeta(ctx, id)
  const token = await ctx.tokens.getSecret(id)
  if (!meta || token === null) throw new AppError('failed', 'This token cannot be read any more, so it cannot be revoked from here. Remove it without revoking.')
  const parent = meta.kind === 'PAGE' ? ctx.tokens.list().find((e) => e.id === meta.parentId && e.meta.status !== 'dead') : undefined
  const userToken = parent ? await ctx.tokens.getSecret(parent.id) : null
  const outcome = await revokeAtFacebook({ graph, userToken, adminToken: ctx.systemUserCaller ?? null }, { token, kind: meta.kind, userId: meta.userId }, permission)
  const scope = revokeScopeOf(meta.kind, permission)
  const others = scope === 'permission' ? [] : sameIdentityIds(ctx, meta, id)
  const names = others.map((o) => ctx.tokens.get(o)?.meta.name).filter((n): n is string => !!n)
  const also = outcome.alreadyDead || names.length === 0 ? '' : ` It also ended ${names.map((n) => `“${n}”`).join(', ')}, stored here.`
  ctx.notice('info', `Revoked “${meta.name}” at Facebook and removed it here. ${outcome.verdict}${also}`)
  if (others.length > 0) await ctx.monitor.checkNow(others)
}
