/**
 * GET /me/businesses, minimal (id and name): the businesses the person has a role in, for the
 * system-user wizard. The doctor's fuller edge (issue 11) replaces this file when both land.
 */
import type { Caller } from './auth'
import type { SandboxContext } from './context'
import { GraphError, unsupportedRequest } from './errors'
import { paginate } from './paging'
import { fieldsOf, pick, type Answer, type GraphRequest } from './request'
import { actorOf, needsBusinessManagement } from './system-users'

export function getBusinesses(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): Answer {
  const actor = actorOf(ctx, caller, req.method, id)
  if (id !== 'me' && id !== actor.person.id) throw unsupportedRequest(req.method, id)
  const fields = fieldsOf(req.params, ['name', 'id'])
  const bad = fields.find((f) => f !== 'id' && f !== 'name')
  if (bad !== undefined) throw new GraphError(100, `(#100) Tried accessing nonexisting field (${bad}) on node type (Business)`)
  if (!actor.record.scopes.includes('business_management')) {
    if (ctx.state.behaviour.missingPermission === 'error') throw needsBusinessManagement()
    return { json: { data: [] } }
  }
  const items = [...ctx.state.businesses.values()].filter((b) => b.roles.has(actor.person.id)).map((b) => ({ name: b.name, id: b.id }))
  const listed = paginate(ctx, 'businesses', req, items)
  return { json: { ...listed, data: listed.data.map((b) => pick(b, fields)) } }
}

