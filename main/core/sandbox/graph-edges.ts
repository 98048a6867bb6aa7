import type { Caller } from './auth'
import type { SandboxContext } from './context'
import { GraphError, permissionError, unsupportedRequest } from './errors'
import { actsAs, resolveNode } from './graph-nodes'
import { adAccountJson } from './business-edges'
import { paginate } from './paging'
import { adAccountReach } from './reach'
import { fieldsOf, pick, type Answer, type GraphRequest } from './request'
import type { TokenRecord } from './state'
import { coversPage, pageTokenFor } from './tokens'
import { marketingHeaders } from './usage'
import type { PagedEdge } from './types'

/** The caller's own user or system-user token, for an edge of `me` or of their own id. */
export function ownToken(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): TokenRecord {
  const node = resolveNode(ctx, caller, id, req.method)
  if (node.type !== 'person' || !actsAs(caller, node.person)) throw unsupportedRequest(req.method, id)
  return caller.record
}

/** Without the needed permission: the (#200) error, or an empty list (behaviour.missingPermission). */
function lacks(ctx: SandboxContext, token: TokenRecord, anyOf: string[]): boolean {
  if (anyOf.some((s) => token.scopes.includes(s))) return false
  if (ctx.state.behaviour.missingPermission === 'error') throw permissionError()
  return true
}

function checkFields(fields: string[], allowed: string[], nodeType: string): void {
  const bad = fields.find((f) => !allowed.includes(f))
  if (bad !== undefined) throw new GraphError(100, `(#100) Tried accessing nonexisting field (${bad}) on node type (${nodeType})`)
}

function page(ctx: SandboxContext, edge: PagedEdge, req: GraphRequest, items: Record<string, unknown>[], fields: string[]): unknown {
  const listed = paginate(ctx, edge, req, items)
  return { ...listed, data: listed.data.map((item) => pick(item, fields)) }
}

/**
 * GET /me/accounts: the Pages the person has a direct task on and ticked at login, each with its
 * page token (§4.2). Pages reached only through a business are not listed (graph-api-doctor.md §2.2).
 */
export function getAccounts(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): Answer {
  const token = ownToken(ctx, req, caller, id)
  const fields = fieldsOf(req.params, ['access_token', 'category', 'category_list', 'name', 'id', 'tasks'])
  checkFields(fields, ['access_token', 'category', 'category_list', 'name', 'id', 'tasks'], 'Page')
  if (lacks(ctx, token, ['pages_show_list'])) return { json: { data: [] } }
  const userId = token.userId ?? ''
  const items = ctx.state.pages
    .filter((p) => p.roles.has(userId) && coversPage(ctx, token, p.id))
    .map((p) => ({
      access_token: fields.includes('access_token') ? pageTokenFor(ctx, token, p.id).value : undefined,
      category: p.category,
      category_list: [{ id: p.categoryId, name: p.category }],
      name: p.name,
      id: p.id,
      tasks: p.tasks,
    }))
  return { json: page(ctx, 'accounts', req, items, fields) }
}

/** GET /me/adaccounts, with the Marketing usage headers that carry the access tier (§8, §13). */
export function getAdAccounts(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): Answer {
  const token = ownToken(ctx, req, caller, id)
  const fields = fieldsOf(req.params, ['account_id', 'id'])
  checkFields(fields, ['account_id', 'id', 'name', 'account_status', 'disable_reason', 'business', 'currency'], 'AdAccount')
  const headers = marketingHeaders(ctx.state)
  if (lacks(ctx, token, ['ads_read', 'ads_management'])) return { json: { data: [] }, headers }
  // Whether accounts reached only through a business are listed is not confirmed (doctor §2.5).
  const throughBusiness = ctx.state.behaviour.adAccountsThroughBusiness === 'included' && token.scopes.includes('business_management')
  const items = ctx.state.adAccounts
    .filter((a) => {
      const reach = adAccountReach(ctx.state, token.userId, a.accountId)
      return reach === 'direct' || (reach === 'business' && throughBusiness)
    })
    .map((a) => adAccountJson(ctx, a))
  return { json: page(ctx, 'adaccounts', req, items, fields), headers }
}
