/**
 * Business Manager system users as graph-api.md §11 describes them: the list of a business's
 * system users, installing the app for one, minting its token (never-expiring or 60-day) and
 * revoking its tokens. Every text marked "modelled" below has no captured original; the client
 * classifies these answers by the call they answer and their code, not by the words.
 */
import { ACCESS_LEVELS, type AccessLevel } from '../tokens/access-levels'
import type { Caller } from './auth'
import { nowSeconds, type SandboxContext } from './context'
import { GraphError, badParam, unsupportedRequest } from './errors'
import { LIFETIME } from './options'
import { paginate } from './paging'
import { missingProof } from './proof'
import { fieldsOf, pick, type Answer, type GraphRequest } from './request'
import type { AppRecord, BusinessRecord, PersonRecord, SandboxState, TokenRecord } from './state'
import { getBusinesses } from './me-businesses'
import { issueSystemUserToken } from './tokens'

/** Permission names the mint accepts (a subset of Meta's; anything else is "not valid", 3962). */
export const PERMISSION_NAMES = new Set([
  'ads_management', 'ads_read', 'attribution_read', 'business_management', 'catalog_management',
  'instagram_basic', 'instagram_content_publish', 'instagram_manage_comments', 'instagram_manage_insights',
  'leads_retrieval', 'pages_manage_ads', 'pages_manage_engagement', 'pages_manage_metadata', 'pages_manage_posts',
  'pages_messaging', 'pages_read_engagement', 'pages_read_user_content', 'pages_show_list', 'read_insights',
  'whatsapp_business_management', 'whatsapp_business_messaging',
])

export interface Actor {
  person: PersonRecord
  record: TokenRecord
  app: AppRecord
}

export function systemUsersOf(state: SandboxState): { id: string; name: string; role: 'ADMIN' | 'EMPLOYEE'; businessId: string }[] {
  return [...state.businesses.values()].flatMap((b) =>
    [...b.roles].flatMap(([id, role]) => {
      const person = state.people.get(id)
      return person?.system ? [{ id, name: person.name, role, businessId: b.id }] : []
    }),
  )
}

/** The allowance the seed's table gives: the level set by a control, else the one the live tier maps to. */
export function systemUserAllowance(state: SandboxState): AccessLevel {
  const name = state.systemUserLevel ?? (state.tier === 'standard_access' ? 'standard' : 'development')
  const level = ACCESS_LEVELS.find((l) => l.name === name)
  if (!level) throw new Error(`No access level ${name}.`)
  return level
}

/** A person's or system user's own user-kind token: Page and app tokens manage no business. */
export function actorOf(ctx: SandboxContext, caller: Caller | null, method: string, id: string): Actor {
  if (caller?.kind !== 'token' || caller.record.kind === 'PAGE' || caller.record.userId === null) throw unsupportedRequest(method, id)
  const person = ctx.state.people.get(caller.record.userId)
  if (!person) throw unsupportedRequest(method, id)
  return { person, record: caller.record, app: caller.app }
}

// Modelled on the real "(#200) Requires ads_management permission to manage the object".
export const needsBusinessManagement = (): GraphError => new GraphError(200, '(#200) Requires business_management permission to manage the object')

function requireScope(actor: Actor): void {
  if (!actor.record.scopes.includes('business_management')) throw needsBusinessManagement()
}

/** Admins of the business may manage its system users; a member who is not one gets a 200 (modelled). */
function requireAdmin(business: BusinessRecord, actor: Actor, method: string, id: string): void {
  const role = business.roles.get(actor.person.id)
  if (role === undefined) throw unsupportedRequest(method, id)
  if (role !== 'ADMIN') throw new GraphError(200, '(#200) Only an admin of the business can manage its system users and their tokens.')
}

// Modelled on the real "(#270) Development access is not allowed to access business API post:Business/adaccount."
function requireFullTier(state: SandboxState, what: string): void {
  if (state.tier !== 'standard_access') throw new GraphError(270, `(#270) Development access is not allowed to access business API ${what}`)
}

function businessOfSystemUser(state: SandboxState, id: string): { business: BusinessRecord; person: PersonRecord } | null {
  const person = state.people.get(id)
  if (!person?.system) return null
  for (const business of state.businesses.values()) if (business.roles.has(id)) return { business, person }
  return null
}

/** `business_app`, when sent, must be the app of the calling token (§11: one app throughout). */
function checkBusinessApp(req: GraphRequest, app: AppRecord, required: boolean): void {
  const given = req.params.business_app
  if (given === undefined || given === '') {
    if (required) throw badParam('(#100) The parameter business_app is required')
    return
  }
  if (given !== app.id) throw badParam('(#100) business_app must be the app of the access token')
}

const booleanAnswer = (ctx: SandboxContext): Answer => ({ json: ctx.state.behaviour.deleteAnswer === 'true' ? true : { success: true } })
const installKey = (systemUserId: string, appId: string): string => `${systemUserId}:${appId}`

/** GET /{business-id}/system_users: `{id, name, role}` each, for an admin (§11). */
export function getSystemUsers(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, businessId: string): Answer {
  const business = ctx.state.businesses.get(businessId)
  if (!business) throw unsupportedRequest(req.method, businessId)
  const actor = actorOf(ctx, caller, req.method, businessId)
  requireScope(actor)
  requireAdmin(business, actor, req.method, businessId)
  const fields = fieldsOf(req.params, ['id', 'name', 'role'])
  const bad = fields.find((f) => !['id', 'name', 'role'].includes(f))
  if (bad !== undefined) throw new GraphError(100, `(#100) Tried accessing nonexisting field (${bad}) on node type (SystemUser)`)
  const items = [...business.roles]
    .filter(([id]) => ctx.state.people.get(id)?.system)
    .map(([id, role]) => ({ id, name: ctx.state.people.get(id)?.name ?? '', role }))
  const listed = paginate(ctx, 'system_users', req, items)
  return { json: { ...listed, data: listed.data.map((u) => pick(u, fields)) } }
}

function systemUserTarget(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): { business: BusinessRecord; person: PersonRecord; actor: Actor } {
  const actor = actorOf(ctx, caller, req.method, id)
  const systemUserId = id === 'me' ? actor.person.id : id
  const found = businessOfSystemUser(ctx.state, systemUserId)
  if (!found) throw unsupportedRequest(req.method, id)
  return { ...found, actor }
}

/** POST /{system-user-id}/applications: installs the app, within the level's allowance (§11, modelled limit text). */
export function installApplication(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): Answer {
  const { business, person, actor } = systemUserTarget(ctx, req, caller, id)
  requireScope(actor)
  requireAdmin(business, actor, req.method, id)
  requireFullTier(ctx.state, 'post:SystemUser/applications')
  checkBusinessApp(req, actor.app, true)
  const key = installKey(person.id, actor.app.id)
  if (ctx.state.installations.has(key)) return booleanAnswer(ctx)
  const role = business.roles.get(person.id) ?? 'EMPLOYEE'
  const level = systemUserAllowance(ctx.state)
  const installed = [...business.roles].filter(([sid, r]) => r === role && ctx.state.installations.has(installKey(sid, actor.app.id))).length
  const allowed = role === 'ADMIN' ? level.systemUsers.admin : level.systemUsers.regular
  if (installed >= allowed) {
    const { regular, admin } = level.systemUsers
    throw new GraphError(100, `(#100) The app has reached the number of system users its access level allows: ${regular} system user${regular === 1 ? '' : 's'} and ${admin} admin system user${admin === 1 ? '' : 's'}.`)
  }
  ctx.state.installations.add(key)
  return booleanAnswer(ctx)
}

/** POST /{system-user-id}/access_tokens: a token for the app, never-expiring unless asked for 60 days (§11). */
export function mintAccessToken(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): Answer {
  const { business, person, actor } = systemUserTarget(ctx, req, caller, id)
  // The proof is mandatory here whatever "Require App Secret" says (resolveCaller checked any proof sent).
  if (!req.params.appsecret_proof) throw missingProof()
  requireScope(actor)
  requireAdmin(business, actor, req.method, id)
  requireFullTier(ctx.state, 'post:SystemUser/access_tokens')
  checkBusinessApp(req, actor.app, true)
  if (!ctx.state.installations.has(installKey(person.id, actor.app.id))) {
    throw new GraphError(100, '(#100) The system user has not installed the app given in business_app.')
  }
  const scopes = [...new Set((req.params.scope ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''))]
  if (scopes.length === 0) throw badParam('(#100) The parameter scope is required')
  const unknown = scopes.find((s) => !PERMISSION_NAMES.has(s))
  if (unknown !== undefined) throw new GraphError(3962, 'Provided permission is not valid. Check your spelling and syntax.')
  const approved = actor.app.approvedPermissions
  const unapproved = approved === null ? undefined : scopes.find((s) => !approved.has(s))
  if (unapproved !== undefined) throw new GraphError(200, `(#200) The app does not have advanced access to the permission ${unapproved}.`)
  const sixtyDays = req.params.set_token_expires_in_60_days === 'true'
  const expiresAt = sixtyDays ? nowSeconds(ctx) + LIFETIME.longUser : 0
  const token = issueSystemUserToken(ctx, { appId: actor.app.id, userId: person.id, scopes, expiresAt })
  return { json: { access_token: token.value } }
}

/** DELETE /{system-user-id}/access_tokens: every token of the system user for the app dies (466, modelled). */
export function revokeAccessTokens(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, id: string): Answer {
  const { business, person, actor } = systemUserTarget(ctx, req, caller, id)
  if (actor.person.id !== person.id) {
    requireScope(actor)
    requireAdmin(business, actor, req.method, id)
  }
  checkBusinessApp(req, actor.app, false)
  for (const token of ctx.state.tokens.values()) {
    if (token.kind === 'SYSTEM_USER' && token.userId === person.id && token.appId === actor.app.id) token.death ??= 466
  }
  return booleanAnswer(ctx)
}

/** The business edges this module serves, or null when the request is not one of them. */
export function routeSystemUsers(ctx: SandboxContext, req: GraphRequest, caller: Caller | null, node: string, edge: string): Answer | null {
  const { method } = req
  if (edge === 'businesses') {
    if (method !== 'GET') throw unsupportedRequest(method, node)
    return getBusinesses(ctx, req, caller, node)
  }
  if (edge === 'system_users' && ctx.state.businesses.has(node)) {
    if (method !== 'GET') throw unsupportedRequest(method, node)
    return getSystemUsers(ctx, req, caller, node)
  }
  if (edge === 'applications') {
    if (method !== 'POST') throw unsupportedRequest(method, node)
    return installApplication(ctx, req, caller, node)
  }
  if (edge === 'access_tokens') {
    if (method === 'POST') return mintAccessToken(ctx, req, caller, node)
    if (method === 'DELETE') return revokeAccessTokens(ctx, req, caller, node)
    throw unsupportedRequest(method, node)
  }
  return null
}
