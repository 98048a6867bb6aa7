import { parseUrl } from './origins'

/**
 * Hosts the login window may navigate to. Only the four names Facebook's login pages are served
 * from; the CDN hosts (static.xx.fbcdn.net and friends) serve scripts and images, which are not
 * navigations, so they need no entry here. Add a host only after seeing the login flow use it
 * (shared/security.md §10.3).
 */
export const FACEBOOK_LOGIN_HOSTS: readonly string[] = ['www.facebook.com', 'facebook.com', 'm.facebook.com', 'web.facebook.com']

/**
 * Domains Meta owns, whose pages the login may show in a frame of its own (a checkpoint, a
 * captcha, a security check), at the domain or any subdomain, over https. Only sub-frames get
 * this list; the login window's own page stays on FACEBOOK_LOGIN_HOSTS. Which frames a real
 * login shows is not confirmed (shared/security.md §10.3): every frame cancelled is logged.
 */
export const META_FRAME_DOMAINS: readonly string[] = ['facebook.com', 'facebook.net', 'fbcdn.net', 'fbsbx.com', 'meta.com']

/** A sub-frame of the login page may show this: a Meta-owned https page, or the dialog's own loopback origin. */
export function isAllowedLoginFrameUrl(raw: string, policy: LoginUrlPolicy): boolean {
  const url = parseUrl(raw)
  if (!url || url.username !== '' || url.password !== '') return false
  if (url.protocol === 'https:' && url.port === '' && META_FRAME_DOMAINS.some((d) => url.hostname === d || url.hostname.endsWith(`.${d}`))) return true
  // about:blank and srcdoc frames are the page's own, with nothing loaded from anywhere.
  if (url.href === 'about:blank' || url.href === 'about:srcdoc') return true
  return isLoopbackHttp(url) && policy.loopbackOrigins.includes(url.origin)
}

export interface LoginUrlPolicy {
  /** Loopback origins also allowed, e.g. the practice sandbox's `http://127.0.0.1:41234`. */
  loopbackOrigins: readonly string[]
}

export const FACEBOOK_ONLY: LoginUrlPolicy = { loopbackOrigins: [] }

/** Exact hostname comparison on a parsed URL: no prefix, suffix or substring tests. */
export function isAllowedLoginUrl(raw: string, policy: LoginUrlPolicy): boolean {
  const url = parseUrl(raw)
  if (!url || url.username !== '' || url.password !== '') return false
  if (url.protocol === 'https:' && url.port === '' && FACEBOOK_LOGIN_HOSTS.includes(url.hostname)) return true
  return isLoopbackHttp(url) && policy.loopbackOrigins.includes(url.origin)
}

/** The policy for one attempt: Facebook, plus the dialog's own origin when it is loopback. */
export function policyForDialog(dialogUrl: string): LoginUrlPolicy {
  const url = parseUrl(dialogUrl)
  return url && isLoopbackHttp(url) ? { loopbackOrigins: [url.origin] } : FACEBOOK_ONLY
}

function isLoopbackHttp(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && (url.hostname === '127.0.0.1' || url.hostname === '[::1]')
}

/**
 * True when `raw` is the registered redirect URI (same scheme, host, port and path), whatever
 * its query or fragment: that is where the code (query) or the token (fragment) arrives.
 */
export function isRedirectTarget(raw: string, redirectUri: string): boolean {
  const url = parseUrl(raw)
  const target = parseUrl(redirectUri)
  if (!url || !target || url.username !== '' || url.password !== '') return false
  return url.protocol === target.protocol && url.host === target.host && url.pathname === target.pathname
}

/** The `webRequest` filter for the redirect URI: its origin and path, any query after it. */
export function redirectFilterPattern(redirectUri: string): string | null {
  const target = parseUrl(redirectUri)
  return target ? `${target.origin}${target.pathname}*` : null
}
