import { actsAs, type Caller } from './auth'
import type { SandboxContext } from './context'
import { unsupportedRequest } from './errors'
import { resolveNode } from './graph-nodes'
import { successAnswer, type Answer, type GraphRequest } from './request'
import type { AppRecord, PersonRecord } from './state'
import { grantFor } from './tokens'

/** Who the permissions belong to and for which app: the person's own token, or an app token of the app (§10). */
function target(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): { person: PersonRecord; app: AppRecord } {
  const node = resolveNode(ctx, caller, id, req.method)
  if (node.type !== 'person') throw unsupportedRequest(req.method, id)
  if (actsAs(caller, node.person) || caller?.kind === 'app') return { person: node.person, app: caller.app }
  throw unsupportedRequest(req.method, id)
}

export function getPermissions(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string, only?: string): Answer {
  const { person, app } = target(ctx, req, caller, id)
  const grant = grantFor(ctx, person.id, app.id)
  const data = [
    ...[...(grant?.granted ?? [])].map((permission) => ({ permission, status: 'granted' })),
    ...[...(grant?.declined ?? [])].map((permission) => ({ permission, status: 'declined' })),
  ]
  return { json: { data: only === undefined ? data : data.filter((d) => d.permission === only) } }
}

/** Revokes one permission, or all: then every token of the person for the app fails with 466 (§10.2). */
export function revoke(ctx: SandboxContext, userId: string, appId: string, permission?: string): void {
  const grant = grantFor(ctx, userId, appId)
  const mine = [...ctx.state.tokens.values()].filter((t) => t.userId === userId && t.appId === appId && t.kind !== 'APP')
  if (permission === undefined) {
    if (grant) {
      grant.granted.clear()
      grant.declined.clear()
    }
    for (const token of mine) token.death ??= 466
    return
  }
  if (grant?.granted.delete(permission)) grant.declined.add(permission)
  for (const token of mine) token.scopes = token.scopes.filter((s) => s !== permission)
}

export function deletePermissions(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string, only?: string): Answer {
  const { person, app } = target(ctx, req, caller, id)
  revoke(ctx, person.id, app.id, only)
  return { json: successAnswer(ctx) }
}
