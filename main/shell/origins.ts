/**
 * Where the renderer lives. `app://token-desk/` is a privileged standard scheme, so pages on it
 * get a real origin, and nothing is ever loaded from `file:`.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'token-desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * True for URLs on the app's own origin. Node's URL gives non-special schemes an opaque
 * origin ("null"), so the scheme and host are compared instead of `url.origin`.
 */
export function isAppUrl(raw: string): boolean {
  const url = parseUrl(raw)
  return url !== null && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === ''
}

/** The parser never throws into a policy decision: garbage is simply not a URL. */
export function parseUrl(raw: string): URL | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null
  try {
    return new URL(raw)
  } catch {
    return null
  }
}
