import type { Caller } from './auth'
import type { SandboxContext } from './context'
import { unsupportedRequest } from './errors'
import { requestedFields } from './field-syntax'
import { boundNode, viewOf } from './graph-nodes'
import { nonexistingField } from './node-kit'
import type { Answer, GraphRequest } from './request'

/**
 * GET /{id}/{edge} for any declared edge (nodes/). An edge the node does not have is, as on Graph,
 * a nonexisting field of its node type (e.g. /me/accounts with a page token); for other methods
 * the answer is undefined and the router decides.
 */
export function getEdge(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string, edge: string): Answer | undefined {
  const node = boundNode(ctx, caller, id, req.method)
  const list = node.edge(edge)
  if (!list) {
    if (req.method === 'GET') throw nonexistingField(edge, node.typeName)
    return undefined
  }
  if (req.method !== 'GET') throw unsupportedRequest(req.method, id)
  const view = viewOf(ctx, req, caller)
  const json = list(view, { path: req.path, params: req.params, fields: requestedFields(req.params) })
  return { json, headers: view.headers }
}

function declaredEdge(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string, edge: string): Answer {
  const answer = getEdge(ctx, req, caller, id, edge)
  if (!answer) throw unsupportedRequest(req.method, id)
  return answer
}

/** GET /me/accounts (declared in nodes/user.ts). */
export const getAccounts = (ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): Answer =>
  declaredEdge(ctx, req, caller, id, 'accounts')

/** GET /me/adaccounts (declared in nodes/user.ts). */
export const getAdAccounts = (ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): Answer =>
  declaredEdge(ctx, req, caller, id, 'adaccounts')
