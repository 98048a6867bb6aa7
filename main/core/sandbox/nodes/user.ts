import { actsAs } from '../auth'
import { permissionError, unsupportedRequest } from '../errors'
import { edge, nodeType, type NodeType, type View } from '../node-kit'
import type { PersonRecord, TokenRecord } from '../state'
import { marketingHeaders } from '../usage'
import { ADS_SCOPES, adAccountNode, adAccountsOf } from './ad-account'
import { pageNode } from './page'
import { pictureOf } from './picture'

/** The caller's own user or system-user token: edges of a person list only for that person. */
function ownToken(person: PersonRecord, view: View): TokenRecord {
  if (!actsAs(view.caller, person)) throw unsupportedRequest(view.method, person.id)
  return view.caller.record
}

/** GET /me/accounts: the Pages the person has a task on, each with its page token (§4.2). */
const accounts = edge({
  node: pageNode,
  // The real capture without `fields` (graph-api.md §4.2).
  defaultFields: ['access_token', 'category', 'category_list', 'name', 'id', 'tasks'],
  needs: { anyOf: ['pages_show_list'], error: permissionError },
  guard: ownToken,
  items: (person: PersonRecord, view) => view.ctx.state.pages.filter((p) => p.roles.has(person.id)),
  emptyPageKey: 'accounts',
})

/** GET /me/adaccounts, with the Marketing usage headers that carry the access tier (§8, §13). */
const adaccounts = edge({
  node: adAccountNode,
  defaultFields: ['account_id', 'id'],
  needs: { anyOf: ADS_SCOPES, error: permissionError },
  guard: ownToken,
  items: (person: PersonRecord, view) => adAccountsOf(view.ctx, person.id),
  emptyPageKey: 'adaccounts',
  headers: (view) => marketingHeaders(view.ctx.state),
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
  },
  edges: { accounts, adaccounts },
})

/** A Business Manager system user: `/me` of a system-user token. */
export const systemUserNode: NodeType<PersonRecord> = nodeType<PersonRecord>({
  name: 'SystemUser',
  idOf: (p) => p.id,
  defaultFields: ['name', 'id'],
  fields: { name: { get: (p) => p.name } },
  edges: { accounts, adaccounts },
})

export const personNode = (person: PersonRecord): NodeType<PersonRecord> => (person.system ? systemUserNode : userNode)
