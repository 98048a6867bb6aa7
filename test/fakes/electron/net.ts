/**
 * Chromium's network stack as the stand-in plays it: real HTTP to loopback (the practice
 * sandbox), "net::ERR_…" errors, no internet (rule fetch.offline), and Electron's ClientRequest
 * and `ses.fetch` semantics, redirect modes included (rule fetch.manualRedirect).
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { Readable } from 'node:stream'
import { FakeEmitter } from './emitter'

export interface Exchange {
  status: number
  statusText: string
  headers: IncomingHttpHeaders
  body: Buffer
}

/** What a session's network looks like to the test: faults it injects, and the proxy Chromium would pick. */
export interface NetworkConditions {
  /** Every request fails with this Chromium error ("net::ERR_PROXY_CONNECTION_FAILED"), when set. */
  failWith: string | null
  /** False: the machine is offline (net::ERR_INTERNET_DISCONNECTED). */
  online: () => boolean
}

const NODE_TO_CHROMIUM: Record<string, string> = {
  ECONNREFUSED: 'ERR_CONNECTION_REFUSED',
  ECONNRESET: 'ERR_CONNECTION_RESET',
  EPIPE: 'ERR_CONNECTION_RESET',
  ETIMEDOUT: 'ERR_TIMED_OUT',
  ENOTFOUND: 'ERR_NAME_NOT_RESOLVED',
  EAI_AGAIN: 'ERR_NAME_RESOLUTION_FAILED',
  EHOSTUNREACH: 'ERR_ADDRESS_UNREACHABLE',
  ENETUNREACH: 'ERR_INTERNET_DISCONNECTED',
}

/** Chromium's numbers for the errors a page load can fail with (net/base/net_error_list.h). */
export const NET_ERROR_CODES: Record<string, number> = {
  ERR_ABORTED: -3,
  ERR_BLOCKED_BY_CLIENT: -20,
  ERR_CONNECTION_REFUSED: -102,
  ERR_CONNECTION_RESET: -101,
  ERR_TIMED_OUT: -7,
  ERR_NAME_NOT_RESOLVED: -105,
  ERR_NAME_RESOLUTION_FAILED: -137,
  ERR_ADDRESS_UNREACHABLE: -109,
  ERR_INTERNET_DISCONNECTED: -106,
  ERR_PROXY_CONNECTION_FAILED: -130,
  ERR_TUNNEL_CONNECTION_FAILED: -111,
  ERR_UNKNOWN_URL_SCHEME: -302,
  ERR_FAILED: -2,
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === '[::1]' || hostname === '::1' || hostname === 'localhost'
}

export class ChromiumNetError extends Error {
  constructor(readonly code: string) {
    super(`net::${code}`)
  }
}

/** One HTTP request and its whole answer, with no redirect followed. */
export function exchange(
  url: URL,
  init: { method: string; headers: Record<string, string>; body: Buffer | null },
  conditions: NetworkConditions,
  signal?: AbortSignal,
): Promise<Exchange> {
  if (conditions.failWith) {
    const code = /ERR_[A-Z_]+/.exec(conditions.failWith)?.[0] ?? 'ERR_FAILED'
    return Promise.reject(new ChromiumNetError(code))
  }
  if (!conditions.online()) return Promise.reject(new ChromiumNetError('ERR_INTERNET_DISCONNECTED'))
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new ChromiumNetError('ERR_UNKNOWN_URL_SCHEME'))
  if (!isLoopbackHost(url.hostname)) return Promise.reject(new ChromiumNetError('ERR_NAME_NOT_RESOLVED'))
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(url, { method: init.method, headers: init.headers, signal, rejectUnauthorized: true }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', (e: NodeJS.ErrnoException) => reject(new ChromiumNetError(NODE_TO_CHROMIUM[e.code ?? ''] ?? 'ERR_FAILED')))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.name === 'AbortError') reject(e)
      else reject(new ChromiumNetError(NODE_TO_CHROMIUM[e.code ?? ''] ?? 'ERR_FAILED'))
    })
    if (init.body) req.write(init.body)
    req.end()
  })
}

export function isRedirect(status: number, headers: IncomingHttpHeaders): boolean {
  return [301, 302, 303, 307, 308].includes(status) && typeof headers.location === 'string'
}

/** The method a redirect continues with (fetch spec: 303, and 301/302 after POST, become GET). */
export function methodAfterRedirect(status: number, method: string): string {
  return status === 303 || ((status === 301 || status === 302) && method === 'POST') ? 'GET' : method
}

export interface ClientRequestOptions {
  url: string
  method?: string
  redirect?: 'follow' | 'error' | 'manual'
  headers?: Record<string, string>
  session?: unknown
  partition?: string
  credentials?: string
  cache?: string
  origin?: string
  referrerPolicy?: string
}

/** A response as Electron's IncomingMessage gives it: a readable stream of the body, with the status and headers. */
export class FakeIncomingMessage extends Readable {
  private sent = false
  constructor(
    readonly statusCode: number,
    readonly statusMessage: string,
    readonly headers: Record<string, string | string[]>,
    private readonly body: Buffer,
  ) {
    super()
  }
  override _read(): void {
    if (this.sent) return
    this.sent = true
    if (this.body.length > 0) this.push(this.body)
    this.push(null)
  }
}

/** Electron's ClientRequest (lib/common/api/net-client-request.ts), over `exchange`. */
export class FakeClientRequest extends FakeEmitter {
  private readonly headers: Record<string, string> = {}
  private readonly chunks: Buffer[] = []
  private aborted = false
  private started = false
  private followCb: (() => void) | undefined
  readonly controller = new AbortController()
  constructor(
    readonly options: ClientRequestOptions,
    private readonly conditions: NetworkConditions,
  ) {
    super()
    for (const [k, v] of Object.entries(options.headers ?? {})) this.setHeader(k, v)
  }
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = String(value)
  }
  getHeader(name: string): string | undefined {
    return this.headers[name.toLowerCase()]
  }
  write(chunk: string | Buffer): boolean {
    this.chunks.push(Buffer.from(chunk))
    return true
  }
  end(chunk?: string | Buffer): this {
    if (chunk !== undefined) this.write(chunk)
    if (!this.started) {
      this.started = true
      void this.run()
    }
    return this
  }
  abort(): void {
    if (this.aborted) return
    this.aborted = true
    this.controller.abort()
    queueMicrotask(() => {
      this.emit('abort')
      this.emit('close')
    })
  }
  followRedirect(): void {
    if (!this.followCb) throw new Error('followRedirect() called, but was not waiting for a redirect')
    this.followCb()
  }

  private die(error: Error): void {
    if (this.aborted) return
    this.aborted = true
    this.emit('error', error)
    this.emit('close')
  }

  private async run(): Promise<void> {
    let url = new URL(this.options.url)
    let method = (this.options.method ?? 'GET').toUpperCase()
    let body: Buffer | null = this.chunks.length > 0 ? Buffer.concat(this.chunks) : null
    for (let hops = 0; ; hops++) {
      let answer: Exchange
      try {
        answer = await exchange(url, { method, headers: this.headers, body }, this.conditions, this.controller.signal)
      } catch (error) {
        if (!this.aborted) this.die(error instanceof Error ? error : new Error(String(error)))
        return
      }
      if (this.aborted) return
      if (isRedirect(answer.status, answer.headers)) {
        const next = new URL(answer.headers.location as string, url)
        const nextMethod = methodAfterRedirect(answer.status, method)
        const policy = this.options.redirect ?? 'follow'
        if (policy === 'error') return this.die(new Error("Attempted to redirect, but redirect policy was 'error'"))
        if (policy === 'manual') {
          let follow = false
          this.followCb = () => {
            follow = true
          }
          try {
            this.emit('redirect', answer.status, nextMethod, next.href, flatten(answer.headers))
          } finally {
            this.followCb = undefined
          }
          if (this.aborted) return
          if (!follow) return this.die(new Error('Redirect was cancelled'))
        }
        if (hops >= 20) return this.die(new Error('net::ERR_TOO_MANY_REDIRECTS'))
        if (nextMethod !== method) body = null
        url = next
        method = nextMethod
        continue
      }
      this.emit('response', new FakeIncomingMessage(answer.status, answer.statusText, flatten(answer.headers), answer.body))
      this.emit('close')
      return
    }
  }
}

function flatten(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = v
  return out
}

/**
 * `ses.fetch` as lib/browser/api/net-fetch.ts builds it on ClientRequest: the redirect mode is
 * handed through (so 'manual' fails), several values of a header are joined with ", ".
 */
export async function fetchWithSession(
  input: string | Request,
  init: (RequestInit & { bypassCustomProtocolHandlers?: boolean }) | undefined,
  makeRequest: (options: ClientRequestOptions) => FakeClientRequest,
): Promise<Response> {
  const { bypassCustomProtocolHandlers: _bypass, ...rest } = init ?? {}
  const req = new Request(input, rest)
  if (req.signal.aborted) throw req.signal.reason instanceof Error ? req.signal.reason : new DOMException('The operation was aborted.', 'AbortError')
  const body = req.body ? Buffer.from(await req.arrayBuffer()) : null
  return new Promise<Response>((resolve, reject) => {
    const origin = req.headers.get('origin') ?? undefined
    const r = makeRequest({
      url: req.url,
      method: req.method,
      redirect: req.redirect,
      credentials: req.credentials === 'same-origin' && !origin ? 'include' : req.credentials,
      cache: req.cache,
      ...(origin ? { origin } : {}),
    })
    req.signal.addEventListener(
      'abort',
      () => {
        reject(req.signal.reason instanceof Error ? req.signal.reason : new DOMException('The operation was aborted.', 'AbortError'))
        r.abort()
      },
      { once: true },
    )
    for (const [k, v] of req.headers) r.setHeader(k, v)
    r.on('response', (resp: FakeIncomingMessage) => {
      const headers = new Headers()
      for (const [k, v] of Object.entries(resp.headers)) headers.set(k, Array.isArray(v) ? v.join(', ') : v)
      const nullBody = [101, 204, 205, 304].includes(resp.statusCode) || req.method === 'HEAD'
      resolve(new Response(nullBody ? null : (Readable.toWeb(resp) as ReadableStream<Uint8Array>), { headers, status: resp.statusCode, statusText: resp.statusMessage }))
    })
    r.on('error', (error: Error) => reject(error))
    r.end(body ?? undefined)
  })
}
