import type { AppState, Input } from '../../../preload/api'
import { mintVerified, renewalRequest } from '../system-users'
import { isLongLived } from '../tokens/inspect'
import type { TokenMeta } from '../tokens/record'
import { PURPOSE_SCOPES } from '../tokens/scopes'
import { registerSecret } from '../redact'
import { sameIdentityIds } from '../revoke'
import { renewPageTokens, rotateToken, type Replacement, type RotationPorts, type RotationResult } from '../rotate'
import type { AppContext } from './context'
import { AppError } from './errors'
import { signIn } from './sign-in'
import { checkExpectedDeaths, noticeForFamily } from './alarms'
import { buildState, liveMeta, tokenSummaries, userEntryOf } from './state'
import { adminLogin, locateSystemUser } from './system-user'
import { needGraph } from './graph-factory'
import type { DeliveryReport } from '../deliveries'
import { collectReports, deliverySentence } from '../deliveries/words'

/** A Page token whose user token is stored: the login is what gets replaced, with all its Pages. */
function rotationTarget(ctx: AppContext, id: string): string {
  const meta = liveMeta(ctx, id)
  if (meta?.kind !== 'PAGE') return id
  return userEntryOf(ctx, meta)?.id ?? id
}

function portsFor(ctx: AppContext, target: TokenMeta): RotationPorts {
  const graph = needGraph(ctx)
  const appId = ctx.settings.getApp().appId ?? ''
  const now = () => ctx.clock.now()
  let caller: string | null = null
  const login = async (scopes: readonly string[]): Promise<string> => {
    const token = await signIn(ctx, scopes, { purpose: target.purpose ?? 'manage-ads', made: target.configId ?? null })
    registerSecret(token)
    return token
  }

  const replacement = async (): Promise<Replacement> => {
    if (target.kind === 'SYSTEM_USER') {
      if (target.userId === null) throw new AppError('failed', 'Facebook did not say which system user this token is for.')
      caller ??= await adminLogin(ctx)
      const origin = target.systemUser ?? (await locateSystemUser(graph, caller, target.userId))
      return mintVerified({ graph, appId, now }, renewalRequest(caller, origin.id, target))
    }
    let user = await login([...target.scopes, ...PURPOSE_SCOPES[target.purpose ?? 'manage-ads']])
    let info = await graph.debugToken(user)
    if (info.type === 'USER' && !isLongLived(info, now())) {
      user = (await graph.exchangeForLongLived(user)).token
      registerSecret(user)
      info = await graph.debugToken(user)
    }
    if (target.kind !== 'PAGE' || target.profileId === null) return { token: user, info }
    const page = await graph.pageToken(target.profileId, user)
    registerSecret(page.accessToken)
    return { token: page.accessToken, info: await graph.debugToken(page.accessToken) }
  }

  return {
    graph,
    vault: ctx.tokens,
    appId,
    now,
    replacement,
    // A second login needs the person's click (a browser allows a popup only then); a mint does not.
    canReplaceAgain: target.kind === 'SYSTEM_USER',
    revoke: () => ({ adminToken: caller ?? ctx.systemUserCaller ?? null }),
    ...(target.kind === 'USER' ? { afterStore: (id: string, token: string) => renewPageTokens({ graph, vault: ctx.tokens, appId, now: now() }, id, token) } : {}),
    progress: (line) => ctx.log.info('rotation', { step: line }),
  }
}

function outcomeWords(result: RotationResult, reports: readonly DeliveryReport[]): string {
  const delivered = deliverySentence(reports)
  const notes = result.updateIn.length > 0 ? `Update it where it is used: ${result.updateIn.map((u) => `${u.usedIn} (${u.name})`).join('; ')}.` : delivered ? '' : 'Update it wherever you use it.'
  const places = [delivered, notes].filter((p) => p !== '').join(' ')
  if (result.status !== 'done') return `${result.next ?? ''} ${places}`.trim()
  const pages = result.renewed.length > 0 ? ` ${result.renewed.length} Page token${result.renewed.length === 1 ? '' : 's'} made from it ${result.renewed.length === 1 ? 'was' : 'were'} renewed too.` : ''
  const caution = result.next ? ` ${result.next}` : ''
  return `Replaced “${result.name}”: the new token is stored and checked, and the old one is revoked at Facebook (debug_token now says: ${result.revoke.verdict}).${pages}${caution} ${places}`
}

/** "This token may have leaked": replace it, then revoke the old one, and say where to update it. */
export async function rotateStoredToken(ctx: AppContext, input: Input<'rotateToken'>): Promise<AppState> {
  if (!ctx.tokens.get(input.id)) throw new AppError('invalid-input', 'There is no such token.')
  const targetId = rotationTarget(ctx, input.id)
  const target = liveMeta(ctx, targetId)
  if (!target) throw new AppError('invalid-input', 'There is no such token.')
  const others = sameIdentityIds(ctx.tokens, target, targetId)
  const { value: result, reports } = await collectReports(ctx.deliveries, () => rotateToken(portsFor(ctx, target), targetId, { revokeFirst: input.revokeFirst === true }))
  ctx.forgetNotices(targetId)
  // The revoke ended every other token of the same login or system user: let Graph say so now.
  await checkExpectedDeaths(ctx, [targetId, ...others])
  // Waiting for one more login, the family is stopped: this notice is its one banner, with the why.
  noticeForFamily(ctx, tokenSummaries(ctx), targetId, result.status === 'done' ? 'info' : 'warning', outcomeWords(result, reports))
  ctx.monitor.reschedule()
  return buildState(ctx)
}
