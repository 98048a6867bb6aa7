import type { BridgeError } from '../../../preload/api'
import { GraphError } from '../graph'
import { redactText } from '../redact'
import { UseCaseError } from '../use-case-error'
import { VaultWriteError } from '../vault'

/** A refusal or failure a method reports to the renderer, in plain words. */
export class AppError extends UseCaseError {
  override readonly name = 'AppError'
  constructor(
    readonly code: BridgeError['code'],
    message: string,
  ) {
    super(code, message, '', 'usage', code)
  }
}

export function toBridgeError(error: unknown): BridgeError {
  // AppError too: its bridge code is its code, and its words are its message.
  if (error instanceof UseCaseError) return { code: error.bridgeCode, message: redactText(error.words) }
  if (error instanceof GraphError) {
    const code = error.kind === 'network' ? 'network' : 'failed'
    return { code, message: redactText(`${error.message} ${error.action}`) }
  }
  // Written for people, with nothing secret: disk full, read-only folder, another process writing.
  if (error instanceof VaultWriteError) return { code: 'failed', message: redactText(error.message) }
  return { code: 'failed', message: 'Something went wrong. The details are in the log.' }
}
