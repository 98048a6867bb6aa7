import type { Caller } from './auth'
import type { SandboxContext } from './context'
import { meWithoutUserError, noTokenError, unsupportedRequest } from './errors'
import { requestedFields } from './field-syntax'
import { bind, type BoundNode, type View } from './node-kit'
import { findNode } from './nodes'
import { pageNode } from './nodes/page'
import { personNode } from './nodes/user'
import type { Answer, GraphRequest } from './request'
import type { PageRecord, PersonRecord } from './state'

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

/** The declared node a path id names: `me` is the token's own user, system user or Page. */
export function boundNode(ctx: SandboxContext, caller: Caller | null, id: string, method: string): BoundNode {
  if (id === 'me') {
    const node = resolveNode(ctx, caller, id, method)
    return node.type === 'person' ? bind(personNode(node.person), node.person) : bind(pageNode, node.page)
  }
  if (!caller) throw noTokenError()
  const found = findNode(ctx, id)
  if (!found) throw unsupportedRequest(method, id)
  return found
}

/** `/v25.0` when the path named a version (the router has split it off the segments). */
function versionPrefixOf(req: GraphRequest): string {
  const sent = req.path.split('/').filter((s) => s !== '')
  return sent.length > req.segments.length ? `/${sent[0]}` : ''
}

export function viewOf(ctx: SandboxContext, req: GraphRequest, caller: Caller | null): View {
  return { ctx, caller, method: req.method, versionPrefix: versionPrefixOf(req), headers: {} }
}

/** GET /{id}: the node's fields as `fields` asks, through its declaration in nodes/. */
export function getNode(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): Answer {
  const view = viewOf(ctx, req, caller)
  const json = boundNode(ctx, caller, id, req.method).read(view, requestedFields(req.params))
  return { json, headers: view.headers }
}
