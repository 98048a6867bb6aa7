import type { DeathReason, Problem } from '../../../preload/api'
import { REDACTED, redactText } from '../redact'
import type { GraphErrorDetail, GraphErrorInfo, GraphErrorKind } from './classify'

/** Every failure the Graph client throws. Its message and cause never hold a secret. */
export class GraphError extends Error implements GraphErrorInfo {
  override readonly name = 'GraphError'
  readonly kind: GraphErrorKind
  readonly reason?: DeathReason
  readonly detail?: GraphErrorDetail
  readonly code: number | null
  readonly subcode: number | null
  readonly httpStatus: number | null
  readonly action: string
  readonly fix?: Problem['fix']
  readonly retryAfterMs?: number
  readonly isTransient: boolean
  readonly graphMessage?: string
  readonly fbtraceId?: string
  /** What was being done, e.g. "GET /me": a path, never a query. */
  readonly operation: string

  constructor(info: GraphErrorInfo, operation: string, cause?: unknown) {
    super(info.message, cause === undefined ? undefined : { cause })
    this.kind = info.kind
    this.code = info.code
    this.subcode = info.subcode
    this.httpStatus = info.httpStatus
    this.action = info.action
    this.isTransient = info.isTransient
    this.operation = operation
    if (info.reason) this.reason = info.reason
    if (info.detail) this.detail = info.detail
    if (info.fix) this.fix = info.fix
    if (info.retryAfterMs !== undefined) this.retryAfterMs = info.retryAfterMs
    if (info.graphMessage) this.graphMessage = info.graphMessage
    if (info.fbtraceId) this.fbtraceId = info.fbtraceId
  }
}

/** The problem to show for a token, when Graph said it is dead or lacks a permission. */
export function toProblem(info: GraphErrorInfo): Problem | null {
  if (!info.reason || !info.fix) return null
  return { reason: info.reason, code: info.code, subcode: info.subcode, message: info.message, fix: info.fix }
}

/** Removes the exact secrets of a request, then anything token-shaped or registered. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(REDACTED)
  return redactText(out)
}

/** The same verdict with Graph's own words scrubbed of the request's secrets. */
export function scrubInfo<T extends { graphMessage?: string }>(info: T, secrets: readonly string[]): T {
  return info.graphMessage === undefined ? info : { ...info, graphMessage: scrubText(info.graphMessage, secrets) }
}

/**
 * A copy of a low-level failure (fetch's TypeError and its cause) that keeps the name, the
 * message and the errno code, with the exact secrets of the request removed as well as anything
 * token-shaped.
 */
export function safeCause(cause: unknown, secrets: readonly string[], depth = 0): Error | undefined {
  if (!(cause instanceof Error) || depth > 3) return undefined
  const scrub = (text: string): string => scrubText(text, secrets)
  const inner = safeCause(cause.cause, secrets, depth + 1)
  const copy = new Error(scrub(cause.message), inner ? { cause: inner } : undefined)
  copy.name = cause.name
  copy.stack = `${copy.name}: ${copy.message}`
  const code = (cause as { code?: unknown }).code
  if (typeof code === 'string') Object.assign(copy, { code })
  return copy
}
