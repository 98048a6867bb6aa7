import type { Caller } from './auth'
import type { SandboxContext } from './context'
import { GraphError, permissionError, unknownPathError, unsupportedRequest } from './errors'
import { paginate } from './paging'
import { adAccountReach, businessesOf } from './reach'
import { fieldsOf, pick, type Answer, type GraphRequest } from './request'
import type { AdAccountRecord, BusinessRecord, TokenRecord } from './state'
import { marketingHeaders } from './usage'
import type { PagedEdge } from './types'

type Person = Extract<Caller, { kind: 'token' }>

function checkFields(fields: string[], allowed: string[], nodeType: string): void {
  const bad = fields.find((f) => !allowed.includes(f))
  if (bad !== undefined) throw new GraphError(100, `(#100) Tried accessing nonexisting field (${bad}) on node type (${nodeType})`)
}

/**
 * Business edges need `business_management`, granted by the person (graph-api-doctor.md §2.4).
 * Without it: the (#200) error, or an empty list (behaviour.missingPermission).
 */
function needsBusinessManagement(ctx: SandboxContext, token: TokenRecord): boolean {
  if (token.scopes.includes('business_management')) return true
  if (ctx.state.behaviour.missingPermission === 'error') throw permissionError()
  return false
}

function personToken(caller: Caller | null, method: string, id: string): Person {
  if (caller?.kind !== 'token' || caller.record.kind === 'PAGE') throw unsupportedRequest(method, id)
  return caller
}

const BUSINESS_FIELDS = ['id', 'name', 'verification_status']

function businessJson(b: BusinessRecord): Record<string, unknown> {
  return { id: b.id, name: b.name, verification_status: 'not_verified' }
}

/** GET /me/businesses: the businesses the person has a role in. */
export function getBusinesses(ctx: SandboxContext, req: GraphRequest, token: TokenRecord): Answer {
  const fields = fieldsOf(req.params, ['id', 'name'])
  checkFields(fields, BUSINESS_FIELDS, 'Business')
  if (!needsBusinessManagement(ctx, token)) return { json: { data: [] } }
  const items = businessesOf(ctx.state, token.userId).map((b) => pick(businessJson(b), fields))
  return { json: paginate(ctx, 'businesses', req, items) }
}

const PAGE_FIELDS = ['id', 'name', 'category']
const ACCOUNT_FIELDS = ['id', 'account_id', 'name', 'account_status', 'disable_reason', 'business', 'currency']

export function adAccountJson(ctx: SandboxContext, a: AdAccountRecord): Record<string, unknown> {
  const owner = [...ctx.state.businesses.values()].find((b) => b.ownedAdAccounts.has(a.accountId))
  return {
    account_id: a.accountId,
    id: `act_${a.accountId}`,
    name: a.name,
    account_status: a.status,
    disable_reason: a.disableReason,
    currency: 'USD',
    ...(owner ? { business: { id: owner.id, name: owner.name } } : {}),
  }
}

function assetEdge(ctx: SandboxContext, req: GraphRequest, business: BusinessRecord, edge: PagedEdge): Answer {
  const pages = (ids: Set<string>) => ctx.state.pages.filter((p) => ids.has(p.id)).map((p) => ({ id: p.id, name: p.name, category: p.category }))
  const accounts = (ids: Set<string>) => ctx.state.adAccounts.filter((a) => ids.has(a.accountId)).map((a) => adAccountJson(ctx, a))
  if (edge === 'owned_pages' || edge === 'client_pages') {
    const fields = fieldsOf(req.params, ['id', 'name'])
    checkFields(fields, PAGE_FIELDS, 'Page')
    const items = pages(edge === 'owned_pages' ? business.ownedPages : business.clientPages).map((p) => pick(p, fields))
    return { json: paginate(ctx, edge, req, items) }
  }
  const fields = fieldsOf(req.params, ['id', 'account_id'])
  checkFields(fields, ACCOUNT_FIELDS, 'AdAccount')
  const items = accounts(edge === 'owned_ad_accounts' ? business.ownedAdAccounts : business.clientAdAccounts).map((a) => pick(a, fields))
  return { json: paginate(ctx, edge, req, items), headers: marketingHeaders(ctx.state) }
}

const ASSET_EDGES = new Set(['owned_pages', 'client_pages', 'owned_ad_accounts', 'client_ad_accounts'])

/** /{business-id} and its four asset edges, for a person with a role in the business. */
export function routeBusiness(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, business: BusinessRecord, edge: string | undefined, sub: string | undefined): Answer {
  if (sub !== undefined) throw unknownPathError(`/${edge ?? ''}/${sub}`)
  if (req.method !== 'GET') throw unsupportedRequest(req.method, business.id)
  const { record } = personToken(caller, req.method, business.id)
  // Apps "can only target businesses … that have claimed them" (v10.0+, §2.4): the error text is not confirmed.
  if (!business.roles.has(record.userId ?? '')) throw unsupportedRequest(req.method, business.id)
  if (!needsBusinessManagement(ctx, record)) return { json: edge === undefined ? { id: business.id } : { data: [] } }
  if (edge === undefined) {
    const fields = fieldsOf(req.params, ['id', 'name'])
    checkFields(fields, BUSINESS_FIELDS, 'Business')
    return { json: pick(businessJson(business), fields) }
  }
  if (!ASSET_EDGES.has(edge)) throw unknownPathError(`/${edge}`)
  return assetEdge(ctx, req, business, edge as PagedEdge)
}

/** The capture for an account the person can see but the token cannot read (§2.5); the HTTP status is not confirmed. */
const notGranted = (): GraphError => new GraphError(200, '(#200) Ad account owner has NOT grant ads_management or ads_read permission')

/** GET /act_{id}: its fields, for a person who reaches the account and a token with ads_read or ads_management. */
export function getAdAccount(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, node: string, edge: string | undefined): Answer {
  if (edge !== undefined) throw unknownPathError(`/${edge}`)
  if (req.method !== 'GET') throw unsupportedRequest(req.method, node)
  const { record } = personToken(caller, req.method, node)
  const accountId = node.slice(4)
  const account = ctx.state.adAccounts.find((a) => a.accountId === accountId)
  const reach = account ? adAccountReach(ctx.state, record.userId, accountId) : null
  if (!account || reach === null) throw unsupportedRequest(req.method, node)
  if (reach === 'business' && !record.scopes.includes('business_management')) throw unsupportedRequest(req.method, node)
  if (!record.scopes.some((s) => s === 'ads_read' || s === 'ads_management')) throw notGranted()
  const fields = fieldsOf(req.params, ['account_id', 'id'])
  checkFields(fields, ACCOUNT_FIELDS, 'AdAccount')
  return { json: pick(adAccountJson(ctx, account), fields), headers: marketingHeaders(ctx.state) }
}
