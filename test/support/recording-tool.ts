import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

/** One run of a recording tool: what it was given, as the child itself saw it. */
export interface ToolCall {
  name: string
  argv: string[]
  env: Record<string, string>
  stdin: string
  /** /proc/self/cmdline and /proc/self/environ of the child, read by the child ('' where there is no /proc). */
  cmdline: string
  environ: string
  cwd: string
}

export interface Rule {
  /** Applies when the arguments, joined by spaces, contain this. */
  match: string
  code: number
  stderr?: string
  /** Sleep this long before answering (a tool that hangs). */
  sleepMs?: number
  /** Also write what came on standard input to stderr (a tool that echoes the secret in its error). */
  echoStdin?: boolean
}

export interface RecordingTools {
  dir: string
  /** PATH with the tools' folder first. */
  path(base?: string): string
  calls(): Promise<ToolCall[]>
  /** How the tools answer from now on (first matching rule); none: exit 0. */
  rules(rules: Rule[]): Promise<void>
  close(): Promise<void>
}

/**
 * Small programs on PATH that record their standard input, arguments, environment and their own
 * /proc/self/cmdline and /proc/self/environ (what any process of the machine could read), then
 * answer as the rules say. They stand for gh, aws, gcloud, vault and a person's own script.
 */
export async function recordingTools(names: readonly string[]): Promise<RecordingTools> {
  const dir = await mkdtemp(join(tmpdir(), 'token-desk-tools-'))
  const log = join(dir, 'calls.jsonl')
  const rulesFile = join(dir, 'rules.json')
  const script = `#!${process.execPath}
const fs = require('fs'), path = require('path')
const read = (p) => { try { return fs.readFileSync(p, 'latin1') } catch { return '' } }
const chunks = []
process.stdin.on('data', (c) => chunks.push(c))
process.stdin.on('end', () => {
  const argv = process.argv.slice(2)
  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ name: path.basename(process.argv[1]), argv, env: process.env, stdin: Buffer.concat(chunks).toString('utf8'), cmdline: read('/proc/self/cmdline'), environ: read('/proc/self/environ'), cwd: process.cwd() }) + '\\n')
  let rules = []
  try { rules = JSON.parse(fs.readFileSync(${JSON.stringify(rulesFile)}, 'utf8')) } catch {}
  const rule = rules.find((r) => (path.basename(process.argv[1]) + ' ' + argv.join(' ')).includes(r.match))
  const answer = () => { if (rule && rule.stderr) process.stderr.write(rule.stderr); if (rule && rule.echoStdin) process.stderr.write('value: ' + Buffer.concat(chunks).toString('utf8') + '\\n'); process.exit(rule ? rule.code : 0) }
  if (rule && rule.sleepMs) setTimeout(answer, rule.sleepMs); else answer()
})
`
  for (const name of names) {
    const file = join(dir, name)
    await writeFile(file, script)
    await chmod(file, 0o755)
  }
  return {
    dir,
    path: (base = process.env.PATH ?? '') => `${dir}${delimiter}${base}`,
    calls: async () =>
      (await readFile(log, 'utf8').catch(() => ''))
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as ToolCall),
    rules: (rules) => writeFile(rulesFile, JSON.stringify(rules)),
    close: () => rm(dir, { recursive: true, force: true }),
  }
}

/** Asserts the token reached the child on standard input only: not in argv, env, cmdline, environ. */
export function receivedOnStdinOnly(call: ToolCall, token: string): boolean {
  return call.stdin === token && !call.argv.some((a) => a.includes(token)) && !JSON.stringify(call.env).includes(token) && !call.cmdline.includes(token) && !call.environ.includes(token)
}
