import type { ResolvedConfig } from './config'
import { classifyGraphError, clientErrorInfo, networkErrorInfo } from './classify'
import { GraphError, safeCause, scrubInfo } from './errors'
import { proxyOf } from '../net/proxy'
import { tokenParams } from './proof'
import type { RetryMode } from './retry'
import { failedBeforeSending, isRetryable, waitBeforeRetry } from './retry'

export type HttpMethod = 'GET' | 'POST' | 'DELETE'

export interface GraphRequest {
  method: HttpMethod
  /** Relative to the versioned base, e.g. `me/accounts`; `''` is the batch endpoint. */
  path: string
  /** Instead of `path`: an absolute Graph URL such as `paging.next`. Must be on the Graph origin. */
  url?: string
  params?: Record<string, string | undefined>
  /** Sent as `access_token`, with `appsecret_proof` unless it is an app token. */
  token?: string
  retry?: RetryMode
  /** Exact values besides the token to keep out of error causes: codes, secrets, verifiers. */
  secrets?: readonly string[]
  /** Send the token without `appsecret_proof`: only the doctor's "Require App Secret" probe does. */
  withoutProof?: boolean
}

export interface GraphResponse {
  status: number
  headers: Headers
  body: unknown
}

export type Transport = (request: GraphRequest) => Promise<GraphResponse>

/** Called with every answer's headers and the URL it answered (its version segment says what was asked). */
export type HeadersListener = (headers: Headers, url: URL) => void

export function createTransport(config: ResolvedConfig, onHeaders: HeadersListener): Transport {
  const { clock, log, retry: options } = config

  const target = (request: GraphRequest): URL => {
    if (request.url === undefined) return new URL(`${config.graphUrl}/${config.apiVersion}${request.path ? `/${request.path}` : ''}`)
    const url = new URL(request.url)
    // A paging link must never carry our token to another host.
    if (url.origin !== new URL(config.graphUrl).origin) {
      throw new GraphError(
        clientErrorInfo('Facebook sent a next-page link to another host; it was not followed.'),
        `${request.method} ${url.pathname}`,
      )
    }
    return url
  }

  const once = async (request: GraphRequest, url: URL, timeoutMs: number): Promise<GraphResponse> => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(request.params ?? {})) if (v !== undefined) params.set(k, v)
    if (request.token !== undefined) {
      const auth = request.withoutProof ? { access_token: request.token } : tokenParams(request.token, config.appSecret)
      for (const [k, v] of Object.entries(auth)) params.set(k, v)
    }
    const init: RequestInit = { method: request.method, headers: { accept: 'application/json' } }
    const full = new URL(url)
    if (request.method === 'POST') {
      init.body = params
    } else {
      for (const [k, v] of params) full.searchParams.set(k, v)
    }
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    timer.unref?.()
    try {
      const response = await config.fetch(full, { ...init, signal: controller.signal })
      const text = await response.text()
      return { status: response.status, headers: response.headers, body: parseBody(text) }
    } finally {
      clearTimeout(timer)
    }
  }

  return async (request) => {
    const url = target(request)
    const operation = `${request.method} ${url.pathname}`
    const secrets = [request.token ?? '', config.appSecret, ...(request.secrets ?? [])]
    const mode = request.retry ?? 'normal'
    const started = clock.now()
    for (let attempt = 0; ; attempt++) {
      const timeoutMs = Math.max(1, Math.min(config.requestTimeoutMs, options.maxTotalMs - (clock.now() - started)))
      let error: GraphError
      let neverSent = false
      const sentAt = clock.now()
      try {
        const response = await once(request, url, timeoutMs)
        onHeaders(response.headers, url)
        log.debug('graph call', { operation, status: response.status, attempt, ms: clock.now() - sentAt })
        if (!isErrorResponse(response)) return response
        error = new GraphError(scrubInfo(classifyGraphError(response.body, response.status, response.headers, clock.now()), secrets), operation)
      } catch (thrown) {
        if (thrown instanceof GraphError) throw thrown
        const timedOut = thrown instanceof Error && thrown.name === 'AbortError'
        neverSent = failedBeforeSending(thrown)
        error = new GraphError(networkErrorInfo(timedOut, proxyOf(thrown)), operation, safeCause(thrown, secrets))
      }
      const wait = waitBeforeRetry(error, attempt, options, config.random)
      const canRetry =
        isRetryable(error, mode, neverSent) && attempt + 1 < options.maxAttempts && clock.now() - started + wait < options.maxTotalMs
      log.warn(canRetry ? 'graph call failed, retrying' : 'graph call failed', {
        operation, kind: error.kind, code: error.code, subcode: error.subcode, httpStatus: error.httpStatus, attempt, waitMs: canRetry ? wait : null,
      })
      if (!canRetry) throw error
      await config.sleep(wait)
    }
  }
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function isErrorResponse(response: GraphResponse): boolean {
  if (response.status >= 400) return true
  const body = response.body
  return body !== null && typeof body === 'object' && !Array.isArray(body) && 'error' in body && typeof body.error === 'object'
}
