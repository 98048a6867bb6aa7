import type { PendingLogins, PendingLogin } from './pending-login'

export type RedirectResult =
  | { kind: 'code'; code: string; login: PendingLogin; grantedScopes: string[] | null; deniedScopes: string[] | null }
  | {
      kind: 'token'
      token: string
      expiresIn: number | null
      /** Unix seconds (Facebook's `data_access_expiration_time`), 0 when it never lapses. */
      dataAccessExpiresAtSeconds: number | null
      login: PendingLogin
      grantedScopes: string[] | null
      deniedScopes: string[] | null
    }
  | { kind: 'cancelled'; login: PendingLogin | null; reason: string }
  | { kind: 'error'; error: RedirectError; message: string }

export type RedirectError = 'not-the-redirect' | 'missing-state' | 'unknown-state' | 'malformed' | 'facebook-error'

const origin = (u: URL): string => `${u.protocol}//${u.host}`

/** The same place: origin and path byte for byte, as Strict Mode compares them. */
export function isRegisteredRedirect(candidate: string, registered: string): boolean {
  const a = safeUrl(candidate)
  const b = safeUrl(registered)
  return !!a && !!b && origin(a) === origin(b) && a.pathname === b.pathname && a.username === '' && a.password === ''
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

function splitList(value: string | null): string[] | null {
  if (value === null) return null
  return value.split(/[,\s]+/).filter(Boolean)
}

function numberOrNull(value: string | null): number | null {
  if (value === null || value === '') return null
  const n = Number(value)
  return Number.isFinite(n) && n >= 0 ? n : null
}

/**
 * Reads the URL the login window caught. Accepts only the registered redirect; needs a
 * `state` that matches a pending attempt (single use); ignores Facebook's `#_=_`.
 * Never throws: garbage gives a typed error.
 */
export function parseRedirect(url: string, registered: string, pending: PendingLogins): RedirectResult {
  const parsed = safeUrl(url)
  if (!parsed) return { kind: 'error', error: 'malformed', message: 'The login window returned an address that could not be read.' }
  if (!isRegisteredRedirect(url, registered)) {
    return { kind: 'error', error: 'not-the-redirect', message: 'The login finished on an unexpected address, so it was ignored.' }
  }
  const hash = parsed.hash === '#_=_' ? '' : parsed.hash.replace(/^#/, '')
  const fragment = new URLSearchParams(hash)
  const query = parsed.searchParams
  const get = (key: string): string | null => fragment.get(key) ?? query.get(key)

  const state = get('state')
  if (!state) return { kind: 'error', error: 'missing-state', message: 'The login answer carried no state, so it cannot be trusted.' }
  const login = pending.take(state)

  const error = get('error')
  if (error) {
    if (!login) return { kind: 'error', error: 'unknown-state', message: 'The login answer does not belong to a login Token Desk started.' }
    if (error === 'access_denied') return { kind: 'cancelled', login, reason: 'You cancelled the Facebook login or declined the request.' }
    return { kind: 'error', error: 'facebook-error', message: `Facebook refused the login (${get('error_reason') ?? error}).` }
  }
  if (!login) return { kind: 'error', error: 'unknown-state', message: 'The login answer does not belong to a login Token Desk started, or was already used.' }

  const granted = splitList(get('granted_scopes'))
  const denied = splitList(get('denied_scopes'))
  const token = fragment.get('access_token')
  if (token) {
    return {
      kind: 'token',
      token,
      expiresIn: numberOrNull(fragment.get('expires_in')),
      dataAccessExpiresAtSeconds: numberOrNull(fragment.get('data_access_expiration_time')),
      login,
      grantedScopes: granted,
      deniedScopes: denied,
    }
  }
  const code = query.get('code') ?? fragment.get('code')
  if (code) return { kind: 'code', code, login, grantedScopes: granted, deniedScopes: denied }
  return { kind: 'error', error: 'malformed', message: 'The login answer held neither a code nor a token.' }
}
