import type { LogLevel } from '../core/ports'
import { UsageError } from './errors'

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']

/** Standard error is for the command's own words: only errors are logged there unless asked. */
export const STDERR_LOG_LEVEL: LogLevel = 'error'
/** `serve` runs for hours: its warnings (a failed check, a refused request) are worth seeing. */
export const SERVE_STDERR_LOG_LEVEL: LogLevel = 'warn'
/** A --log-file is read later, when something went wrong: it keeps more. */
export const FILE_LOG_LEVEL: LogLevel = 'info'

/** One level word from TOKEN_DESK_LOG or --log-level, or a usage error naming where it came from. */
export function logLevelOf(raw: string, from: string): LogLevel {
  const level = raw.trim().toLowerCase() as LogLevel
  if (!LOG_LEVELS.includes(level)) throw new UsageError(`${from} must be one of ${LOG_LEVELS.join(', ')}.`, 'configuration')
  return level
}

/** The level asked for: --log-level, else TOKEN_DESK_LOG, else null (each face keeps its default). */
export function askedLogLevel(option: string | boolean | undefined, fromEnv: LogLevel | null): LogLevel | null {
  return typeof option === 'string' ? logLevelOf(option, '--log-level') : fromEnv
}
