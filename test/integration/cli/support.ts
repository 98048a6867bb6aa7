import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { main } from '../../../main/cli/main'
import type { Env } from '../../../main/cli/config'
import { createNodeCipher } from '../../../main/core/vault'
import { startSandbox, type IssueTokenSpec, type Sandbox, type SandboxOptions } from '../../../main/core/sandbox'

export const ROOT = resolve(import.meta.dirname, '../../..')
export const BUILT_CLI = join(ROOT, 'out/cli/token-desk.js')
/** A passphrase for the vault tests; it must never show in any output. */
export const PASSPHRASE = 'cli-test passphrase 7f3a'

export interface Result {
  code: number | null
  stdout: string
  stderr: string
}

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Builds out/cli/token-desk.js when it is missing or older than the sources it bundles. */
export function ensureBuiltCli(): void {
  const sources = Math.max(newestSource(join(ROOT, 'main')), statSync(join(ROOT, 'preload/api.ts')).mtimeMs)
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= sources) return
  const built = spawnSync('npx', ['vite', 'build', '-c', 'vite.cli.config.ts'], { cwd: ROOT, encoding: 'utf8' })
  if (built.status !== 0) throw new Error(`building the CLI failed:\n${built.stdout}\n${built.stderr}`)
}

/** The base environment: nothing from the developer's own shell but PATH and HOME. */
export function baseEnv(extra: Env = {}): Env {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TOKEN_DESK_KEYRING: 'off', ...extra }
}

export function sandboxEnv(sb: Sandbox, extra: Env = {}): Env {
  return baseEnv({
    TOKEN_DESK_APP_ID: sb.practiceApp.id,
    TOKEN_DESK_APP_SECRET: sb.practiceApp.secret,
    TOKEN_DESK_GRAPH_URL: sb.graphUrl,
    TOKEN_DESK_WWW_URL: sb.wwwUrl,
    TOKEN_DESK_RETRY_MAX_MS: '1500',
    ...extra,
  })
}

/** The built CLI as a child process, as scripts run it. */
export function runBuilt(args: string[], options: { env: Env; stdin?: string; cwd?: string }): Promise<Result> {
  return new Promise((resolveResult, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: options.env, stdio: ['pipe', 'pipe', 'pipe'], ...(options.cwd ? { cwd: options.cwd } : {}) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolveResult({ code, stdout, stderr }))
    child.stdin.end(options.stdin ?? '')
  })
}

function collector(): PassThrough & { text(): string } {
  const stream = new PassThrough() as PassThrough & { text(): string }
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  stream.text = () => Buffer.concat(chunks).toString('utf8')
  return stream
}

/** main.ts in this process: the same dispatch, without a process per case. */
export async function runMain(args: string[], options: { env: Env; stdin?: string; signal?: AbortSignal; rendererDir?: string; onStdout?: (text: string) => void }): Promise<Result> {
  const stdout = collector()
  const stderr = collector()
  if (options.onStdout) stdout.on('data', () => options.onStdout?.(stdout.text()))
  const code = await main({
    argv: args,
    env: options.env,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout,
    stderr,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
  })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

/**
 * A TOKEN_DESK_HOME in a temporary folder. `cheapKey` seals it to PASSPHRASE with a low scrypt
 * cost first: the CLI keeps the cost a key file records, so the many vault runs stay quick.
 * (Runs on a fresh home use the real default cost: the contract tests cover that path.)
 */
export async function tempHome(options: { cheapKey?: boolean } = {}): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'token-desk-cli-'))
  if (options.cheapKey) await createNodeCipher({ home, passphrase: PASSPHRASE, keyring: null, scryptCost: { N: 2 ** 10, r: 8, p: 1 } })
  return home
}

export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // Tests check exactly what the CLI sent; serve --sandbox keeps the bounded, redacted log.
  return startSandbox({ requestLog: { raw: true }, ...options })
}

export function userToken(sb: Sandbox, spec: Partial<IssueTokenSpec> = {}): string {
  return sb.issueToken({ kind: 'USER', lifetime: 'long', scopes: ['pages_show_list', 'ads_read', 'pages_read_engagement'], ...spec })
}

/** Exactly one JSON document on stdout, parsed. */
export function onlyJson(stdout: string): unknown {
  return JSON.parse(stdout) as unknown
}

/** Every file under a folder, path and bytes, for "nothing changed" checks. */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name)
      if (entry.isDirectory()) await walk(path)
      else out.set(path, (await readFile(path)).toString('base64'))
    }
  }
  await walk(dir)
  return out
}

/** Fails with the secret's position, not its value, so a leak is not leaked again by the report. */
export function expectAbsent(text: string, secrets: readonly string[]): void {
  for (const [i, secret] of secrets.entries()) {
    const at = text.indexOf(secret)
    if (at >= 0) throw new Error(`secret #${i} found in output at offset ${at}`)
  }
}
