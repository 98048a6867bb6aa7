import type { AuthType, LoginKind } from './login-kind'

/** Where the dialog lives and whose it is: the Graph client's wwwUrl, apiVersion and appId. */
export interface DialogSite {
  wwwUrl: string
  apiVersion: string
  appId: string
}

interface Common {
  redirectUri: string
  state: string
  authType?: AuthType
  /** `code` (the default) puts the answer in the query; `token` in the fragment. */
  responseType?: 'code' | 'token'
}

export interface DialogRequest extends Common {
  login: LoginKind
  /** S256 challenge, classic dialog only: never sent beside `config_id` (see below). */
  codeChallenge?: string
}

/**
 * The one dialog URL builder, for both login kinds (graph-api.md §1.1, login-for-business.md §3).
 *
 * Classic: `scope` lists the permissions; an S256 challenge goes with the verifier at exchange
 * or not at all (§1.6).
 *
 * Login for Business: `config_id` replaces `scope`, which is left out ("should not be used" for
 * system-user configurations, "we recommend that you do not use it" for user ones). No PKCE: the
 * classic flow is reported to throw the challenge away and then refuse the verifier
 * (NangoHQ/nango#7156), and with `config_id` it is not confirmed at all; `state` still guards the
 * answer. `response_type=code` because system-user configurations accept "Authorization Code
 * grant only". `override_default_response_type=true` is what the JS SDK must be given for them;
 * whether it does anything in a URL is not confirmed, and third-party builders send it
 * (restfb/restfb#1529), so it is sent beside `code`.
 */
export function dialogUrl(site: DialogSite, request: DialogRequest): string {
  const url = new URL(`${site.wwwUrl.replace(/\/+$/, '')}/${site.apiVersion}/dialog/oauth`)
  const q = url.searchParams
  const responseType = request.responseType ?? 'code'
  q.set('client_id', site.appId)
  q.set('redirect_uri', request.redirectUri)
  q.set('state', request.state)
  q.set('response_type', responseType)
  if (request.login.kind === 'business') {
    q.set('config_id', request.login.configId)
    if (responseType === 'code') q.set('override_default_response_type', 'true')
  } else if (request.login.scopes.length > 0) q.set('scope', request.login.scopes.join(','))
  if (request.authType) q.set('auth_type', request.authType)
  if (request.login.kind === 'classic' && request.codeChallenge) {
    q.set('code_challenge', request.codeChallenge)
    q.set('code_challenge_method', 'S256')
  }
  return url.toString()
}
