import { businessPermissionError, permissionError, unsupportedRequest } from '../errors'
import { edge, grants, nodeType, type EdgeDef, type NodeType, type View } from '../node-kit'
import type { AdAccountRecord, BusinessRecord, PageRecord } from '../state'
import type { PagedEdge } from '../types'
import { actorOf, mayListSystemUsers, systemUsersIn } from '../system-users'
import { systemUserAccessTokens } from '../integrations'
import { marketingHeaders } from '../usage'
import { adAccountNode } from './ad-account'
import { pageNode } from './page'
import { systemUserNode } from './user'

/**
 * Only a person with a role in the business reaches it. Apps "can only target businesses … that
 * have claimed them" (v10.0+, graph-api-doctor.md §2.4): the error text for others is not
 * confirmed, so they get Unsupported get as for an id they cannot see.
 */
function member(business: BusinessRecord, view: View): void {
  const { person } = actorOf(view.ctx, view.caller, view.method, business.id)
  if (!business.roles.has(person.id)) throw unsupportedRequest(view.method, business.id)
}

/** The asset edges need business_management (§2.4): without it the (#200), or no data (behaviour.missingPermission). */
const BUSINESS_MANAGEMENT = { anyOf: ['business_management'], error: permissionError }

const pagesIn = (view: View, ids: ReadonlySet<string>): PageRecord[] => view.ctx.state.pages.filter((p) => ids.has(p.id))
const accountsIn = (view: View, ids: ReadonlySet<string>): AdAccountRecord[] => view.ctx.state.adAccounts.filter((a) => ids.has(a.accountId))

const pagesEdge = (which: 'ownedPages' | 'clientPages', key: PagedEdge): EdgeDef<BusinessRecord> =>
  edge({
    node: pageNode,
    defaultFields: ['id', 'name'],
    needs: BUSINESS_MANAGEMENT,
    guard: member,
    items: (b: BusinessRecord, view) => pagesIn(view, b[which]),
    emptyPageKey: key,
  })

// AdAccount embeds its Business: the item node is looked up when listed, not when declared.
const adAccountsEdge = (which: 'ownedAdAccounts' | 'clientAdAccounts', key: PagedEdge): EdgeDef<BusinessRecord> =>
  edge({
    node: () => adAccountNode,
    defaultFields: ['id', 'account_id'],
    needs: BUSINESS_MANAGEMENT,
    guard: member,
    items: (b: BusinessRecord, view) => accountsIn(view, b[which]),
    emptyPageKey: key,
    headers: (view) => marketingHeaders(view.ctx.state),
  })

/**
 * GET /{business-id}/system_users: `{id, name, role}` each (§11). Only an admin of the business
 * with business_management lists them, whatever behaviour.missingPermission says (modelled).
 */
const systemUsers = edge({
  // SystemUser's declaration lists this business's edges in turn: looked up when listed.
  node: () => systemUserNode,
  defaultFields: ['id', 'name', 'role'],
  guard: mayListSystemUsers,
  items: systemUsersIn,
  emptyPageKey: 'system_users',
})

/**
 * Business (Business Manager). Read by id it needs a role in the business and business_management;
 * embedded in an AdAccount or an Application (`business`) it shows `id` and `name` to whoever may
 * read those. Its four asset edges list the Pages and ad accounts it owns or was given as a client; `system_users`
 * lists its system users for an admin.
 */
export const businessNode: NodeType<BusinessRecord> = nodeType<BusinessRecord>({
  name: 'Business',
  idOf: (b) => b.id,
  defaultFields: ['id', 'name'],
  fields: {
    name: { get: (b) => b.name },
    // Practice businesses are never verified.
    verification_status: { get: () => 'not_verified' },
  },
  edges: {
    owned_pages: pagesEdge('ownedPages', 'owned_pages'),
    client_pages: pagesEdge('clientPages', 'client_pages'),
    owned_ad_accounts: adAccountsEdge('ownedAdAccounts', 'owned_ad_accounts'),
    client_ad_accounts: adAccountsEdge('clientAdAccounts', 'client_ad_accounts'),
    system_users: systemUsers,
  },
  actions: {
    system_user_access_tokens: { POST: systemUserAccessTokens },
  },
  readable(business, view) {
    member(business, view)
    if (!grants(view, ['business_management'])) throw businessPermissionError()
  },
})
