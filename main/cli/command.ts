import type { GraphClient } from '../core/graph'
import type { FileLog } from '../core/logging/file-log'
import type { Logger } from '../core/ports'
import type { AppCredentials, CliConfig, Env } from './config'
import type { ExitCode, PassedExitCode } from './errors'

/** What a run of `token-desk` is given. Tests pass their own streams and stop signal. */
export interface CliIo {
  argv: readonly string[]
  env: Env
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  /** Ends `sandbox` and `serve`; without it they wait for SIGINT or SIGTERM. */
  signal?: AbortSignal
  /** Where `serve` finds the built renderer; default out/renderer beside the built CLI. */
  rendererDir?: string
  platform?: NodeJS.Platform
}

/** Option values as parsed; an option declared `multiple` holds a string[] (read it as unknown). */
export type OptionValues = Record<string, string | boolean | undefined>

/** One command's view of its run. */
export interface Run {
  io: CliIo
  config: CliConfig
  values: OptionValues
  positionals: string[]
  /** The words after `--`, for a command with `words` (deliver add --command -- COMMAND ARGS…). */
  rest: string[]
  json: boolean
  log: Logger
  /** A line for people on standard error; never a token. */
  note(text: string): void
  /** Writes a line to standard output at once: long-running commands print their address first. */
  print(line: string): void
  /** The token from stdin or --token-file, registered with the redactor. */
  token(): Promise<string>
  /** The file --log-file names, opened (rotated, mode 0600); null without the option. */
  logFile: FileLog | null
  /** A Graph client for the app in the environment, bound to the command's time budget. */
  graph(app: AppCredentials): GraphClient
}

/**
 * A command's answer. `data` is the --json document, `text` the lines for people; both absent
 * when the command printed what it had to say itself.
 */
export interface Outcome {
  /** One of EXIT, or (`exec`) the exit status of the command it ran. */
  exitCode: ExitCode | PassedExitCode
  data?: unknown
  text?: string
}

export interface Command {
  name: string
  /** One line for the command list. */
  summary: string
  /** The whole `token-desk NAME --help` text. */
  help: string
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>
  /** The name of the one positional argument it takes, if any. */
  positional?: string
  /** The words after `--`, for a command that runs another (`exec`): their name in messages. */
  rest?: string
  /**
   * For a command with sub-commands (`deliver`): checks its words before `--` (in `positionals`)
   * and after it (in `rest`), throwing a UsageError that says what is wrong.
   */
  words?: (own: readonly string[], rest: readonly string[]) => void
  run(run: Run): Promise<Outcome>
}
