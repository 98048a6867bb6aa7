import { actsAs } from '../auth'
import { GraphError, businessPermissionError, permissionError, unsupportedRequest } from '../errors'
import { edge, nodeType, type NodeType, type View } from '../node-kit'
import type { PersonRecord, TokenRecord } from '../state'
import { roleOfSystemUser, SYSTEM_USER_ACTIONS } from '../system-users'
import { marketingHeaders } from '../usage'
import { businessesOf } from '../reach'
import { coversPage } from '../tokens'
import { ADS_SCOPES } from '../known-permissions'
import { adAccountNode, listedAdAccounts } from './ad-account'
import { businessNode } from './business'
import { pageNode } from './page'
import { pictureOf } from './picture'

/** Modelled text: no capture of this refusal exists. */
const integrationAccountsRefused = (): GraphError =>
  new GraphError(200, '(#200) This endpoint is not available to business integration system users. Read each Page with /{page-id}?fields=access_token.')

/**
 * `client_business_id` (login-for-business.md §4, user.py [S]): only a business integration
 * system user's own token has one; for anyone else the field is left out.
 */
const clientBusinessId = {
  get: (p: PersonRecord, view: View) => (actsAs(view.caller, p) ? view.caller.record.clientBusinessId : undefined),
}

/** The caller's own user or system-user token: edges of a person list only for that person. */
function ownToken(person: PersonRecord, view: View): TokenRecord {
  if (!actsAs(view.caller, person)) throw unsupportedRequest(view.method, person.id)
  return view.caller.record
}

/**
 * GET /me/accounts: the Pages the person has a direct task on and the token covers (ticked at
 * login), each with its page token (§4.2). Pages reached only through a business are not listed
 * (graph-api-doctor.md §2.2).
 */
const accounts = edge({
  node: pageNode,
  // The real capture without `fields` (graph-api.md §4.2).
  defaultFields: ['access_token', 'category', 'category_list', 'name', 'id', 'tasks'],
  needs: { anyOf: ['pages_show_list'], error: permissionError },
  guard: (person: PersonRecord, view: View) => {
    const token = ownToken(person, view)
    // Whether /me/accounts answers a business integration system user is not confirmed (login-for-business.md Q5).
    if (token.clientBusinessId && view.ctx.state.behaviour.integrationAccounts === 'refused') throw integrationAccountsRefused()
  },
  items: (person: PersonRecord, view) => {
    const token = ownToken(person, view)
    return view.ctx.state.pages.filter((p) => p.roles.has(person.id) && coversPage(view.ctx, token, p.id))
  },
  emptyPageKey: 'accounts',
})

/** GET /me/adaccounts, with the Marketing usage headers that carry the access tier (§8, §13). */
const adaccounts = edge({
  // Business lists SystemUsers, declared here, so this module's item nodes are looked up when
  // listed: any load order of the node modules then works.
  node: () => adAccountNode,
  defaultFields: ['account_id', 'id'],
  needs: { anyOf: ADS_SCOPES, error: permissionError },
  guard: ownToken,
  items: (person: PersonRecord, view) => listedAdAccounts(view, person),
  emptyPageKey: 'adaccounts',
  headers: (view) => marketingHeaders(view.ctx.state),
})

/**
 * GET /me/businesses: the businesses the person has a role in; needs business_management
 * (graph-api-doctor.md §2.4), refused with the text Graph gives for business objects.
 */
const businesses = edge({
  node: () => businessNode,
  defaultFields: ['id', 'name'],
  needs: { anyOf: ['business_management'], error: businessPermissionError },
  guard: ownToken,
  items: (person: PersonRecord, view) => businessesOf(view.ctx.state, person.id),
  emptyPageKey: 'businesses',
})

interface NameParts {
  first: string
  middle: string | undefined
  last: string | undefined
}

/** "Pat Practice" is first Pat, last Practice; words between are the middle name. */
function partsOf(person: PersonRecord): NameParts {
  const words = person.name.trim().split(/\s+/)
  return {
    first: words[0] ?? '',
    middle: words.length > 2 ? words.slice(1, -1).join(' ') : undefined,
    last: words.length > 1 ? words[words.length - 1] : undefined,
  }
}

// example.com is reserved for examples: no practice address can reach anyone.
const emailOf = (person: PersonRecord): string =>
  `${person.name
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.normalize('NFD').replace(/[^a-z0-9]/g, ''))
    .filter((w) => w !== '')
    .join('.')}@example.com`

/**
 * User. `email` needs the email permission and is only ever the caller's own: without it Graph
 * leaves the field out, no error (the behaviour passport-facebook and others rely on).
 */
export const userNode: NodeType<PersonRecord> = nodeType<PersonRecord>({
  name: 'User',
  idOf: (p) => p.id,
  defaultFields: ['name', 'id'],
  fields: {
    name: { get: (p) => p.name },
    first_name: { get: (p) => partsOf(p).first },
    middle_name: { get: (p) => partsOf(p).middle },
    last_name: { get: (p) => partsOf(p).last },
    short_name: { get: (p) => partsOf(p).first },
    name_format: { get: (p) => (partsOf(p).last === undefined ? '{first}' : '{first} {last}') },
    picture: { get: (p, view, args) => pictureOf(view, p.id, args) },
    email: { get: (p, view) => (actsAs(view.caller, p) ? emailOf(p) : undefined), needs: { anyOf: ['email'], lacking: 'omit' } },
    client_business_id: clientBusinessId,
  },
  edges: { accounts, adaccounts, businesses },
})

/**
 * A Business Manager system user: `/me` of a system-user token, and a row of its business's
 * `system_users`. An admin installs the app for it, mints and revokes its tokens (system-users.ts).
 */
export const systemUserNode: NodeType<PersonRecord> = nodeType<PersonRecord>({
  name: 'SystemUser',
  idOf: (p) => p.id,
  defaultFields: ['name', 'id'],
  fields: {
    name: { get: (p) => p.name },
    role: { get: (p, view) => roleOfSystemUser(view.ctx.state, p) },
    client_business_id: clientBusinessId,
  },
  edges: { accounts, adaccounts, businesses },
  actions: SYSTEM_USER_ACTIONS,
})

export const personNode = (person: PersonRecord): NodeType<PersonRecord> => (person.system ? systemUserNode : userNode)
