import { spawn, type StdioOptions } from 'node:child_process'
import { constants } from 'node:os'
import { childEnv } from '../core/child-env'
import type { CliIo } from './command'

/** Signals passed on to the command while it runs (Windows knows only the first two). */
const FORWARDED: readonly NodeJS.Signals[] =
  process.platform === 'win32' ? ['SIGINT', 'SIGBREAK'] : ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2']

/** The command could not be started at all: 127 not found, 126 not executable, as env(1) says. */
export class ChildStartError extends Error {
  override name = 'ChildStartError'
  constructor(
    message: string,
    readonly exitCode: 126 | 127,
  ) {
    super(message)
  }
}

/**
 * Runs `command` with `env` and the caller's standard streams, passing on every signal this
 * process gets, and answers with its exit status: its code, or 128 + the number of the signal
 * that ended it (what shells report). With the real terminal the streams are the same file
 * descriptors (a TTY stays a TTY); with streams of a test they are piped.
 */
export async function runChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const own = [io.stdin === process.stdin, io.stdout === process.stdout, io.stderr === process.stderr]
  const stdio: StdioOptions = own.map((inherit) => (inherit ? 'inherit' : 'pipe'))
  // Whatever the caller built, Token Desk's own secrets never reach the command.
  const child = spawn(command, [...args], { env: childEnv(env), stdio })
  if (!own[0] && child.stdin) {
    // A command that does not read its input may close it early: that is no error of ours.
    child.stdin.on('error', () => undefined)
    io.stdin.pipe(child.stdin)
  }
  if (!own[1]) child.stdout?.pipe(io.stdout, { end: false })
  if (!own[2]) child.stderr?.pipe(io.stderr, { end: false })

  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal)
  }
  for (const signal of FORWARDED) process.on(signal, forward)
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') reject(new ChildStartError(`${command}: command not found.`, 127))
        else if (error.code === 'EACCES') reject(new ChildStartError(`${command}: permission denied.`, 126))
        else reject(new ChildStartError(`${command} could not be started (${error.code ?? 'error'}).`, 126))
      })
      child.once('close', (code, signal) => resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)))
    })
  } finally {
    for (const signal of FORWARDED) process.off(signal, forward)
    if (!own[0]) io.stdin.unpipe(child.stdin ?? undefined)
  }
}
