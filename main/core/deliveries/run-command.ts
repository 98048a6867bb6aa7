import { spawn } from 'node:child_process'

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
 * Runs a program without a shell (`shell: false`: the arguments reach it as they are, nothing
 * is expanded), with `input` on its standard input and nothing else: the input never goes on the
 * command line or into the environment, where every process of the machine could read it
 * (/proc/PID/cmdline, /proc/PID/environ). Stops it at the timeout. Answers with how it ended and
 * the end of what it printed (stderr, else stdout), unredacted: the caller redacts.
 */
export function runCommand(run: CommandRun): Promise<CommandResult> {
  return new Promise((resolve) => {
    const [program, ...args] = run.argv
    if (program === undefined) {
      resolve({ kind: 'not-started', why: 'other', code: null })
      return
    }
    const child = spawn(program, args, { env: run.env, ...(run.cwd ? { cwd: run.cwd } : {}), stdio: ['pipe', 'pipe', 'pipe'], shell: false, windowsHide: true })
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
      child.kill('SIGTERM')
      killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS)
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
      else if (code !== null) finish({ kind: 'exited', code, output: output() })
      else finish({ kind: 'signalled', signal: signal ?? 'unknown', output: output() })
    })
    if (run.input !== null) child.stdin.end(run.input)
    else child.stdin.end()
  })
}
