import type { Caller } from './auth'
import type { SandboxContext } from './context'
import { GraphError, meWithoutUserError, noTokenError, unsupportedRequest } from './errors'
import { fieldsOf, pick, type Answer, type GraphRequest } from './request'
import { pageReach } from './reach'
import type { PageRecord, PersonRecord } from './state'
import { coversPage, pageTokenFor } from './tokens'

const nonexisting = (field: string, nodeType: string): GraphError =>
  new GraphError(100, `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`)

function checkFields(fields: string[], allowed: string[], nodeType: string): void {
  const bad = fields.find((f) => !allowed.includes(f))
  if (bad !== undefined) throw nonexisting(bad, nodeType)
}

export type Node = { type: 'person'; person: PersonRecord } | { type: 'page'; page: PageRecord }

/** `me`, a user id or a Page id, as this caller may see it. */
export function resolveNode(ctx: SandboxContext, caller: Caller | null, id: string, method: string): Node {
  if (id === 'me') {
    if (!caller || caller.kind === 'app') throw meWithoutUserError()
    const { record } = caller
    if (record.kind === 'PAGE') {
      const page = ctx.state.pages.find((p) => p.id === record.profileId)
      if (page) return { type: 'page', page }
    }
    const person = record.userId === null ? undefined : ctx.state.people.get(record.userId)
    if (!person) throw meWithoutUserError()
    return { type: 'person', person }
  }
  if (!caller) throw noTokenError()
  const person = ctx.state.people.get(id)
  if (person) return { type: 'person', person }
  const page = ctx.state.pages.find((p) => p.id === id)
  if (page) return { type: 'page', page }
  throw unsupportedRequest(method, id)
}

/** True when the caller acts as this person (their own user or system-user token). */
export function actsAs(caller: Caller | null, person: PersonRecord): caller is Extract<Caller, { kind: 'token' }> {
  return caller?.kind === 'token' && caller.record.kind !== 'PAGE' && caller.record.userId === person.id
}

export function getNode(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): Answer {
  const node = resolveNode(ctx, caller, id, req.method)
  if (node.type === 'person') {
    const fields = fieldsOf(req.params, ['name', 'id'])
    checkFields(fields, ['id', 'name'], node.person.system ? 'SystemUser' : 'User')
    return { json: pick({ name: node.person.name, id: node.person.id }, fields) }
  }
  const { page } = node
  const fields = fieldsOf(req.params, ['name', 'id'])
  checkFields(fields, ['id', 'name', 'category', 'category_list', 'tasks', 'access_token'], 'Page')
  const full: Record<string, unknown> = {
    name: page.name,
    category: page.category,
    category_list: [{ id: page.categoryId, name: page.category }],
  }
  // The person's tasks and the page token are theirs to read only (§4.1, graph-api-doctor.md §2.3).
  if (fields.includes('tasks') || fields.includes('access_token')) checkPersonalAccess(ctx, caller, page, req.method)
  full.tasks = page.tasks
  if (fields.includes('access_token')) full.access_token = pageAccessToken(ctx, caller, page)
  full.id = page.id
  return { json: pick(full, fields) }
}

/**
 * A person reaches a Page through a direct role, or through a business when the token has
 * business_management; the token must also cover the Page (the Pages ticked at login, §5.1).
 * The trypost report (doctor §2.1) is why a business Page works here although /me/accounts omits it.
 */
function checkPersonalAccess(ctx: SandboxContext, caller: Caller | null, page: PageRecord, method: string): void {
  if (caller?.kind !== 'token') throw unsupportedRequest(method, page.id)
  const { record } = caller
  if (record.kind === 'PAGE') {
    if (record.profileId === page.id) return
    throw unsupportedRequest(method, page.id)
  }
  const reach = pageReach(ctx.state, record.userId, page)
  if (reach === null || (reach === 'business' && !record.scopes.includes('business_management'))) throw unsupportedRequest(method, page.id)
  if (!coversPage(ctx, record, page.id)) throw unsupportedRequest(method, page.id)
}

/** GET /{page-id}?fields=access_token: the caller's own page token, or one made from their user token (§4.1). */
function pageAccessToken(ctx: SandboxContext, caller: Caller | null, page: PageRecord): string {
  if (caller?.kind !== 'token') throw unsupportedRequest('GET', page.id)
  const { record } = caller
  if (record.kind === 'PAGE') return record.value
  return pageTokenFor(ctx, record, page.id).value
}
