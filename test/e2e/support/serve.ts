import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export interface Served {
  url: string
  origin: string
  home: string
  stderr: string[]
  stdout: string[]
  stop(): Promise<number | null>
}

/** The passphrase every served home's vault is made with (unless a spec takes it away). */
export const SERVED_PASSPHRASE = 'e2e passphrase, not a real one'

/** The built CLI on a served home, as a script on the same machine runs it: its standard output. */
export function servedCli(served: Served, args: string[]): string {
  return execFileSync(process.execPath, ['out/cli/token-desk.js', ...args], {
    env: { PATH: process.env.PATH, TOKEN_DESK_HOME: served.home, TOKEN_DESK_PASSPHRASE: SERVED_PASSPHRASE, TOKEN_DESK_KEYRING: 'off' },
    encoding: 'utf8',
  })
}

/**
 * Runs the built `token-desk serve --sandbox` on a random port, as a user would from a terminal.
 * `env` changes its environment: a value of undefined takes the variable away (no passphrase).
 */
export async function startServe(extraArgs: string[] = [], env: Record<string, string | undefined> = {}): Promise<Served> {
  const home = await mkdtemp(join(tmpdir(), 'token-desk-e2e-'))
  // TOKEN_DESK_LOG=info: specs read the notifier's "notification" lines, which serve logs only when asked.
  const merged: NodeJS.ProcessEnv = { ...process.env, TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: SERVED_PASSPHRASE, TOKEN_DESK_LOG: 'info' }
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name]
    else merged[name] = value
  }
  const child: ChildProcess = spawn(process.execPath, ['out/cli/token-desk.js', 'serve', '--sandbox', ...extraArgs], {
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stdout: string[] = []
  const stderr: string[] = []
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const lines = createInterface({ input: child.stdout! })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 20 s: ${stderr.join('')}`)), 20_000)
    lines.on('line', (line) => {
      stdout.push(line)
      if (stdout.length === 1) {
        clearTimeout(timer)
        resolve(line.trim())
      }
    })
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr.join('')}`)))
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    url,
    origin: new URL(url).origin,
    home,
    stderr,
    stdout,
    async stop() {
      child.kill('SIGTERM')
      const code = await exited
      await rm(home, { recursive: true, force: true })
      return code
    },
  }
}
