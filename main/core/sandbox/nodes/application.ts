import type { Caller } from '../auth'
import { GraphError } from '../errors'
import { ipAllowList } from '../gates'
import { KNOWN_PERMISSIONS } from '../known-permissions'
import { edge, nodeType, sub, type FieldDef, type View } from '../node-kit'
import type { AppRecord } from '../state'
import type { AppRole } from '../types'
import { businessNode } from './business'

/**
 * Which fields a user token (even an admin's) may read is not confirmed (graph-api-doctor.md
 * §1.1): the sandbox takes the strict reading, only the public ones. The error text is ours.
 */
const appTokenNeeded = (what: string): GraphError => new GraphError(100, `(#100) An app access token of this app is required to read ${what}`)

const ownAppToken = (caller: Caller | null, app: AppRecord): boolean => caller?.kind === 'app' && caller.app.id === app.id

function needAppToken(view: View, app: AppRecord, what: string): void {
  if (!ownAppToken(view.caller, app)) throw appTokenNeeded(what)
}

/** A field only the app's own app token may read; refused before its value is looked at, empty or not. */
const appTokenOnly = (name: string, get: FieldDef<AppRecord>['get']): FieldDef<AppRecord> => ({
  get(app, view, args) {
    needAppToken(view, app, name)
    return get(app, view, args)
  },
})

const businessOf = (app: AppRecord, view: View) => {
  const business = app.businessId === null ? undefined : view.ctx.state.businesses.get(app.businessId)
  return business && sub(businessNode, business)
}

interface RoleRow {
  appId: string
  user: string
  role: AppRole
}

/**
 * A row of `GET /{app-id}/roles` (§1.2): `user` is taken to be the app-scoped id. The real
 * capture writes "insights" where the doc says "insights users": the sandbox answers as the
 * capture. The node type's name is ours.
 */
const roleNode = nodeType<RoleRow>({
  name: 'ApplicationRole',
  defaultFields: ['app_id', 'user', 'role'],
  fields: {
    app_id: { get: (r) => r.appId },
    user: { get: (r) => r.user },
    role: { get: (r) => (r.role === 'insights users' ? 'insights' : r.role) },
  },
})

interface PermissionRow {
  permission: string
  status: 'live' | 'unapproved'
}

/**
 * A row of `GET /{app-id}/permissions`: its shape is not confirmed (§1.1). Modelled on the SDK's
 * `status` filter (live, unapproved): `{permission, status}`. The node type's name is ours.
 */
const appPermissionNode = nodeType<PermissionRow>({
  name: 'ApplicationPermission',
  defaultFields: ['permission', 'status'],
  fields: {
    permission: { get: (p) => p.permission },
    status: { get: (p) => p.status },
  },
})

function permissionRows(app: AppRecord, filter: string | undefined): PermissionRow[] {
  if (filter !== undefined && filter !== 'live' && filter !== 'unapproved') throw new GraphError(100, '(#100) status must be one of the following values: live, unapproved')
  return KNOWN_PERMISSIONS.filter((p) => p !== 'openid')
    .map((permission): PermissionRow => ({ permission, status: app.approvedPermissions === null || app.approvedPermissions.has(permission) ? 'live' : 'unapproved' }))
    .filter((p) => filter === undefined || p.status === filter)
}

/**
 * Application. Anyone with a token reads the fields Graph answers without `fields` (a real
 * capture: category, link, name, namespace, id; §1.1); the settings the doctor reads, the roles
 * and the approved permissions need the app's own app token. The link points at the sandbox's www
 * side, which stands in for facebook.com. Empty fields are left out, as Graph leaves them out.
 */
export const applicationNode = nodeType<AppRecord>({
  name: 'Application',
  idOf: (a) => a.id,
  defaultFields: ['category', 'link', 'name', 'namespace', 'id'],
  fields: {
    category: { get: (a) => a.category },
    link: { get: (a, view) => `${view.ctx.wwwUrl}/games/?app_id=${a.id}` },
    name: { get: (a) => a.name },
    namespace: { get: (a) => (a.namespace === '' ? undefined : a.namespace) },
    supported_platforms: appTokenOnly('supported_platforms', () => ['WEB']),
    app_domains: appTokenOnly('app_domains', (a) => (a.appDomains.length > 0 ? [...a.appDomains] : undefined)),
    restrictions: appTokenOnly('restrictions', (a) => (a.restrictions ? { ...a.restrictions } : undefined)),
    business: appTokenOnly('business', businessOf),
    // owner_business is not described anywhere (§1.1); modelled as the same business.
    owner_business: appTokenOnly('owner_business', businessOf),
    server_ip_whitelist: appTokenOnly('server_ip_whitelist', (a) => (ipAllowList(a).length > 0 ? a.serverIpWhitelist : undefined)),
    // `app_type` (unsigned int) and `config_ids` (list<Object>) are in the SDK's Application node
    // (application.py [S]) with no documented values or shape (login-for-business.md §1, Q6):
    // PLACEHOLDERS, unverified. 2 for a Business app with Login for Business, 0 otherwise;
    // config_ids as [{id, name}] of its configurations.
    app_type: appTokenOnly('app_type', (a) => (a.loginKind === 'business' ? 2 : 0)),
    config_ids: appTokenOnly('config_ids', (a) => (a.configurations.size > 0 ? [...a.configurations.values()].map((c) => ({ id: c.id, name: c.name })) : undefined)),
    privacy_policy_url: appTokenOnly('privacy_policy_url', (a) => (a.privacyPolicyUrl === null || a.privacyPolicyUrl === '' ? undefined : a.privacyPolicyUrl)),
  },
  edges: {
    roles: edge({
      node: roleNode,
      guard: (app, view) => needAppToken(view, app, 'the roles'),
      items: (app: AppRecord) => [...app.roles].map(([user, role]) => ({ appId: app.id, user, role })),
      emptyPageKey: 'roles',
    }),
    permissions: edge({
      node: appPermissionNode,
      guard: (app, view) => needAppToken(view, app, 'the approved permissions'),
      items: (app: AppRecord, _view, request) => permissionRows(app, request.params.status),
      emptyPageKey: 'app_permissions',
    }),
  },
})
