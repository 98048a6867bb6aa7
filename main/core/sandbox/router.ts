import { resolveCaller, tokenOf } from './auth'
import { runBatch } from './batch'
import type { SandboxContext } from './context'
import { debugToken } from './debug-token'
import { GraphError, errorReply, unknownPathError, unsupportedRequest, type Reply } from './errors'
import { faultReply, takeFault } from './faults'
import { declaresEdge, routeEdge } from './graph-edges'
import { getNode } from './graph-nodes'
import { newFbtraceId } from './ids'
import { accessToken } from './oauth-exchange'
import { deletePermissions, getPermissions } from './permissions'
import type { Answer, GraphRequest } from './request'
import type { AppRecord } from './state'
import { lookupAppToken } from './tokens'
import { appUsageHeaders } from './usage'
import { isAdsCall, servedForAds, servedVersion, splitVersion } from './versions'

/** Record, apply a matching fault, then route. 'drop' means: answer nothing, close the socket. */
export async function executeGraph(ctx: SandboxContext, req: GraphRequest): Promise<Reply | 'drop'> {
  ctx.record({
    side: 'graph',
    method: req.method,
    path: req.path,
    params: { ...req.params },
    headers: { ...req.headers },
    batchItem: req.batchItem,
    at: ctx.clock.now(),
  })
  const fault = takeFault(ctx.state, req)
  if (fault?.kind === 'drop') return 'drop'
  if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref())
  const faulted = fault ? faultReply(ctx.state, fault) : null
  if (faulted) return withBase(ctx, faulted, null)
  return routeGraph(ctx, req)
}

function withBase(ctx: SandboxContext, reply: Reply, version: string | null): Reply {
  const base: Record<string, string> = {
    'content-type': 'application/json; charset=UTF-8',
    'facebook-api-version': version ?? servedVersion(null, ctx.clock.now(), 'serve'),
    'x-fb-request-id': newFbtraceId(),
    'x-fb-trace-id': newFbtraceId(),
    'x-fb-rev': '1000000',
    'cache-control': 'private, no-cache, no-store, must-revalidate',
    pragma: 'no-cache',
    expires: 'Sat, 01 Jan 2000 00:00:00 GMT',
    'access-control-allow-origin': '*',
    ...appUsageHeaders(ctx.state),
  }
  return { ...reply, headers: { ...base, ...reply.headers } }
}

/** The app a request's token belongs to, without judging the token: its version floor applies. */
function callingApp(ctx: SandboxContext, req: GraphRequest): AppRecord | undefined {
  const token = tokenOf(ctx, req)
  if (token === undefined) return undefined
  const lookup = lookupAppToken(ctx, token)
  if (lookup) return 'app' in lookup ? lookup.app : undefined
  const record = ctx.state.tokens.get(token)
  return record ? ctx.state.apps.get(record.appId) : undefined
}

async function routeGraph(ctx: SandboxContext, req: GraphRequest): Promise<Reply> {
  let version: string | null = null
  try {
    const split = splitVersion(req.segments)
    const app = callingApp(ctx, req)
    version = servedVersion(split.requested, ctx.clock.now(), ctx.state.behaviour.unreleasedVersion, app?.versionFloor ?? null, split.segments)
    let adWarning: string | null = null
    if (isAdsCall(split.segments)) {
      const ads = servedForAds(version, ctx.clock.now(), req.method, app?.adsAutoUpgrade ?? true)
      version = ads.served
      adWarning = ads.warning
    }
    const answer = await dispatch(ctx, { ...req, segments: split.segments })
    const headers = { ...answer.headers, ...(adWarning ? { 'x-ad-api-version-warning': adWarning } : {}) }
    return withBase(ctx, { status: answer.status ?? 200, headers, body: JSON.stringify(answer.json) }, version)
  } catch (err) {
    if (err instanceof GraphError) return withBase(ctx, errorReply(err), version)
    throw err
  }
}

function dispatch(ctx: SandboxContext, req: GraphRequest): Answer | Promise<Answer> {
  const [node, edge, sub, ...extra] = req.segments
  const { method } = req
  if (method === 'POST' && req.params.batch !== undefined) {
    if (req.batchItem) throw new GraphError(100, '(#100) A batch item cannot hold a batch', { type: 'GraphBatchException' })
    return runBatch(ctx, req, async (item) => {
      const reply = await executeGraph(ctx, item)
      return reply === 'drop' ? null : reply
    })
  }
  if (node === 'oauth' && edge === 'access_token' && sub === undefined) {
    if (method !== 'GET' && method !== 'POST') throw unsupportedRequest(method, 'oauth')
    return accessToken(ctx, req)
  }
  if (node === 'debug_token' && edge === undefined) {
    if (method !== 'GET') throw unsupportedRequest(method, 'debug_token')
    return debugToken(ctx, req)
  }
  if (node === undefined) throw unsupportedRequest(method, '')
  if (extra.length > 0) throw unknownPathError(`/${extra.join('/')}`)
  const caller = resolveCaller(ctx, req)
  if (edge === undefined) {
    if (method !== 'GET') throw unsupportedRequest(method, node)
    return getNode(ctx, req, caller, node)
  }
  // A person's own grants (/me/permissions); an app's approved permissions are a declared edge.
  if (edge === 'permissions' && !declaresEdge(ctx, node, edge)) {
    if (method === 'GET') return getPermissions(ctx, req, caller, node, sub)
    if (method === 'DELETE') return deletePermissions(ctx, req, caller, node, sub)
    throw unsupportedRequest(method, node)
  }
  if (sub !== undefined) throw unknownPathError(`/${edge}/${sub}`)
  const answered = routeEdge(ctx, req, caller, node, edge)
  if (answered) return answered
  throw unknownPathError(`/${edge}`)
}
