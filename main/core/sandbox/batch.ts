import { resolveCaller } from './auth'
import type { SandboxContext } from './context'
import { GraphError, noTokenError, type Reply } from './errors'
import { MAX_BATCH } from './options'
import { proofOf } from './proof'
import type { Answer, GraphRequest } from './request'
import { segmentsOf } from './paths'
import { lookupAppToken } from './tokens'

export type ExecuteItem = (item: GraphRequest) => Promise<Reply | null>

const batchError = (message: string): GraphError => new GraphError(100, message, { type: 'GraphBatchException' })
const itemError = (message: string): Reply => ({
  status: 400,
  headers: {},
  body: JSON.stringify({ error: { message, type: 'GraphBatchException', code: 100 } }),
})

/**
 * POST / with `batch`: at most 50 items, answered in order, bodies as JSON strings, per-item
 * tokens honoured, a top-level token required, `include_headers=false` honoured (§12).
 */
export async function runBatch(ctx: SandboxContext, req: GraphRequest, execute: ExecuteItem): Promise<Answer> {
  if (!resolveCaller(ctx, req)) throw noTokenError()
  let items: unknown
  try {
    items = JSON.parse(req.params.batch ?? '')
  } catch {
    throw batchError('(#100) The parameter batch must be a JSON array of requests')
  }
  if (!Array.isArray(items) || items.length === 0) throw batchError('(#100) The parameter batch must be a JSON array of requests')
  if (items.length > MAX_BATCH) throw batchError(`Too many requests in batch message. Maximum batch size is ${MAX_BATCH}`)
  const withHeaders = req.params.include_headers !== 'false'
  const replies = await Promise.all(items.map((item) => runItem(ctx, req, item, execute)))
  return {
    json: replies.map((reply) => {
      if (reply === null) return null
      const body = reply.body
      if (!withHeaders) return { code: reply.status, body }
      const headers = Object.entries({ ...reply.headers, 'content-type': 'text/javascript; charset=UTF-8' })
        .filter(([name]) => name !== 'content-length')
        .map(([name, value]) => ({ name: displayName(name), value }))
      return { code: reply.status, headers, body }
    }),
  }
}

const displayName = (name: string): string =>
  name === 'www-authenticate' ? 'WWW-Authenticate' : name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())

async function runItem(ctx: SandboxContext, top: GraphRequest, raw: unknown, execute: ExecuteItem): Promise<Reply | null> {
  if (raw === null || typeof raw !== 'object') return itemError('(#100) Each batch item must be an object')
  const item = raw as Record<string, unknown>
  const method = typeof item.method === 'string' ? item.method.toUpperCase() : 'GET'
  if (typeof item.relative_url !== 'string' || item.relative_url === '') return itemError('(#100) Each batch item needs a relative_url')
  if (typeof item.body !== 'undefined' && typeof item.body !== 'string') return itemError('(#100) A batch item body is a urlencoded string')
  const url = new URL(item.relative_url.replace(/^\/+/, ''), 'http://batch.invalid/')
  const params: Record<string, string> = {}
  for (const [k, v] of url.searchParams) params[k] = v
  for (const [k, v] of new URLSearchParams(item.body ?? '')) params[k] = v
  if (params.batch !== undefined) return itemError('(#100) A batch item cannot hold a batch')
  if (params.access_token === undefined) {
    // The item falls back on the top-level token, and with it the top-level proof.
    for (const key of ['access_token', 'appsecret_proof', 'appsecret_time']) {
      const value = top.params[key]
      if (value !== undefined) params[key] = value
    }
  } else if (ctx.state.behaviour.batchItemProof === 'top-level-only' && params.appsecret_proof === undefined) {
    // Lenient model: an item with its own token needs no proof of its own.
    const owner = ctx.state.tokens.get(params.access_token)
    const app = owner && !lookupAppToken(ctx, params.access_token) ? ctx.state.apps.get(owner.appId) : undefined
    if (app) params.appsecret_proof = proofOf(app.secret, params.access_token)
  }
  const segments = segmentsOf(url.pathname)
  if (!segments) return itemError('(#100) The relative_url is not a valid path')
  return execute({ method, path: url.pathname, segments, params, headers: top.headers, batchItem: true })
}
