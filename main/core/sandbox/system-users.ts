/**
 * Business Manager system users as graph-api.md §11 describes them: the rules behind a business's
 * `system_users` edge (declared in nodes/business.ts) and the writes on a system user (declared on
 * `systemUserNode` in nodes/user.ts): installing the app, minting its token (never-expiring or
 * 60-day) and revoking its tokens. Every text marked "modelled" below has no captured original;
 * the client classifies these answers by the call they answer and their code, not by the words.
 */
import { ACCESS_LEVELS, type AccessLevel } from '../tokens/access-levels'
import type { Caller } from './auth'
import { nowSeconds, type SandboxContext } from './context'
import { GraphError, badParam, businessPermissionError, unsupportedRequest } from './errors'
import type { View } from './node-kit'
import { LIFETIME } from './options'
import { missingProof } from './proof'
import { successAnswer } from './request'
import { businessesOf } from './reach'
import { installKey, type AppRecord, type BusinessRecord, type PersonRecord, type SandboxState, type TokenRecord } from './state'
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

function requireScope(actor: Actor): void {
  if (!actor.record.scopes.includes('business_management')) throw businessPermissionError()
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
  const business = person?.system ? businessesOf(state, id)[0] : undefined
  return person && business ? { business, person } : null
}

/** `business_app`, when sent, must be the app of the calling token (§11: one app throughout). */
function checkBusinessApp(params: Params, app: AppRecord, required: boolean): void {
  const given = params.business_app
  if (given === undefined || given === '') {
    if (required) throw badParam('(#100) The parameter business_app is required')
    return
  }
  if (given !== app.id) throw badParam('(#100) business_app must be the app of the access token')
}

type Params = Readonly<Record<string, string>>

/** Who may list a business's system users (§11): an admin of it, with business_management. */
export function mayListSystemUsers(business: BusinessRecord, view: View): void {
  const actor = actorOf(view.ctx, view.caller, view.method, business.id)
  requireScope(actor)
  requireAdmin(business, actor, view.method, business.id)
}

export const systemUsersIn = (business: BusinessRecord, view: View): PersonRecord[] =>
  [...business.roles.keys()].flatMap((id) => {
    const person = view.ctx.state.people.get(id)
    return person?.system ? [person] : []
  })

/** A system user's role in the business that holds it (a system user belongs to one business). */
export function roleOfSystemUser(state: SandboxState, person: PersonRecord): string | undefined {
  return businessOfSystemUser(state, person.id)?.business.roles.get(person.id)
}

/** The business a write on a system user acts in, and who is acting. */
function systemUserTarget(person: PersonRecord, view: View): { business: BusinessRecord; actor: Actor } {
  const actor = actorOf(view.ctx, view.caller, view.method, person.id)
  const found = businessOfSystemUser(view.ctx.state, person.id)
  if (!found) throw unsupportedRequest(view.method, person.id)
  return { business: found.business, actor }
}

/** POST /{system-user-id}/applications: installs the app, within the level's allowance (§11, modelled limit text). */
export function installApplication(person: PersonRecord, view: View, params: Params): unknown {
  const { ctx } = view
  const { business, actor } = systemUserTarget(person, view)
  requireScope(actor)
  requireAdmin(business, actor, view.method, person.id)
  requireFullTier(ctx.state, 'post:SystemUser/applications')
  checkBusinessApp(params, actor.app, true)
  const key = installKey(person.id, actor.app.id)
  if (ctx.state.installations.has(key)) return successAnswer(ctx)
  const role = business.roles.get(person.id) ?? 'EMPLOYEE'
  const level = systemUserAllowance(ctx.state)
  const installed = [...business.roles].filter(([sid, r]) => r === role && ctx.state.installations.has(installKey(sid, actor.app.id))).length
  const allowed = role === 'ADMIN' ? level.systemUsers.admin : level.systemUsers.regular
  if (installed >= allowed) {
    const { regular, admin } = level.systemUsers
    throw new GraphError(100, `(#100) The app has reached the number of system users its access level allows: ${regular} system user${regular === 1 ? '' : 's'} and ${admin} admin system user${admin === 1 ? '' : 's'}.`)
  }
  ctx.state.installations.add(key)
  return successAnswer(ctx)
}

/** POST /{system-user-id}/access_tokens: a token for the app, never-expiring unless asked for 60 days (§11). */
export function mintAccessToken(person: PersonRecord, view: View, params: Params): unknown {
  const { ctx } = view
  const { business, actor } = systemUserTarget(person, view)
  // The proof is mandatory here whatever "Require App Secret" says (resolveCaller checked any proof sent).
  if (!params.appsecret_proof) throw missingProof()
  requireScope(actor)
  requireAdmin(business, actor, view.method, person.id)
  requireFullTier(ctx.state, 'post:SystemUser/access_tokens')
  checkBusinessApp(params, actor.app, true)
  if (!ctx.state.installations.has(installKey(person.id, actor.app.id))) {
    throw new GraphError(100, '(#100) The system user has not installed the app given in business_app.')
  }
  const scopes = [...new Set((params.scope ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''))]
  if (scopes.length === 0) throw badParam('(#100) The parameter scope is required')
  const unknown = scopes.find((s) => !PERMISSION_NAMES.has(s))
  if (unknown !== undefined) throw new GraphError(3962, 'Provided permission is not valid. Check your spelling and syntax.')
  const approved = actor.app.approvedPermissions
  const unapproved = approved === null ? undefined : scopes.find((s) => !approved.has(s))
  if (unapproved !== undefined) throw new GraphError(200, `(#200) The app does not have advanced access to the permission ${unapproved}.`)
  const sixtyDays = params.set_token_expires_in_60_days === 'true'
  const expiresAt = sixtyDays ? nowSeconds(ctx) + LIFETIME.longUser : 0
  const token = issueSystemUserToken(ctx, { appId: actor.app.id, userId: person.id, scopes, expiresAt })
  return { access_token: token.value }
}

/** DELETE /{system-user-id}/access_tokens: every token of the system user for the app dies (466, modelled). */
export function revokeAccessTokens(person: PersonRecord, view: View, params: Params): unknown {
  const { ctx } = view
  const { business, actor } = systemUserTarget(person, view)
  if (actor.person.id !== person.id) {
    requireScope(actor)
    requireAdmin(business, actor, view.method, person.id)
  }
  checkBusinessApp(params, actor.app, false)
  for (const token of ctx.state.tokens.values()) {
    if (token.kind === 'SYSTEM_USER' && token.userId === person.id && token.appId === actor.app.id) token.death ??= 466
  }
  return successAnswer(ctx)
}

/** The writes `systemUserNode` declares: `POST /{system-user-id}/applications`, `POST` and `DELETE …/access_tokens`. */
export const SYSTEM_USER_ACTIONS = {
  applications: { POST: installApplication },
  access_tokens: { POST: mintAccessToken, DELETE: revokeAccessTokens },
} as const
