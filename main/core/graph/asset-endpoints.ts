import { clientErrorInfo } from './classify'
import type { AdAccount } from './endpoints'
import { GraphError } from './errors'
import type { Transport } from './http'
import { collectPages } from './paging'
import { path, rows, text, type Row } from './rows'

export interface Business {
  id: string
  name: string
}

export interface AssetRef {
  id: string
  name: string
}

/** A Page read by its id: what the person may do on it, or null when Graph would not say. */
export interface PageNode {
  id: string
  name: string
  /** The person's tasks; null when the Page is visible but none of theirs. */
  tasks: string[] | null
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [])

export const AD_ACCOUNT_FIELDS = 'account_id,id,name,account_status,disable_reason,business'

/** One ad account row of any edge or node: `id` is always `act_{account_id}`. */
export function adAccountOf(r: Row): AdAccount | null {
  const rawId = text(r.id)
  const accountId = text(r.account_id) ?? (rawId?.startsWith('act_') ? rawId.slice(4) : rawId)
  if (!accountId) return null
  const business = r.business !== null && typeof r.business === 'object' ? (r.business as Row) : null
  const businessId = business ? text(business.id) : null
  return {
    id: `act_${accountId}`,
    accountId,
    name: text(r.name) ?? '',
    accountStatus: typeof r.account_status === 'number' ? r.account_status : null,
    disableReason: typeof r.disable_reason === 'number' ? r.disable_reason : null,
    business: businessId ? { id: businessId, name: text(business?.name) ?? businessId } : null,
  }
}

/**
 * The calls behind "why is my Page or ad account missing?" (graph-api-doctor.md §2): the
 * person's businesses, each business's owned and client assets, and a Page or ad account read
 * directly by its id.
 */
export function createAssetEndpoints(transport: Transport) {
  const businesses = async (userToken: string): Promise<Business[]> => {
    const items = await collectPages(transport, { method: 'GET', path: 'me/businesses', params: { fields: 'id,name' }, token: userToken })
    return rows(items).flatMap((r) => {
      const id = text(r.id)
      return id === null ? [] : [{ id, name: text(r.name) ?? id }]
    })
  }

  const businessPages = async (token: string, businessId: string, edge: 'owned_pages' | 'client_pages'): Promise<AssetRef[]> => {
    const items = await collectPages(transport, { method: 'GET', path: `${path(businessId)}/${edge}`, params: { fields: 'id,name' }, token })
    return rows(items).flatMap((r) => {
      const id = text(r.id)
      return id === null ? [] : [{ id, name: text(r.name) ?? id }]
    })
  }

  const businessAdAccounts = async (token: string, businessId: string, edge: 'owned_ad_accounts' | 'client_ad_accounts'): Promise<AdAccount[]> => {
    const items = await collectPages(transport, { method: 'GET', path: `${path(businessId)}/${edge}`, params: { fields: AD_ACCOUNT_FIELDS }, token })
    return rows(items).flatMap((r) => adAccountOf(r) ?? [])
  }

  const pageNode = async (token: string, pageId: string): Promise<PageNode> => {
    const { body } = await transport({ method: 'GET', path: path(pageId), params: { fields: 'id,name,tasks' }, token })
    const r = body !== null && typeof body === 'object' ? (body as Row) : {}
    const id = text(r.id)
    if (id === null) throw new GraphError(clientErrorInfo('Facebook answered in an unexpected shape.', 200), 'GET /{page-id}')
    return { id, name: text(r.name) ?? '', tasks: Array.isArray(r.tasks) ? strings(r.tasks) : null }
  }

  /** Public fields only: who can see a Page at all, without claiming any task on it. */
  const pagePublic = async (token: string, pageId: string): Promise<AssetRef> => {
    const { body } = await transport({ method: 'GET', path: path(pageId), params: { fields: 'id,name' }, token })
    const r = body !== null && typeof body === 'object' ? (body as Row) : {}
    const id = text(r.id)
    if (id === null) throw new GraphError(clientErrorInfo('Facebook answered in an unexpected shape.', 200), 'GET /{page-id}')
    return { id, name: text(r.name) ?? '' }
  }

  const adAccountNode = async (token: string, accountId: string): Promise<AdAccount> => {
    const bare = accountId.replace(/^act_/, '')
    const { body } = await transport({ method: 'GET', path: `act_${path(bare)}`, params: { fields: AD_ACCOUNT_FIELDS }, token })
    const account = body !== null && typeof body === 'object' ? adAccountOf(body as Row) : null
    if (!account) throw new GraphError(clientErrorInfo('Facebook answered in an unexpected shape.', 200), 'GET /act_{id}')
    return account
  }

  return { businesses, businessPages, businessAdAccounts, pageNode, pagePublic, adAccountNode }
}
