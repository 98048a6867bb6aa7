import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** The repository root: out/bench/bench.js sits two folders below it. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface Launched {
  pid: number
  /** The first line the process printed: its URL. */
  url: string
  /** performance.now() just before spawn. */
  spawnedAt: number
  /** performance.now() when the URL line arrived. */
  urlAt: number
  stop(): Promise<void>
}

/** Starts a Node script that prints its URL as the first line of stdout, as `token-desk serve` does. */
export async function launchNode(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Launched> {
  const spawnedAt = performance.now()
  const child: ChildProcess = spawn(process.execPath, [script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stderr: string[] = []
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} printed no URL in 20 s: ${stderr.join('')}`)), 20_000)
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', (line) => {
      clearTimeout(timer)
      resolve(line.trim())
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited with ${code}: ${stderr.join('')}`))
    })
  })
  const urlAt = performance.now()
  // Keep draining stdout so the child never blocks on a full pipe.
  child.stdout!.resume()
  return {
    pid: child.pid!,
    url,
    spawnedAt,
    urlAt,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(killer)
    },
  }
}

export interface Served extends Launched {
  home: string
}

/** `token-desk serve --sandbox` with a fresh data folder, as a person would start it. */
export async function launchServe(): Promise<Served> {
  const home = await mkdtemp(join(tmpdir(), 'token-desk-bench-'))
  try {
    const launched = await launchNode(join(repoRoot, 'out/cli/token-desk.js'), ['serve', '--sandbox'], {
      TOKEN_DESK_HOME: home,
      TOKEN_DESK_PASSPHRASE: 'bench passphrase, not a real one',
    })
    return {
      ...launched,
      home,
      async stop() {
        await launched.stop()
        await rm(home, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await rm(home, { recursive: true, force: true })
    throw error
  }
}

/** The bare static server (scripts/bench/bare-server.ts) serving `dir`. */
export function launchBareServer(dir: string): Promise<Launched> {
  return launchNode(join(repoRoot, 'out/bench/bare-server.js'), [dir])
}

/** Resident memory in kB, as the kernel reports it (VmRSS in /proc/<pid>/status). */
export async function residentKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)
  if (!match) throw new Error(`No VmRSS for process ${pid}.`)
  return Number(match[1])
}
