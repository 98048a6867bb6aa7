import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

export interface CommandRun {
  argv: readonly string[]
  /** Written to the child's standard input, which is then closed; null closes it at once. */
  input: string | null
  /** The child's whole environment (see core/child-env.ts); never holds the token. */
  env: Record<string, string>
  cwd?: string
  timeoutMs: number
}

export type CommandResult =
  | { kind: 'exited'; code: number; output: string }
  | { kind: 'signalled'; signal: string; output: string }
  | { kind: 'timed-out'; output: string }
  | { kind: 'not-started'; why: 'not-found' | 'not-executable' | 'other'; code: string | null }

/** What is kept of a child's output: its end, where tools put the reason they failed. */
const KEPT_BYTES = 16 * 1024
/** After SIGTERM at the timeout, this long before SIGKILL. */
const KILL_GRACE_MS = 2000

/**
 * A fixed adapter that gives the program a real pipe as its standard input. Node hands a child a
 * socket (libuv makes stdio pipes with socketpair), and a socket cannot be opened again as
 * /dev/stdin: the AWS CLI's `file:///dev/stdin` fails on one with ENXIO (seen with aws-cli
 * 1.45; test/unit/deliveries/deliver.test.ts runs the real tool). The shell parses none of the
 * command's words: they are its positional parameters, passed on by "$0" "$@" as they are.
 */
const PIPE_ADAPTER = 'cat | exec "$0" "$@"'
const SH = '/bin/sh'

/**
 * Runs a program with `input` on its standard input and nothing else: the input never goes on
 * a command line or into an environment, where every process of the machine could read it
 * (/proc/PID/cmdline, /proc/PID/environ). No shell reads the command (`shell: false`, and on
 * POSIX the adapter above, which only joins a pipe). Stops it, and what it started, at the
 * timeout. Answers with how it ended and the end of what it printed (stderr, else stdout),
 * unredacted: the caller redacts.
 */
export function runCommand(run: CommandRun): Promise<CommandResult> {
  return new Promise((resolve) => {
    const [program, ...args] = run.argv
    if (program === undefined || program.startsWith('-')) {
      resolve({ kind: 'not-started', why: 'other', code: null })
      return
    }
    const piped = process.platform !== 'win32' && existsSync(SH)
    const [file, words] = piped ? [SH, ['-c', PIPE_ADAPTER, program, ...args]] : [program, args]
    // Its own process group, so the timeout ends the adapter's cat and the program together.
    const child = spawn(file, words, { env: run.env, ...(run.cwd ? { cwd: run.cwd } : {}), stdio: ['pipe', 'pipe', 'pipe'], shell: false, windowsHide: true, detached: piped })
    const kill = (signal: NodeJS.Signals): void => {
      try {
        if (piped && child.pid !== undefined) process.kill(-child.pid, signal)
        else child.kill(signal)
      } catch {
        /* already gone */
      }
    }
    let stderr: Buffer = Buffer.alloc(0)
    let stdout: Buffer = Buffer.alloc(0)
    const keep = (into: Buffer, chunk: Buffer): Buffer => {
      const all = Buffer.concat([into, chunk])
      return all.length > KEPT_BYTES ? all.subarray(all.length - KEPT_BYTES) : all
    }
    child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)))
    child.stdout.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)))
    // A program that exits without reading its input closes the pipe: no error of ours.
    child.stdin.on('error', () => undefined)
    let timedOut = false
    let killer: NodeJS.Timeout | null = null
    const timer = setTimeout(() => {
      timedOut = true
      kill('SIGTERM')
      killer = setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS)
    }, run.timeoutMs)
    const output = (): string => (stderr.toString('utf8').trim() || stdout.toString('utf8').trim())
    let settled = false
    const finish = (result: CommandResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (killer) clearTimeout(killer)
      resolve(result)
    }
    child.once('error', (error: NodeJS.ErrnoException) => {
      // ENOENT is also what a missing cwd gives: the caller checks the folder before.
      const why = error.code === 'ENOENT' ? 'not-found' : error.code === 'EACCES' ? 'not-executable' : 'other'
      finish({ kind: 'not-started', why, code: error.code ?? null })
    })
    child.once('close', (code, signal) => {
      if (timedOut) finish({ kind: 'timed-out', output: output() })
      // The adapter's exec says 127 for a program not found and 126 for one it may not run, as env(1) does.
      else if (piped && code === 127 && / not found|No such file/.test(stderr.toString('utf8'))) finish({ kind: 'not-started', why: 'not-found', code: 'ENOENT' })
      else if (piped && code === 126) finish({ kind: 'not-started', why: 'not-executable', code: 'EACCES' })
      else if (code !== null) finish({ kind: 'exited', code, output: output() })
      else finish({ kind: 'signalled', signal: signal ?? 'unknown', output: output() })
    })
    if (run.input !== null) child.stdin.end(run.input)
    else child.stdin.end()
  })
}
