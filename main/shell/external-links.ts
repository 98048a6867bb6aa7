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

/** Opens `raw` in the default browser only when it passes `isHelpLink`; says whether it did. */
export function openHelpLink(shell: ShellLike, raw: string): boolean {
  if (!isHelpLink(raw)) return false
  // Re-serialised from the parsed URL, so the browser receives exactly what was checked.
  const checked = new URL(raw).href
  // Reviewed: only https URLs on the exact host allowlist above reach this call.
  void shell.openExternal(checked).catch(() => undefined) // eng-disable OPEN_EXTERNAL_JS_CHECK: allowlisted https help links only
  return true
}
