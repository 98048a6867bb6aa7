import { REDACTED, isSecretParam, redactText } from '../redact'
import type { RecordedRequest } from './types'

/** Enough for any test's look back and for the explorer; a long rehearsal stays this size. */
export const DEFAULT_REQUEST_LOG_LIMIT = 1000

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-sandbox-control-key'])

/** A request as the log keeps it: every secret parameter and credential header blanked, the rest through the redactor. */
export function redactedRequest(request: RecordedRequest): RecordedRequest {
  const params: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.params)) params[name] = isSecretParam(name) ? REDACTED : redactText(value)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) headers[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactText(value)
  return { ...request, params, headers }
}

/**
 * Records into `requests` (the array `Sandbox.requests` is), keeping only the newest `limit`
 * (issue 20, item 14: every request was kept, tokens and headers included, about +12 MiB per
 * 3,000 calls). The array is trimmed in place in chunks, so a push stays cheap.
 */
export function requestRecorder(requests: RecordedRequest[], options: { limit?: number; raw?: boolean } = {}): (request: RecordedRequest) => void {
  const limit = Math.max(1, options.limit ?? DEFAULT_REQUEST_LOG_LIMIT)
  const slack = Math.max(1, Math.floor(limit / 4))
  return (request) => {
    requests.push(options.raw ? request : redactedRequest(request))
    if (requests.length > limit + slack) requests.splice(0, requests.length - limit)
  }
}
