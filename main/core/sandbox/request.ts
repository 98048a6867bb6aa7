import type { SandboxContext } from './context'

/** A Graph request as the handlers see it, whether it came over HTTP or inside a batch. */
export interface GraphRequest {
  method: string
  /** The path as sent, with its version prefix: faults match on it and paging links reuse it. */
  path: string
  /** Path segments as sent, version prefix included: the router splits it off. */
  segments: string[]
  params: Record<string, string>
  headers: Record<string, string>
  batchItem: boolean
}

/** What a handler answers: JSON plus headers; errors are thrown as GraphError. */
export interface Answer {
  json: unknown
  status?: number
  headers?: Record<string, string>
}

export function fieldsOf(params: Record<string, string>, defaults: string[]): string[] {
  const raw = params.fields
  if (raw === undefined || raw.trim() === '') return defaults
  return raw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '')
}

/** A write that answers only its success: `true`, or `{"success":true}` (behaviour.deleteAnswer). */
export const successAnswer = (ctx: SandboxContext): unknown => (ctx.state.behaviour.deleteAnswer === 'true' ? true : { success: true })
