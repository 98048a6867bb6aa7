/**
 * Business integrations (login-for-business.md §4): a business that finishes a system-user
 * configuration's dialog installs the app, which makes a business integration system user in
 * that business, gives it the assets picked, and hands out its token. What Meta does not
 * confirm is a behaviour switch (types.ts); texts marked "modelled" have no captured original.
 */
import type { Caller } from './auth'
import { nowSeconds, type SandboxContext } from './context'
import { GraphError, badParam, businessPermissionError, unsupportedRequest } from './errors'
import { numericId } from './ids'
import type { View } from './node-kit'
import { LIFETIME } from './options'
import { missingProof } from './proof'
import {
  installKey,
  integrationKey,
  requireApp,
  requireBusiness,
  type AppRecord,
  type BusinessRecord,
  type IntegrationRecord,
  type LoginConfigurationRecord,
  type TokenRecord,
} from './state'
import { issueSystemUserToken } from './tokens'

const NOT_FOR_SYSTEM_USERS = new Set(['email', 'public_profile'])

/** The integration of a business with an app, made (with its system user) on first install. */
export function installIntegration(
  ctx: SandboxContext,
  app: AppRecord,
  config: LoginConfigurationRecord,
  choice: { businessId: string; pages: string[]; adAccounts: string[] },
): IntegrationRecord {
  const { state } = ctx
  const business = requireBusiness(state, choice.businessId)
  const key = integrationKey(business.id, app.id)
  let integration = state.integrations.get(key)
  if (!integration) {
    const id = numericId(15)
    state.people.set(id, { id, name: `${app.name} system user`, system: true })
    business.roles.set(id, 'EMPLOYEE')
    state.installations.add(installKey(id, app.id))
    integration = { businessId: business.id, appId: app.id, configId: config.id, systemUserId: id, pages: new Set(), adAccounts: new Set() }
    state.integrations.set(key, integration)
  }
  integration.configId = config.id
  // A new login replaces the assets picked before (the dialog shows them all again).
  unassign(ctx, integration)
  integration.pages = new Set(choice.pages)
  integration.adAccounts = new Set(choice.adAccounts)
  for (const page of state.pages) if (integration.pages.has(page.id)) page.roles.add(integration.systemUserId)
  for (const account of state.adAccounts) if (integration.adAccounts.has(account.accountId)) account.users.add(integration.systemUserId)
  return integration
}

function unassign(ctx: SandboxContext, integration: IntegrationRecord): void {
  for (const page of ctx.state.pages) if (integration.pages.has(page.id)) page.roles.delete(integration.systemUserId)
  for (const account of ctx.state.adAccounts) if (integration.adAccounts.has(account.accountId)) account.users.delete(integration.systemUserId)
}

/** The integration's token: the configuration's permissions, never-expiring or 60 days as it says. */
export function issueIntegrationToken(ctx: SandboxContext, integration: IntegrationRecord, config: LoginConfigurationRecord, scopes?: string[], sixtyDays?: boolean): TokenRecord {
  const expiresAt = (sixtyDays ?? config.expiry === '60_days') ? nowSeconds(ctx) + LIFETIME.longUser : 0
  const token = issueSystemUserToken(ctx, {
    appId: integration.appId,
    userId: integration.systemUserId,
    scopes: scopes ?? config.permissions.filter((p) => !NOT_FOR_SYSTEM_USERS.has(p)),
    expiresAt,
  })
  token.clientBusinessId = integration.businessId
  token.configId = config.id
  return token
}

/** The integration a token belongs to, if it is a business integration token. */
export function integrationOf(ctx: SandboxContext, token: TokenRecord): IntegrationRecord | null {
  if (!token.clientBusinessId) return null
  return ctx.state.integrations.get(integrationKey(token.clientBusinessId, token.appId)) ?? null
}

/**
 * Business Settings > Integrations > Connected apps > Remove: the system user goes, and its
 * tokens stop (error 190 assumed; the subcode is modelled as 458, "has not authorized application").
 */
export function removeConnectedApp(ctx: SandboxContext, businessId: string, appId: string): void {
  const { state } = ctx
  requireApp(state, appId)
  const business = requireBusiness(state, businessId)
  const key = integrationKey(businessId, appId)
  const integration = state.integrations.get(key)
  if (!integration) throw new Error(`The business ${businessId} has not connected the app ${appId}.`)
  for (const token of state.tokens.values()) if (token.userId === integration.systemUserId) token.death ??= 458
  unassign(ctx, integration)
  business.roles.delete(integration.systemUserId)
  state.installations.delete(installKey(integration.systemUserId, appId))
  state.integrations.delete(key)
}

/** An asset taken from the integration (a `business_integration_update`): it leaves target_ids. */
export function removeIntegrationAsset(ctx: SandboxContext, businessId: string, appId: string, assetId: string): void {
  const integration = ctx.state.integrations.get(integrationKey(businessId, appId))
  if (!integration) throw new Error(`The business ${businessId} has not connected the app ${appId}.`)
  const id = assetId.replace(/^act_/, '')
  if (!integration.pages.has(id) && !integration.adAccounts.has(id)) throw new Error(`The integration was not given ${assetId}.`)
  unassign(ctx, integration)
  integration.pages.delete(id)
  integration.adAccounts.delete(id)
  for (const page of ctx.state.pages) if (integration.pages.has(page.id)) page.roles.add(integration.systemUserId)
  for (const account of ctx.state.adAccounts) if (integration.adAccounts.has(account.accountId)) account.users.add(integration.systemUserId)
}

type Params = Readonly<Record<string, string>>

const list = (value: string | undefined): string[] => [...new Set((value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''))]

/** The caller's own business integration token for this business, or Graph's refusal. */
function integrationCaller(ctx: SandboxContext, caller: Caller | null, business: BusinessRecord, method: string): { record: TokenRecord; integration: IntegrationRecord } {
  if (caller?.kind !== 'token') throw unsupportedRequest(method, business.id)
  const integration = integrationOf(ctx, caller.record)
  if (!integration || integration.businessId !== business.id) throw unsupportedRequest(method, business.id)
  return { record: caller.record, integration }
}

/**
 * POST /{client_business_id}/system_user_access_tokens (login-for-business.md §4; business.py
 * [S]): with the integration's token holding business_management and a required proof.
 * `fetch_only=true` reads back the newest live token; otherwise a new one, `scope` and `asset`
 * narrowed to what the integration has, 60 days with `set_token_expires_in_60_days`.
 * Texts are modelled.
 */
export function systemUserAccessTokens(business: BusinessRecord, view: View, params: Params): unknown {
  const { ctx } = view
  const { record, integration } = integrationCaller(ctx, view.caller, business, view.method)
  // Required whatever "Require App Secret" says (resolveCaller already checked any proof sent).
  if (!params.appsecret_proof) throw missingProof()
  if (!record.scopes.includes('business_management')) throw businessPermissionError()
  if (params.system_user_id !== undefined && params.system_user_id !== integration.systemUserId) {
    throw badParam('(#100) system_user_id must be the business integration system user of this app')
  }
  const app = requireApp(ctx.state, integration.appId)
  const config = app.configurations.get(integration.configId)
  if (!config) throw new GraphError(100, '(#100) The configuration this integration was made with no longer exists.')
  if (params.fetch_only === 'true') {
    const live = [...ctx.state.tokens.values()].filter((t) => t.userId === integration.systemUserId && t.death === null && (t.expiresAt === 0 || t.expiresAt > nowSeconds(ctx)))
    const newest = live.at(-1)
    if (!newest) throw new GraphError(100, '(#100) The business integration system user has no token to fetch.')
    return { access_token: newest.value }
  }
  const scopes = params.scope === undefined ? undefined : list(params.scope)
  if (scopes && (scopes.length === 0 || scopes.some((s) => !record.scopes.includes(s)))) throw new GraphError(3962, 'Provided permission is not valid. Check your spelling and syntax.')
  const assets = params.asset === undefined ? [] : list(params.asset).map((a) => a.replace(/^act_/, ''))
  if (assets.some((a) => !integration.pages.has(a) && !integration.adAccounts.has(a))) throw badParam('(#100) asset must be one of the assets the business gave the integration')
  const token = issueIntegrationToken(ctx, integration, config, scopes, params.set_token_expires_in_60_days === 'true')
  if (assets.length > 0) token.assetLimit = assets
  return { access_token: token.value }
}
