import type { IncomingHttpHeaders } from 'node:http'
import type { LaunchKeys } from './launch-key'
import { SESSION_HEADER } from './launch-key'

export type Refusal = { status: 401 | 403 | 405 | 421; reason: 'host' | 'origin' | 'session' | 'method' | 'api-header' | 'fetch-site' }

/**
 * The Host a browser sends for this server, and only that. A page on another name that
 * resolves to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
 */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`])
}

export function checkHost(headers: IncomingHttpHeaders, hosts: ReadonlySet<string>): Refusal | null {
  return headers.host !== undefined && hosts.has(headers.host) ? null : { status: 421, reason: 'host' }
}

/** The page's own origin, spelled as the Host it reached us by. */
export function ownOrigin(headers: IncomingHttpHeaders): string {
  return `http://${headers.host ?? ''}`
}

/**
 * Browsers always send Origin on a POST, so a change needs our own. Elsewhere a foreign Origin
 * is refused where sent (`required` false), since top-level GET navigations carry none.
 */
export function checkOrigin(headers: IncomingHttpHeaders, required: boolean): Refusal | null {
  const origin = headers.origin
  if (origin === undefined && !required) return null
  return origin === ownOrigin(headers) ? null : { status: 403, reason: 'origin' }
}

/** The session the page holds in memory, in its header: nothing a browser sends by itself counts. */
export function checkSession(headers: IncomingHttpHeaders, keys: LaunchKeys): Refusal | null {
  const value = headers[SESSION_HEADER]
  return typeof value === 'string' && keys.matchesSession(value) ? null : { status: 401, reason: 'session' }
}

/**
 * API calls carry a header no form, link or image can set, and a fetch from another site could
 * only set after a CORS preflight we never grant; Fetch Metadata, when sent, must agree.
 */
export function checkApiRequest(headers: IncomingHttpHeaders, needsHeader: boolean): Refusal | null {
  const site = headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin') return { status: 403, reason: 'fetch-site' }
  if (needsHeader && headers['x-token-desk'] !== '1') return { status: 403, reason: 'api-header' }
  return null
}
