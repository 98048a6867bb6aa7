import { parseUrl } from './origins'

/**
 * Pages the app may open in the user's browser: Meta's developer docs and dashboards, and
 * facebook.com itself (a dead token is sometimes fixed there: checkpoint, password, page role).
 * This is the one module that calls `shell.openExternal`.
 */
export const HELP_LINK_HOSTS: readonly string[] = [
  'developers.facebook.com',
  'business.facebook.com',
  'www.facebook.com',
  'www.electronjs.org',
]

export interface ShellLike {
  openExternal(url: string): Promise<void>
}

export function isHelpLink(raw: string): boolean {
  const url = parseUrl(raw)
  return (
    url !== null &&
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    HELP_LINK_HOSTS.includes(url.hostname)
  )
}

/** A page under `prefix` (the update feed's release pages), https only, no credentials. */
function isUnderPrefix(raw: string, prefix: string | null): boolean {
  const url = parseUrl(raw)
  return prefix !== null && prefix.startsWith('https://') && url !== null && url.username === '' && url.password === '' && url.href.startsWith(prefix)
}

/**
 * Opens `raw` in the default browser only when it passes `isHelpLink`, or lies under
 * `alsoUnder` (the release pages of the app's own update feed); says whether it did.
 */
export function openHelpLink(shell: ShellLike, raw: string, alsoUnder: string | null = null): boolean {
  if (!isHelpLink(raw) && !isUnderPrefix(raw, alsoUnder)) return false
  // Re-serialised from the parsed URL, so the browser receives exactly what was checked.
  const checked = new URL(raw).href
  // Reviewed: only https URLs on the exact host allowlist above, or the feed's release pages, reach this call.
  void shell.openExternal(checked).catch(() => undefined) // eng-disable OPEN_EXTERNAL_JS_CHECK: allowlisted https help links only
  return true
}
