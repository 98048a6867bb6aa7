/**
 * The desktop app's fetch port: Electron's `ses.fetch` (Chromium's network stack, so the system
 * proxy, PAC files and the OS certificate store apply) from an in-memory session of its own. The
 * login window's Facebook cookies live in other partitions and never travel with a Graph call.
 */
import { withProxy } from '../core/net/proxy'
import type { Listener } from './listener'

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

/** What `sessionFetch` asks of Electron's `net.request`, bound to the same in-memory partition. */
export interface ManualRequestOptions {
  url: string
  method: string
  redirect: 'manual'
  credentials: 'omit'
  cache: 'no-store'
}

/** The slice of Electron's ClientRequest (lib/common/api/net-client-request.ts) a manual-redirect fetch uses. */
export interface ClientRequestLike {
  on(event: string, listener: Listener): unknown
  setHeader(name: string, value: string): void
  abort(): void
  end(chunk?: string | Buffer): unknown
}

export type NetRequest = (options: ManualRequestOptions) => ClientRequestLike

const joined = (headers: Record<string, string | string[]>): Headers => {
  const out = new Headers()
  for (const [k, v] of Object.entries(headers)) out.set(k, Array.isArray(v) ? v.join(', ') : v)
  return out
}

/**
 * `fetch(url, { redirect: 'manual' })` as Node's fetch answers it (the 3xx itself, with its
 * Location), over `net.request`: `ses.fetch` hands 'manual' to ClientRequest, which fails
 * with "Redirect was cancelled" when nothing follows the redirect (electron/electron#43715).
 * Here the `redirect` listener aborts the request and answers with the redirect response.
 */
function manualRedirectFetch(request: NetRequest, url: string, init: RequestInit): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const req = request({ url, method: init.method ?? 'GET', redirect: 'manual', credentials: 'omit', cache: 'no-store' })
    let done = false
    const settle = (outcome: () => void): void => {
      if (done) return
      done = true
      outcome()
    }
    new Headers(init.headers).forEach((value, name) => req.setHeader(name, value))
    const signal = init.signal
    const onAbort = (): void => {
      req.abort()
      settle(() => reject(signal?.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError')))
    }
    if (signal?.aborted) return onAbort()
    signal?.addEventListener('abort', onAbort, { once: true })
    req.on('redirect', (status: number, _method: string, location: string, headers: Record<string, string | string[]>) => {
      const answer = joined(headers)
      answer.set('location', location)
      req.abort()
      settle(() => resolve(new Response(null, { status, headers: answer })))
    })
    req.on('response', (message: NodeJS.ReadableStream & { statusCode: number; statusMessage: string; headers: Record<string, string | string[]> }) => {
      const chunks: Buffer[] = []
      message.on('data', (chunk: Buffer) => chunks.push(chunk))
      message.on('end', () => settle(() => resolve(new Response(new Uint8Array(Buffer.concat(chunks)), { status: message.statusCode, statusText: message.statusMessage, headers: joined(message.headers) }))))
      message.on('error', (error: Error) => settle(() => reject(error)))
    })
    req.on('error', (error: Error) => settle(() => reject(error)))
    const body = init.body
    req.end(typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body) : undefined)
  })
}

/**
 * The core's `fetch`, over the given session: no cookies, no cache, no custom protocols. A
 * request that asks for `redirect: 'manual'` (the doctor's dialog probe) goes through
 * `request` (net.request on the same partition), which can answer with the 3xx.
 */
export function sessionFetch(session: FetchingSession, request: NetRequest): typeof fetch {
  const fetchOver = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const target = input instanceof URL ? input.href : input
    try {
      if (init?.redirect === 'manual') return await manualRedirectFetch(request, typeof target === 'string' ? target : target.url, init)
      return await session.fetch(target, { ...init, credentials: 'omit', cache: 'no-store', bypassCustomProtocolHandlers: true })
    } catch (error) {
      throw withProxy(asFetchError(error), await systemProxyFor(session, typeof target === 'string' ? target : target.url))
    }
  }
  return fetchOver
}
