/**
 * The desktop app's fetch port: Electron's `ses.fetch` (Chromium's network stack, so the system
 * proxy, PAC files and the OS certificate store apply) from an in-memory session of its own. The
 * login window's Facebook cookies live in other partitions and never travel with a Graph call.
 */
import { withProxy } from '../core/net/proxy'

/** No `persist:` prefix: Electron keeps this session in memory only. */
export const GRAPH_PARTITION = 'token-desk-graph'

export interface FetchingSession {
  fetch(input: string | Request, init?: RequestInit & { cache?: 'no-store'; bypassCustomProtocolHandlers?: boolean }): Promise<Response>
  /** Chromium's answer for a URL: "DIRECT", or "PROXY host:port; DIRECT" and the like. */
  resolveProxy(url: string): Promise<string>
}

// Chromium's errors for requests that never reached a server, with the errno the core knows.
const NEVER_SENT: Record<string, string> = {
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'EAI_AGAIN',
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_ADDRESS_UNREACHABLE: 'EHOSTUNREACH',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
  ERR_NETWORK_CHANGED: 'ENETUNREACH',
  ERR_PROXY_CONNECTION_FAILED: 'ECONNREFUSED',
}

/** "proxy.corp:3128 (from the system proxy settings)" when Chromium chose a proxy for `url`. */
export function describeChromiumProxy(answer: string): string | null {
  const first = answer.split(';')[0]?.trim() ?? ''
  const match = /^(PROXY|HTTPS|SOCKS\d?)\s+(\S+)$/i.exec(first)
  if (!match) return null
  const kind = match[1]!.toUpperCase()
  const address = kind === 'PROXY' ? match[2]! : `${kind.toLowerCase()} ${match[2]!}`
  return `${address} (from the system proxy settings)`
}

/** Chromium's "net::ERR_…" failure as the TypeError Node's fetch throws, with an errno where one fits. */
export function asFetchError(error: unknown): unknown {
  if (!(error instanceof Error) || error.name === 'AbortError') return error
  const name = /net::(ERR_[A-Z_]+)/.exec(error.message)?.[1]
  if (!name) return error
  const code = NEVER_SENT[name]
  const cause = Object.assign(new Error(error.message), code ? { code } : {})
  return new TypeError('fetch failed', { cause })
}

async function systemProxyFor(session: FetchingSession, url: string): Promise<string | null> {
  try {
    return describeChromiumProxy(await session.resolveProxy(url))
  } catch {
    return null
  }
}

/** The core's `fetch`, over the given session: no cookies, no cache, no custom protocols. */
export function sessionFetch(session: FetchingSession): typeof fetch {
  const fetchOver = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const target = input instanceof URL ? input.href : input
    try {
      return await session.fetch(target, { ...init, credentials: 'omit', cache: 'no-store', bypassCustomProtocolHandlers: true })
    } catch (error) {
      throw withProxy(asFetchError(error), await systemProxyFor(session, typeof target === 'string' ? target : target.url))
    }
  }
  return fetchOver
}
