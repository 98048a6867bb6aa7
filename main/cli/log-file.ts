import { resolve } from 'node:path'
import { openFileLog, type FileLog } from '../core/logging/file-log'
import type { Logger } from '../core/ports'
import { UsageError } from './errors'

/** `--log-file PATH`: the same redacted lines as standard error, also kept in a file. */
export function openLogFileOption(value: string | boolean | undefined): FileLog | null {
  if (typeof value !== 'string') return null
  try {
    return openFileLog(resolve(value))
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : null
    if (code === 'ESYMLINK') throw new UsageError(`Cannot write the log file ${value}: it is a symbolic link, and its target was left as it is. Name a plain file.`, 'log-file')
    const why = code ? ` (${code})` : ''
    throw new UsageError(`Cannot write the log file ${value}${why}.`, 'log-file')
  }
}

export function bothLoggers(a: Logger, b: Logger): Logger {
  return {
    debug: (m, f) => (a.debug(m, f), b.debug(m, f)),
    info: (m, f) => (a.info(m, f), b.info(m, f)),
    warn: (m, f) => (a.warn(m, f), b.warn(m, f)),
    error: (m, f) => (a.error(m, f), b.error(m, f)),
  }
}
