/**
 * Facebook Login for Business in the login dialog (login-for-business.md §1–§3): a Business
 * app's dialog takes `config_id` instead of `scope`; given `scope` alone it shows one of the
 * reported refusals; a configuration is all or nothing; a system-user configuration picks a
 * business portfolio and gives only a code. Switches for what is not confirmed are in types.ts.
 */
import { businessConsentPage } from './business-consent-page'
import type { SandboxContext } from './context'
import { blankPage, denied, facebookRefusal, invalidScopes, page, redirect, refuse } from './dialog-replies'
import type { Reply } from './errors'
import { newKey } from './ids'
import { configurationOf } from './login-configurations'
import { adAccountReach, businessesOf, reachablePages } from './reach'
import { permissionUsable, type AppRecord, type DialogRecord } from './state'
import { issueCode, issueUserToken, recordGrant } from './tokens'

const AUTH_TYPES = new Set(['rerequest', 'reauthenticate', 'reauthorize'])

export interface DialogAsk {
  app: AppRecord
  q: URLSearchParams
  action: string
  redirectUri: string
  state: string | null
  responseTypes: Set<string>
  requested: string[]
}

/** A Business app asked with `scope` alone: the refusal it is set to show (app-settings `scopeOnlyRefusal`). */
function scopeOnlyRefusal(app: AppRecord, requested: string[]): Reply {
  switch (app.scopeOnlyRefusal) {
    case 'blank':
      return blankPage()
    case 'invalid-scopes':
      return invalidScopes(requested.length > 0 ? requested : ['public_profile'])
    case 'config-required':
      return facebookRefusal('config-required')
    case 'not-available':
      return facebookRefusal('not-available')
  }
}

/** The dialog's answer for Login for Business, or null when this is a classic dialog for a classic app. */
export function businessDialog(ctx: SandboxContext, ask: DialogAsk): Reply | null {
  const { app, q } = ask
  const configId = q.get('config_id')
  if (configId === null) return app.loginKind === 'business' ? scopeOnlyRefusal(app, ask.requested) : null
  // An app rolled back to Facebook Login: a config_id dialog "might fail to load" (§1).
  if (app.loginKind !== 'business') return blankPage()
  const config = configurationOf(app, configId)
  if (!config) return facebookRefusal('config-invalid')
  // "Authorization Code grant only" for system-user configurations; user ones take token or code (§3).
  if (config.tokenType === 'system_user' && ask.responseTypes.has('token')) return facebookRefusal('wrong-response-type')
  if (ask.requested.length > 0 && ctx.state.behaviour.scopeBesideConfig === 'refused') return invalidScopes(ask.requested)
  const userId = ctx.state.loginUserId
  // Standard access covers people with a role; a configuration is granted whole or not at all (§1, §5).
  if (!config.permissions.every((p) => permissionUsable(app, userId, p))) return facebookRefusal('not-available')
  const { state } = ctx
  const admins = config.tokenType === 'system_user' ? businessesOf(state, userId).filter((b) => b.roles.get(userId) === 'ADMIN') : null
  if (admins?.length === 0) {
    return refuse('Business portfolio needed', 'This login makes a system user in a business portfolio you have full control of, and you have none.')
  }
  const pages = config.assetTypes.includes('pages') ? reachablePages(state, userId) : null
  const accounts = config.assetTypes.includes('ad_accounts') ? state.adAccounts.filter((a) => adAccountReach(state, userId, a.accountId) !== null) : null
  const asked = config.tokenType === 'user' ? ['public_profile', ...config.permissions.filter((p) => p !== 'public_profile')] : [...config.permissions]
  const authType = q.get('auth_type')
  const dialog: DialogRecord = {
    appId: app.id,
    userId,
    redirectUri: ask.redirectUri,
    state: ask.state,
    responseTypes: ask.responseTypes,
    asked,
    stillDeclined: [],
    authType: authType !== null && AUTH_TYPES.has(authType) ? authType : null,
    // Any code_challenge is dropped (NangoHQ/nango#7156): a verifier at exchange is then refused.
    challenge: null,
    createdAtMs: ctx.clock.now(),
    pageChoices: pages ? pages.map((p) => p.id) : null,
    config: { id: config.id, adAccountChoices: accounts ? accounts.map((a) => a.accountId) : null, businessChoices: admins ? admins.map((b) => b.id) : null },
  }
  const requestId = newKey()
  state.dialogs.set(requestId, dialog)
  // The client's portfolio is chosen first: any but the one that owns the app.
  const preferred = admins?.find((b) => b.id !== app.businessId) ?? admins?.[0]
  const html = businessConsentPage({
    appName: app.name,
    userName: state.people.get(userId)?.name ?? 'Practice user',
    requestId,
    action: ask.action,
    configName: config.name,
    tokenType: config.tokenType,
    permissions: asked.filter((p) => p !== 'public_profile'),
    reauthenticate: dialog.authType === 'reauthenticate',
    businesses: admins ? admins.map((b) => ({ id: b.id, name: b.name, chosen: b.id === preferred?.id })) : null,
    pages: pages ? pages.map((p) => ({ id: p.id, name: p.name })) : null,
    adAccounts: accounts ? accounts.map((a) => ({ id: a.accountId, name: a.name })) : null,
  })
  return page(200, html, [new URL(ask.redirectUri).origin])
}

const within = (chosen: string[], offered: string[] | null): string[] => (offered === null ? [] : chosen.filter((id) => offered.includes(id)))

/** Continue or Cancel on the Login for Business dialog. */
export function submitBusinessDialog(ctx: SandboxContext, dialog: DialogRecord, form: URLSearchParams): Reply {
  const config = dialog.config!
  const fragment = dialog.responseTypes.has('token')
  if (form.get('action') !== 'continue') return denied(ctx, dialog.redirectUri, fragment, dialog.state)
  const app = ctx.state.apps.get(dialog.appId)
  const record = app ? configurationOf(app, config.id) : null
  if (!app || !record) return refuse('Login expired', 'The configuration of this login no longer exists. Start again from the app.')
  const declineAsked = new Set(form.getAll('decline'))
  const declinedAny = dialog.asked.some((s) => s !== 'public_profile' && declineAsked.has(s))
  // All or nothing (§2): whether a decline then comes back as access_denied or as a code that grants nothing is not confirmed.
  if (declinedAny && ctx.state.behaviour.declinedInConfig === 'access-denied') return denied(ctx, dialog.redirectUri, fragment, dialog.state)
  const pages = within(form.getAll('page'), dialog.pageChoices)
  const accounts = within(form.getAll('account'), config.adAccountChoices)
  let integration: { businessId: string; pages: string[]; adAccounts: string[] } | undefined
  if (record.tokenType === 'system_user' && !declinedAny) {
    const businessId = form.get('business') ?? ''
    const business = config.businessChoices?.includes(businessId) ? ctx.state.businesses.get(businessId) : undefined
    if (!business) return refuse('Choose a business portfolio', 'Choose the business portfolio the app gets a system user in, then continue.')
    // Q2 (not confirmed): the app's "portfolio needs to be separate from the business portfolio owned by your business client".
    if (business.id === app.businessId && ctx.state.behaviour.sameBusinessIntegration === 'refused') {
      return refuse('Choose another business portfolio', 'This business portfolio owns the app. A business integration is for a client: choose the client’s own business portfolio.')
    }
    integration = {
      businessId: business.id,
      pages: pages.filter((id) => business.ownedPages.has(id) || business.clientPages.has(id)),
      adAccounts: accounts.filter((id) => business.ownedAdAccounts.has(id) || business.clientAdAccounts.has(id)),
    }
  }
  const granted = declinedAny ? [] : dialog.asked
  if (record.tokenType === 'user' && !declinedAny) {
    const grant = recordGrant(ctx, dialog.userId, dialog.appId, granted, [], dialog.pageChoices === null ? undefined : { ticked: pages, offered: dialog.pageChoices })
    grant.adAccountTargets = config.adAccountChoices === null ? null : new Set(accounts)
  }
  const fields: [string, string][] = []
  if (dialog.responseTypes.has('code')) {
    const code = issueCode(ctx, {
      appId: dialog.appId,
      userId: dialog.userId,
      redirectUri: dialog.redirectUri,
      scopes: [...granted],
      authType: dialog.authType,
      challenge: null,
      configId: config.id,
      ...(integration ? { integration } : {}),
    })
    fields.push(['code', code])
  }
  if (fragment) {
    // Only user configurations get here (system-user ones refuse response_type=token).
    const token = issueUserToken(ctx, { appId: dialog.appId, userId: dialog.userId, scopes: [...granted], longLived: false, authType: dialog.authType })
    token.configId = config.id
    fields.unshift(['access_token', token.value])
    fields.push(['expires_in', String(token.expiresAt - Math.floor(ctx.clock.now() / 1000))])
  }
  if (dialog.state !== null) fields.push(['state', dialog.state])
  return redirect(ctx, dialog.redirectUri, fragment, fields)
}
