import { stat } from 'node:fs/promises'
import { childEnv } from '../child-env'
import type { Env } from '../home'
import { redactText } from '../redact'
import { whereOf, type Destination } from './destination'
import { writeEnvFile, type EnvFileOptions } from './env-file'
import { DeliveryFailure } from './failure'
import { presetUnavailable, stepsOf, type Step } from './presets'
import { withUsualPath } from './program-path'
import { runCommand, type CommandResult } from './run-command'

export interface DeliverPorts {
  /** The environment children start from (withheld secrets are taken out). */
  env: Env
  now(): number
  timeoutMs?: number
  platform?: NodeJS.Platform
  envFile?: EnvFileOptions
}

/** One destination's outcome. `message` and `fix` are plain words, redacted: never the token. */
export interface DeliveryResult {
  destinationId: string
  where: string
  ok: boolean
  at: number
  message: string
  fix: string | null
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 60_000
/** The last lines of a tool's output a failure quotes. */
const QUOTED_LINES = 4
const QUOTED_CHARS = 600

/** The token, and anything else token-shaped, out of a tool's words; only their end is kept. */
export function toolWords(output: string, token?: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const tail = lines.slice(-QUOTED_LINES).join(' / ')
  const clean = redactText(token ? tail.split(token).join('[redacted]') : tail)
  return clean.length > QUOTED_CHARS ? `…${clean.slice(clean.length - QUOTED_CHARS)}` : clean
}

const said = (words: string): string => (words ? ` It said: “${words}”` : '')
/** "gh secret set", "aws secretsmanager put-secret-value", or a program's own name. */
const stepName = (argv: readonly string[]): string => {
  const [program = '', ...args] = argv
  const words = program === 'gh' || program === 'vault' ? 2 : program === 'aws' || program === 'gcloud' ? 3 : 0
  return [program.split(/[\\/]/).pop() ?? program, ...args.slice(0, words)].join(' ')
}

function stepFailure(step: Step, result: Exclude<CommandResult, { kind: 'exited'; code: 0 }>, token: string, timeoutMs: number): DeliveryFailure {
  const name = stepName(step.argv)
  switch (result.kind) {
    case 'not-started':
      if (result.why === 'not-found') return new DeliveryFailure(`${step.argv[0]} was not found.`, `Install it, or check that it is on the PATH Token Desk runs with${step.argv[0]?.includes('/') ? '' : ' (or give its full path)'}.`)
      if (result.why === 'not-executable') return new DeliveryFailure(`${step.argv[0]} could not be run (permission denied).`, 'Make it executable (chmod +x), or give the program that runs it.')
      return new DeliveryFailure(`${step.argv[0]} could not be started (${result.code ?? 'an error'}).`, step.fix)
    case 'timed-out':
      return new DeliveryFailure(`${name} did not finish within ${Math.round(timeoutMs / 1000)} seconds and was stopped.${said(toolWords(result.output, token))}`, step.fix)
    case 'signalled':
      return new DeliveryFailure(`${name} was ended by ${result.signal}.${said(toolWords(result.output, token))}`, step.fix)
    case 'exited':
      return new DeliveryFailure(`${name} failed (exit code ${result.code}).${said(toolWords(result.output, token))}`, step.fix)
  }
}

async function runSteps(d: Exclude<Destination, { kind: 'env-file' }>, token: string, ports: DeliverPorts): Promise<string> {
  const unavailable = presetUnavailable(d, ports.platform)
  if (unavailable) throw new DeliveryFailure(unavailable, 'Use a command of your own that reads the token on its standard input.')
  const cwd = 'cwd' in d ? d.cwd : undefined
  if (cwd && !(await stat(cwd).then((s) => s.isDirectory(), () => false))) {
    throw new DeliveryFailure(`The folder the command runs in (${cwd}) does not exist.`, 'Add the destination again from the folder it should run in.')
  }
  const timeoutMs = ports.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS
  const env = childEnv(withUsualPath(ports.env, ports.platform))
  let last = ''
  for (const step of stepsOf(d, ports.platform)) {
    const result = await runCommand({ argv: step.argv, input: step.takesToken ? token : null, env, ...(cwd ? { cwd } : {}), timeoutMs })
    if (result.kind !== 'exited' || result.code !== 0) throw stepFailure(step, result, token, timeoutMs)
    last = stepName(step.argv)
  }
  return `${last} took the token.`
}

/**
 * Delivers `token` to one destination: a `.env` line written atomically, or a program given the
 * token on its standard input. Never throws: a failure is an outcome, with the tool's own words
 * (redacted) and the fix, and leaves the destination as it was.
 */
export async function deliverTo(d: Destination, token: string, ports: DeliverPorts): Promise<DeliveryResult> {
  const where = whereOf(d)
  try {
    let message: string
    if (d.kind === 'env-file') {
      const done = await writeEnvFile(d.path, d.key, token, ports.envFile)
      message = done.created ? `Created ${d.path} with ${d.key}.` : done.replaced > 0 ? `Updated ${d.key} in ${d.path}.` : `Added ${d.key} to ${d.path}.`
    } else message = await runSteps(d, token, ports)
    return { destinationId: d.id, where, ok: true, at: ports.now(), message: redactText(message), fix: null }
  } catch (error) {
    const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure(`The delivery failed unexpectedly (${error instanceof Error ? error.name : 'error'}).`, 'Try again; if it keeps failing, copy the diagnostics into a bug report.')
    return { destinationId: d.id, where, ok: false, at: ports.now(), message: redactText(failure.message.split(token).join('[redacted]')), fix: failure.fix }
  }
}
