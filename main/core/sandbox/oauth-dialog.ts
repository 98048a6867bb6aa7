import type { SandboxContext } from './context'
import { businessDialog, submitBusinessDialog } from './business-dialog'
import { consentPage, errorPage, loginSuccessPage } from './consent-page'
import { denied, facebookRefusal, invalidScopes, page, redirect, refuse } from './dialog-replies'
import type { Reply } from './errors'
import { newKey } from './ids'
import { KNOWN_PERMISSIONS, PAGE_SCOPES } from './known-permissions'
import { validChallenge } from './pkce'
import { reachablePages } from './reach'
import { permissionUsable, type AppRecord, type Challenge, type DialogRecord } from './state'
import { EXPLORER_PATH, explorerPage } from './explorer'
import { PROFILE_PICTURE_PATH, profilePicture } from './profile-picture'
import { grantFor, issueCode, issueUserToken, recordGrant } from './tokens'
import { splitVersion } from './versions'

const KNOWN = new Set(KNOWN_PERMISSIONS)
const AUTH_TYPES = new Set(['rerequest', 'reauthenticate', 'reauthorize'])
const RESPONSE_TYPES = new Set(['code', 'token', 'granted_scopes'])
const DIALOG_TTL_MS = 60 * 60 * 1000

export interface WwwRequest {
  method: string
  segments: string[]
  query: URLSearchParams
  form: URLSearchParams | null
}

/** The host of a URL is one of the app domains, or a subdomain of one. */
function inAppDomains(app: AppRecord, uri: string): boolean {
  const host = new URL(uri).hostname
  return app.appDomains.some((d) => host === d || host.endsWith(`.${d}`))
}

/** The app-side checks a real dialog makes before it shows anything, in the order the sandbox makes them. */
function appRefusal(ctx: SandboxContext, app: AppRecord, redirectUri: string): Reply | null {
  if (!app.active) return facebookRefusal('app-not-active')
  if (app.loginUnavailable) return facebookRefusal('feature-unavailable')
  if (ctx.state.embeddedLoginBlocked) return facebookRefusal('embedded-browser')
  // Strict Mode: the full URI must match exactly (graph-api.md §1.5).
  if (!app.redirectUris.includes(redirectUri)) return facebookRefusal('url-blocked')
  if (app.appDomains.length > 0 && !inAppDomains(app, redirectUri)) return facebookRefusal('cant-load-url')
  if (app.enforceHttps && new URL(redirectUri).protocol === 'http:') return facebookRefusal('insecure-login')
  return null
}

export function handleWww(ctx: SandboxContext, req: WwwRequest): Reply {
  let segments: string[]
  try {
    segments = splitVersion(req.segments).segments
  } catch {
    return refuse('Page not found', 'The link has an unknown version segment.')
  }
  const path = segments.join('/')
  if (path === 'connect/login_success.html' && req.method === 'GET') return page(200, loginSuccessPage())
  if (path === PROFILE_PICTURE_PATH && req.method === 'GET') return profilePicture(ctx, req.query)
  if (path === EXPLORER_PATH && (req.method === 'GET' || req.method === 'POST')) return explorerPage(ctx, req.method === 'POST' ? req.form : null)
  if (path === 'dialog/oauth' && req.method === 'GET') return showDialog(ctx, req.query, `/${req.segments.join('/')}`)
  if (path === 'dialog/oauth' && req.method === 'POST' && req.form) return submitDialog(ctx, req.form)
  return page(404, errorPage('Page not found', 'This page of the simulated Facebook does not exist.'))
}

export const split = (value: string): string[] => value.split(/[\s,+]+/).filter((s) => s !== '')

function showDialog(ctx: SandboxContext, q: URLSearchParams, action: string): Reply {
  const app = ctx.state.apps.get(q.get('client_id') ?? '')
  if (!app) return refuse('Invalid App ID', 'The provided app ID does not look like a valid app ID.')
  const redirectUri = q.get('redirect_uri') ?? ''
  const refused = appRefusal(ctx, app, redirectUri)
  if (refused) return refused
  const state = q.get('state')
  if ((state === null || state === '') && ctx.state.behaviour.requireState) {
    return refuse('Missing state', 'The state parameter is required: it protects the login against forgery.')
  }
  const responseTypes = new Set(split(q.get('response_type') ?? 'code'))
  if ([...responseTypes].some((t) => !RESPONSE_TYPES.has(t)) || (!responseTypes.has('code') && !responseTypes.has('token'))) {
    return refuse('Invalid response_type', 'response_type must be code, token, or code token (optionally with granted_scopes).')
  }
  const requested = split(q.get('scope') ?? '')
  // Login for Business: a configuration instead of scope, or a Business app's refusal of scope alone.
  const business = businessDialog(ctx, { app, q, action, redirectUri, state, responseTypes, requested })
  if (business) return business
  const invalid = requested.filter((s) => !KNOWN.has(s))
  if (invalid.length > 0) return invalidScopes(invalid)
  const challenge = challengeOf(app, q)
  if (challenge === 'invalid') return refuse('Invalid code_challenge', 'code_challenge must be a BASE64URL SHA-256 (S256) or a plain verifier.')
  const authType = q.get('auth_type')
  const userId = ctx.state.loginUserId
  const hasRole = app.roles.has(userId)
  // "Apps in Development mode can only request permissions from role users" (§1.3).
  if (!hasRole && app.mode === 'development') return facebookRefusal('app-not-setup')
  // Live apps: a person without a role gets only approved permissions; the rest are left out (§1.3).
  const usable = requested.filter((s) => permissionUsable(app, userId, s))
  if (!hasRole && requested.some((s) => s !== 'public_profile') && !usable.some((s) => s !== 'public_profile')) return facebookRefusal('not-available')
  const grant = grantFor(ctx, userId, app.id)
  const wanted = ['public_profile', ...usable.filter((s) => s !== 'public_profile')]
  const rerequest = authType === 'rerequest'
  const stillDeclined = rerequest ? [] : wanted.filter((s) => grant?.declined.has(s))
  const asked = wanted.filter((s) => !stillDeclined.includes(s))
  // The Page chooser: on the first login that asks for Page permissions, and again on a re-request.
  const offerPages = asked.some((s) => PAGE_SCOPES.test(s)) && (grant?.pageTargets == null || rerequest)
  const reachable = offerPages ? reachablePages(ctx.state, userId) : []
  const dialog: DialogRecord = {
    appId: app.id,
    userId,
    redirectUri,
    state,
    responseTypes,
    asked,
    stillDeclined,
    authType: authType !== null && AUTH_TYPES.has(authType) ? authType : null,
    challenge,
    createdAtMs: ctx.clock.now(),
    pageChoices: offerPages ? reachable.map((p) => p.id) : null,
  }
  const requestId = newKey()
  ctx.state.dialogs.set(requestId, dialog)
  const person = ctx.state.people.get(userId)
  const html = consentPage({
    appName: app.name,
    userName: person?.name ?? 'Practice user',
    requestId,
    action,
    asked: dialog.asked,
    stillDeclined,
    reauthenticate: dialog.authType === 'reauthenticate',
    pages: reachable.map((p) => ({ id: p.id, name: p.name, ticked: grant?.pageTargets == null || grant.futurePages || grant.pageTargets.has(p.id) })),
  })
  return page(200, html, [new URL(redirectUri).origin])
}

/** PKCE is stored only when the app honours it; otherwise the dialog ignores it (§1.6). */
function challengeOf(app: AppRecord, q: URLSearchParams): Challenge | null | 'invalid' {
  const value = q.get('code_challenge')
  if (value === null || !app.honourPkce) return null
  const method = q.get('code_challenge_method') ?? 'plain'
  if (method !== 'S256' && method !== 'plain') return 'invalid'
  const challenge: Challenge = { value, method }
  return validChallenge(challenge) ? challenge : 'invalid'
}

function submitDialog(ctx: SandboxContext, form: URLSearchParams): Reply {
  const id = form.get('request') ?? ''
  const dialog = ctx.state.dialogs.get(id)
  ctx.state.dialogs.delete(id)
  if (!dialog || ctx.clock.now() - dialog.createdAtMs > DIALOG_TTL_MS) {
    return refuse('Login expired', 'This login request has expired or was already answered. Start again from the app.')
  }
  if (dialog.config) return submitBusinessDialog(ctx, dialog, form)
  const fragment = dialog.responseTypes.has('token')
  if (form.get('action') !== 'continue') {
    return denied(ctx, dialog.redirectUri, fragment, dialog.state)
  }
  // The page's boxes allow (an unticked one is a decline); a client posting `decline` is heard too.
  const allowed = new Set(form.getAll('allow'))
  const declineAsked = new Set([...form.getAll('decline'), ...form.getAll('offered').filter((s) => !allowed.has(s))])
  const declined = dialog.asked.filter((s) => s !== 'public_profile' && declineAsked.has(s))
  const granted = dialog.asked.filter((s) => !declined.includes(s))
  const offered = dialog.pageChoices
  const pages = offered === null ? undefined : { ticked: form.getAll('page').filter((id) => offered.includes(id)), offered }
  const grant = recordGrant(ctx, dialog.userId, dialog.appId, granted, declined, pages)
  const scopes = [...grant.granted]
  const fields: [string, string][] = []
  if (dialog.responseTypes.has('code')) {
    fields.push(['code', issueCode(ctx, { appId: dialog.appId, userId: dialog.userId, redirectUri: dialog.redirectUri, scopes, authType: dialog.authType, challenge: dialog.challenge })])
  }
  if (fragment) {
    const token = issueUserToken(ctx, { appId: dialog.appId, userId: dialog.userId, scopes, longLived: false, authType: dialog.authType })
    fields.unshift(['access_token', token.value])
    fields.push(['data_access_expiration_time', String(grant.dataAccessExpiresAt)])
    fields.push(['expires_in', String(token.expiresAt - Math.floor(ctx.clock.now() / 1000))])
  }
  if (dialog.responseTypes.has('granted_scopes')) {
    fields.push(['granted_scopes', scopes.join(',')])
    fields.push(['denied_scopes', [...grant.declined].join(',')])
  }
  if (dialog.state !== null) fields.push(['state', dialog.state])
  return redirect(ctx, dialog.redirectUri, fragment, fields)
}
