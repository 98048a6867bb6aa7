import { revokeStored } from '../revoke'
import { checkExpectedDeaths } from './alarms'
import type { AppContext } from './context'
import { liveMeta } from './state'
import { needGraph } from './graph-factory'

/**
 * Revokes a stored token at Facebook before it is forgotten here, and checks the effect with
 * debug_token. Throws (and nothing is removed) when the revoke fails or is not confirmed.
 */
export async function revokeBeforeRemoving(ctx: AppContext, id: string, permission: string | null): Promise<void> {
  const live = liveMeta(ctx, id) ?? undefined
  const { meta, outcome, alsoEnded } = await revokeStored({ graph: needGraph(ctx), vault: ctx.tokens, adminToken: ctx.systemUserCaller ?? null }, id, permission, live)
  const also = alsoEnded.length === 0 ? '' : ` It also ended ${alsoEnded.map((o) => `“${o.name}”`).join(', ')}, stored here.`
  ctx.notice('info', `Revoked “${meta.name}” at Facebook and removed it here. ${outcome.verdict}${also}`)
  if (alsoEnded.length > 0) await checkExpectedDeaths(ctx, alsoEnded.map((o) => o.id))
}
