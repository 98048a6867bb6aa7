/**
 * How a test outside a browser opens the web host, as the renderer's bridge does: the launch
 * key from the URL's fragment, traded once for a session that then travels in a header. The
 * one place tests spell that protocol (issue 20: no cookie, the secret in the page).
 */
export interface WebSession {
  origin: string
  session: string
  /** The headers of a bridge call: the session, the page's own Origin, the bridge marker. */
  headers(extra?: Record<string, string>): Record<string, string>
}

export const SESSION_HEADER = 'x-token-desk-session'

export async function openWebSession(launchUrl: string): Promise<WebSession> {
  const url = new URL(launchUrl)
  const key = new URLSearchParams(url.hash.slice(1)).get('key') ?? ''
  const response = await fetch(`${url.origin}/api/session`, {
    method: 'POST',
    headers: { origin: url.origin, 'x-token-desk': '1', 'x-token-desk-launch': key },
  })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`the launch URL was refused (${response.status}): ${text}`)
  const session = (JSON.parse(text) as { session: string }).session
  return {
    origin: url.origin,
    session,
    headers: (extra = {}) => ({ [SESSION_HEADER]: session, origin: url.origin, 'x-token-desk': '1', ...extra }),
  }
}

/** The launch key a launch URL holds (for leak scans: it must never show anywhere). */
export const launchKeyOf = (launchUrl: string): string => new URLSearchParams(new URL(launchUrl).hash.slice(1)).get('key') ?? ''
