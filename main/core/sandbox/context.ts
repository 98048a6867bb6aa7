import type { SandboxClock } from './clock'
import type { SandboxState } from './state'
import type { RecordedRequest } from './types'

/** What every handler receives: the model, the clock, and where the two sides listen. */
export interface SandboxContext {
  state: SandboxState
  clock: SandboxClock
  graphUrl: string
  wwwUrl: string
  controlKey: string
  requests: RecordedRequest[]
  /** Adds to `requests`, bounded and redacted (request-log.ts). */
  record: (request: RecordedRequest) => void
}

export const nowSeconds = (ctx: SandboxContext): number => Math.floor(ctx.clock.now() / 1000)
