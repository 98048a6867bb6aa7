/** Exit codes of `token-desk`, a stable contract for scripts. */
export const EXIT = {
  ok: 0,
  invalidToken: 1,
  usage: 2,
  graph: 3,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** The exit status of a command `exec` ran, passed on as it is (any of 0-255). */
export type PassedExitCode = number & { readonly passedThrough: true }
export const passedThrough = (code: number): PassedExitCode => code as PassedExitCode

/** A problem the user can fix by changing how the command is called or configured. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  constructor(
    message: string,
    /** The `error.code` of the --json answer: a word a script can branch on. */
    readonly code = 'usage',
  ) {
    super(message)
  }
}

/** The command ran, and the answer is that something failed; carries its exit code. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure'
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly code = 'failed',
  ) {
    super(message)
  }
}
