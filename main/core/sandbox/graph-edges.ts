import type { Caller } from './auth'
import type { SandboxContext } from './context'
import { unsupportedRequest } from './errors'
import { requestedFields } from './field-syntax'
import { boundNode, viewOf } from './graph-nodes'
import { nonexistingField } from './node-kit'
import { findNode } from './nodes'
import type { Answer, GraphRequest } from './request'

/**
 * /{id}/{edge} for any declared edge (nodes/): GET lists it, POST and DELETE run the node's
 * declared write. An edge the node does not have is, as on Graph, a nonexisting field of its node
 * type for GET (e.g. /me/accounts with a page token); for other methods the answer is undefined
 * and the router decides. A method the edge does not take is Graph's "Unsupported … request".
 */
export function routeEdge(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string, edge: string): Answer | undefined {
  const node = boundNode(ctx, caller, id, req.method)
  const list = node.edge(edge)
  const view = viewOf(ctx, req, caller)
  if (req.method !== 'GET') {
    const write = node.action(edge, req.method)
    if (write) return { json: write(view, req.params), headers: view.headers }
    if (list || node.writable(edge)) throw unsupportedRequest(req.method, id)
    return undefined
  }
  if (!list) {
    if (node.writable(edge)) throw unsupportedRequest(req.method, id)
    throw nonexistingField(edge, node.typeName)
  }
  const json = list(view, { path: req.path, params: req.params, fields: requestedFields(req.params) })
  return { json, headers: view.headers }
}

/** True when the node an id names (never `me`) declares this edge, whoever asks. */
export function declaresEdge(ctx: SandboxContext, id: string, edge: string): boolean {
  return id !== 'me' && findNode(ctx, id)?.edge(edge) !== undefined
}
