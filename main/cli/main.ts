import { parseArgs } from 'node:util'
import { createLogger, type LogSink } from '../core/log'
import { envProxyFetch } from '../core/net/env-fetch'
import type { FileLog } from '../core/logging/file-log'
import { bothLoggers, openLogFileOption } from './log-file'
import type { Logger } from '../core/ports'
import { redactText, registerSecret } from '../core/redact'
import { add } from './add'
import { check } from './check'
import { doctor } from './doctor'
import { diagnostics } from './diagnostics'
import type { CliIo, Command, OptionValues, Outcome, Run } from './command'
import { readConfig, type CliConfig } from './config'
import { EXIT, UsageError, type ExitCode, type PassedExitCode } from './errors'
import { extend } from './extend'
import { toFailure } from './failure'
import { cliGraph, deadline, type Deadline } from './graph'
import { closest } from './did-you-mean'
import { askedLogLevel, FILE_LOG_LEVEL, STDERR_LOG_LEVEL } from './log-level'
import { commandHelp, topHelp } from './help'
import { readToken } from './input'
import { inspect } from './inspect'
import { list } from './list'
import { looksLikeToken, TOKENS_NOT_ARGUMENTS } from './looks-like-token'
import { pages } from './pages'
import { mint } from './mint'
import { remove } from './remove'
import { revoke } from './revoke'
import { rotate } from './rotate'
import { sandbox } from './sandbox'
import { serve } from './serve'
import { systemUsers } from './system-users'
import { exec } from './exec'
import { token } from './token'
import { deliver } from './deliver'

/**
 * The Graph client stops retrying at the budget and reports the last answer it had; the
 * command's deadline comes a moment later, so it only ever cuts what still hangs.
 */
const DEADLINE_GRACE_MS = 1000

export const COMMANDS: readonly Command[] = [inspect, extend, pages, add, list, check, doctor, token, exec, remove, systemUsers, mint, revoke, rotate, deliver, sandbox, serve, diagnostics]

const COMMON = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, 'log-file': { type: 'string' }, 'log-level': { type: 'string' } } as const

function textSink(stderr: NodeJS.WritableStream): LogSink {
  return (record) => {
    const fields = record.fields && Object.keys(record.fields).length > 0 ? ` ${JSON.stringify(record.fields)}` : ''
    stderr.write(`token-desk: ${record.level}: ${record.message}${fields}\n`)
  }
}

function unknownArgument(arg: string, command: string): UsageError {
  // Never echo what may be a token: the message goes to a terminal, a log, a CI transcript.
  if (looksLikeToken(arg)) return new UsageError(`That argument looks like an access token. ${TOKENS_NOT_ARGUMENTS}`)
  return new UsageError(`Unexpected argument "${arg}" for ${command}. See token-desk ${command} --help.`)
}

interface Parsed {
  values: OptionValues
  positionals: string[]
  rest: string[]
}

function parse(command: Command, args: string[]): Parsed {
  const options = { ...command.options, ...COMMON }
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true })
  for (const t of tokens) {
    if (t.kind !== 'option') continue
    const spec = (options as Record<string, { type: string } | undefined>)[t.name]
    if (!spec) {
      const near = closest(t.name, Object.keys(options))
      const why = /token/i.test(t.name) ? ` ${TOKENS_NOT_ARGUMENTS}` : `${near ? ` Did you mean --${near}?` : ''} See token-desk ${command.name} --help.`
      throw new UsageError(`Unknown option ${t.rawName.startsWith('--') ? `--${t.name}` : t.rawName} for ${command.name}.${why}`)
    }
    if (spec.type === 'string' && (t.value === undefined || t.value === '')) throw new UsageError(`${t.rawName} needs a value.`)
    if (spec.type === 'boolean' && t.inlineValue) throw new UsageError(`${t.rawName} takes no value.`)
  }
  if (values.help) return { values, positionals, rest: [] }
  if (command.words) {
    // A command with sub-commands (deliver): the words before `--` are its own, those after are a command line.
    const terminator = tokens.find((t) => t.kind === 'option-terminator')?.index ?? Infinity
    const own = tokens.flatMap((t) => (t.kind === 'positional' && t.index < terminator ? [t.value] : []))
    const rest = tokens.flatMap((t) => (t.kind === 'positional' && t.index > terminator ? [t.value] : []))
    const tokenLike = own.find((w) => looksLikeToken(w))
    if (tokenLike !== undefined) throw unknownArgument(tokenLike, command.name)
    command.words(own, rest)
    return { values, positionals: own, rest }
  }
  if (command.rest) {
    // Only what follows `--` is the command to run; anything before it is a mistake.
    const terminator = tokens.find((t) => t.kind === 'option-terminator')?.index ?? Infinity
    const early = tokens.find((t) => t.kind === 'positional' && t.index < terminator)
    if (early?.kind === 'positional') throw unknownArgument(early.value, command.name)
    if (positionals.length === 0) throw new UsageError(`token-desk ${command.name} needs -- ${command.rest}. See token-desk ${command.name} --help.`)
    return { values, positionals, rest: [] }
  }
  if (command.positional) {
    if (positionals.length === 0) throw new UsageError(`token-desk ${command.name} needs ${command.positional}. See token-desk ${command.name} --help.`)
    const extra = positionals[1]
    if (extra !== undefined) throw unknownArgument(extra, command.name)
  } else {
    const first = positionals[0]
    if (first !== undefined) throw unknownArgument(first, command.name)
  }
  return { values, positionals, rest: [] }
}

function makeRun(io: CliIo, config: CliConfig, parsed: Parsed, command: Command, log: Logger, limit: () => Deadline, logFile: FileLog | null): Run {
  return {
    logFile,
    io,
    config,
    values: parsed.values,
    positionals: parsed.positionals,
    rest: parsed.rest,
    json: parsed.values.json === true,
    log,
    note: (text) => io.stderr.write(`${redactText(text)}\n`),
    print: (line) => io.stdout.write(`${line}\n`),
    token: async () => {
      const file = parsed.values['token-file']
      const value = await readToken({ ...(typeof file === 'string' ? { tokenFile: file } : {}), stdin: io.stdin })
      registerSecret(value)
      return value
    },
    graph: (app) => cliGraph(config, app, log, limit()),
  }
}

function writeOutcome(io: CliIo, json: boolean, outcome: Outcome): void {
  if (json && outcome.data !== undefined) io.stdout.write(`${JSON.stringify(outcome.data, null, 2)}\n`)
  else if (!json && outcome.text) io.stdout.write(`${outcome.text}\n`)
}

/** One run of `token-desk`: parses, runs the command, prints, and answers the exit code. */
export async function main(io: CliIo): Promise<ExitCode | PassedExitCode> {
  const argv = [...io.argv]
  // Words after `--` belong to the command `exec` runs, not to token-desk.
  const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv
  const json = own.includes('--json')
  let limit: Deadline | null = null
  let graphUrl: string | undefined
  try {
    const first = argv[0]
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? argv[1] : undefined
      const command = COMMANDS.find((c) => c.name === topic)
      if (topic !== undefined && !command) throw unknownCommand(topic)
      writeOutcome(io, json, { exitCode: EXIT.ok, data: { help: command ? commandHelp(command) : topHelp(COMMANDS) }, text: command ? commandHelp(command) : topHelp(COMMANDS) })
      return first === undefined ? EXIT.usage : EXIT.ok
    }
    const command = COMMANDS.find((c) => c.name === first)
    if (!command) throw unknownCommand(first)
    const parsed = parse(command, argv.slice(1))
    if (parsed.values.help) {
      writeOutcome(io, json, { exitCode: EXIT.ok, data: { help: commandHelp(command) }, text: commandHelp(command) })
      return EXIT.ok
    }
    const read = readConfig(io.env, io.platform)
    // --log-level wins over TOKEN_DESK_LOG; null leaves each face its own default (serve: warn).
    const config = { ...read, logLevel: askedLogLevel(parsed.values['log-level'], read.logLevel) }
    graphUrl = config.graphUrl
    const logFile = openLogFileOption(parsed.values['log-file'])
    const log = createLogger(textSink(io.stderr), config.logLevel ?? STDERR_LOG_LEVEL)
    const run = makeRun(io, config, parsed, command, logFile ? bothLoggers(log, createLogger(logFile.sink, config.logLevel ?? FILE_LOG_LEVEL)) : log, () => (limit ??= deadline(config.budgetMs + DEADLINE_GRACE_MS, Date.now, envProxyFetch(io.env))), logFile)
    const outcome = await command.run(run)
    writeOutcome(io, run.json, outcome)
    return outcome.exitCode
  } catch (error) {
    const failure = toFailure(error, Date.now(), { graphUrl })
    if (json) io.stdout.write(`${JSON.stringify({ error: { code: failure.code, message: failure.message } }, null, 2)}\n`)
    io.stderr.write(`token-desk: ${failure.message}\n`)
    return failure.exitCode
  } finally {
    // `limit` is assigned inside the run's graph() callback.
    ;(limit as Deadline | null)?.dispose()
  }
}

function unknownCommand(name: string): UsageError {
  if (looksLikeToken(name)) return new UsageError(`That argument looks like an access token. ${TOKENS_NOT_ARGUMENTS}`)
  const near = closest(name, COMMANDS.map((c) => c.name))
  return new UsageError(`Unknown command "${name}".${near ? ` Did you mean token-desk ${near}?` : ''} Run token-desk --help for the list.`)
}
