import type { Caller } from './auth'
import type { SandboxContext } from './context'
import { GraphError, noTokenError, unknownPathError, unsupportedRequest } from './errors'
import { ipAllowList } from './gates'
import { KNOWN_PERMISSIONS } from './known-permissions'
import { paginate } from './paging'
import { fieldsOf, pick, type Answer, type GraphRequest } from './request'
import type { AppRecord } from './state'

/** Returned with no `fields` parameter, in the order of the real capture (graph-api-doctor.md §1.1). */
const DEFAULT_FIELDS = ['category', 'link', 'name', 'namespace', 'id']
const APP_TOKEN_FIELDS = ['app_domains', 'restrictions', 'supported_platforms', 'business', 'owner_business', 'server_ip_whitelist', 'privacy_policy_url']

/**
 * Which fields a user token (even an admin's) may read is not confirmed (§1.1): the sandbox
 * takes the strict reading, only the public ones. The error text is ours.
 */
const appTokenNeeded = (what: string): GraphError => new GraphError(100, `(#100) An app access token of this app is required to read ${what}`)

function ownAppToken(caller: Caller | null, app: AppRecord): boolean {
  return caller?.kind === 'app' && caller.app.id === app.id
}

function appFields(ctx: SandboxContext, app: AppRecord): Record<string, unknown> {
  const business = app.businessId === null ? undefined : ctx.state.businesses.get(app.businessId)
  const out: Record<string, unknown> = {
    category: app.category,
    link: `https://www.facebook.com/games/?app_id=${app.id}`,
    name: app.name,
    namespace: app.name.toLowerCase().replace(/[^a-z0-9]/g, ''),
    supported_platforms: ['WEB'],
  }
  // Graph leaves empty fields out of an answer.
  if (app.appDomains.length > 0) out.app_domains = [...app.appDomains]
  if (app.restrictions) out.restrictions = { ...app.restrictions }
  if (business) {
    out.business = { id: business.id, name: business.name }
    // owner_business is not described anywhere (§1.1); modelled as the same business.
    out.owner_business = { id: business.id, name: business.name }
  }
  if (ipAllowList(app).length > 0) out.server_ip_whitelist = app.serverIpWhitelist
  if (app.privacyPolicyUrl) out.privacy_policy_url = app.privacyPolicyUrl
  out.id = app.id
  return out
}

/** GET /{app-id}: public fields for anyone with a token, the rest for the app's own app token. */
function getApp(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, app: AppRecord): Answer {
  if (!caller) throw noTokenError()
  const fields = fieldsOf(req.params, DEFAULT_FIELDS)
  const bad = fields.find((f) => f !== 'id' && !DEFAULT_FIELDS.includes(f) && !APP_TOKEN_FIELDS.includes(f))
  if (bad !== undefined) throw new GraphError(100, `(#100) Tried accessing nonexisting field (${bad}) on node type (Application)`)
  const restricted = fields.find((f) => APP_TOKEN_FIELDS.includes(f))
  if (restricted !== undefined && !ownAppToken(caller, app)) throw appTokenNeeded(restricted)
  return { json: pick(appFields(ctx, app), fields) }
}

/** GET /{app-id}/roles: "An app access token for the app is required" (§1.2). */
function getRoles(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, app: AppRecord): Answer {
  if (!caller) throw noTokenError()
  if (!ownAppToken(caller, app)) throw appTokenNeeded('the roles')
  // The real capture writes "insights" where the doc says "insights users": the sandbox answers as the capture.
  const items = [...app.roles].map(([user, role]) => ({ app_id: app.id, user, role: role === 'insights users' ? 'insights' : role }))
  return { json: paginate(ctx, 'roles', req, items) }
}

/**
 * GET /{app-id}/permissions: its shape is not confirmed (§1.1). Modelled on the SDK's `status`
 * filter (live, unapproved): `{data:[{permission, status}]}`, filterable by `status`.
 */
function getAppPermissions(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, app: AppRecord): Answer {
  if (!caller) throw noTokenError()
  if (!ownAppToken(caller, app)) throw appTokenNeeded('the approved permissions')
  const filter = req.params.status
  if (filter !== undefined && filter !== 'live' && filter !== 'unapproved') throw new GraphError(100, '(#100) status must be one of the following values: live, unapproved')
  const items = KNOWN_PERMISSIONS.filter((p) => p !== 'openid')
    .map((permission) => ({ permission, status: app.approvedPermissions === null || app.approvedPermissions.has(permission) ? 'live' : 'unapproved' }))
    .filter((p) => filter === undefined || p.status === filter)
  return { json: paginate(ctx, 'app_permissions', req, items) }
}

/** /{app-id}, /{app-id}/roles and /{app-id}/permissions; nothing else of an app is modelled. */
export function routeApp(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, app: AppRecord, edge: string | undefined, sub: string | undefined): Answer {
  if (sub !== undefined) throw unknownPathError(`/${edge ?? ''}/${sub}`)
  if (req.method !== 'GET') throw unsupportedRequest(req.method, app.id)
  if (edge === undefined) return getApp(ctx, req, caller, app)
  if (edge === 'roles') return getRoles(ctx, req, caller, app)
  if (edge === 'permissions') return getAppPermissions(ctx, req, caller, app)
  throw unknownPathError(`/${edge}`)
}
