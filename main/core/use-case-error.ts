import type { BridgeError } from '../../preload/api'

/** How a face reports a refusal: the CLI's exit code family and the bridge's error code. */
export type UseCaseExit = 'invalid-token' | 'usage' | 'graph'

/**
 * A use case (mint, revoke, rotate) refusing or failing in a way the person can act on: what
 * happened, what to do, and a stable reason word scripts can branch on. Never holds a token.
 */
export class UseCaseError extends Error {
  override readonly name: string = 'UseCaseError'
  constructor(
    readonly reason: string,
    message: string,
    readonly action: string,
    readonly exit: UseCaseExit,
    readonly bridgeCode: BridgeError['code'] = 'failed',
  ) {
    super(message)
  }

  /** The message and what to do, as one text for people. */
  get words(): string {
    return this.action ? `${this.message} ${this.action}` : this.message
  }
}
