import { chmodSync, existsSync, lstatSync, mkdirSync, type Stats } from 'node:fs'
import { dirname, join, parse } from 'node:path'
import electronLog from 'electron-log/node'
import type { LogRecord, LogSink } from '../log'
import { redact, redactText } from '../redact'

/** Rotated at this size: the full file becomes `<name>.old.log` (one generation kept). */
export const LOG_MAX_BYTES = 2 * 1024 * 1024

export interface FileLog {
  /** Where lines go now. */
  path: string
  /** The current file and the rotated one before it, oldest first, those that exist. */
  files(): string[]
  /** A sink for createLogger: one line per record. */
  sink: LogSink
  /**
   * electron-log's own logger, for libraries that want one (electron-updater). Its lines pass
   * the same redactor as the sink's, in a hook no transport can skip.
   */
  raw: { info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void; debug(...data: unknown[]): void }
}

/** The desktop app's log under its home (userData); `token-desk diagnostics` quotes it too. */
export const desktopLogFile = (home: string): string => join(home, 'logs', 'main.log')

/** The rotated copy electron-log keeps: main.log -> main.old.log. */
export function rotatedPath(path: string): string {
  const p = parse(path)
  return join(p.dir, `${p.name}.old${p.ext}`)
}

let loggers = 0

const lstatOrNull = (path: string): Stats | null => {
  try {
    return lstatSync(path)
  } catch {
    return null
  }
}

/** Anything a logger is handed, as redacted text: nothing reaches a file unscrubbed. */
function scrub(data: unknown): string {
  if (typeof data === 'string') return redactText(data)
  const clean = redact(data)
  return typeof clean === 'string' ? clean : JSON.stringify(clean)
}

/**
 * File logs through electron-log (its Node flavour, which needs no Electron and registers no IPC
 * channel): mode 0600 in a 0700 folder, rotation at LOG_MAX_BYTES, and a hook that runs every
 * message through the redactor before any transport writes it.
 */
export function openFileLog(path: string, options: { maxBytes?: number } = {}): FileLog {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  // A link would have the lines (and the chmod below) land on a file of someone else's choosing
  // (issue 20, item 11: a --log-file link's target was chmod-ed to 0600): refused, untouched.
  for (const file of [path, rotatedPath(path)]) {
    if (lstatOrNull(file)?.isSymbolicLink()) throw Object.assign(new Error(`${file} is a symbolic link`), { code: 'ESYMLINK' })
  }
  // A file left by an older version or another tool may be readable by others: not any more.
  for (const file of [path, rotatedPath(path)]) if (existsSync(file)) chmodSync(file, 0o600)

  const logger = electronLog.create({ logId: `token-desk-${process.pid}-${++loggers}` })
  // electron-log works out its default folders from the app's name, which it looks for in a
  // package.json near the entry script or the working folder; run elsewhere as an ES module,
  // it finds none and then drops every line without a word. Our path is explicit anyway.
  logger.transports.file.setAppName('token-desk')
  logger.transports.console.level = false
  logger.transports.file.level = 'debug'
  logger.transports.file.resolvePathFn = () => path
  logger.transports.file.maxSize = options.maxBytes ?? LOG_MAX_BYTES
  logger.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }
  logger.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}'
  logger.hooks.push((message) => ({ ...message, data: message.data.map(scrub) }))

  const sink: LogSink = (record: LogRecord) => {
    const fields = record.fields && Object.keys(record.fields).length > 0 ? ` ${JSON.stringify(record.fields)}` : ''
    logger[record.level](`${record.message}${fields}`)
  }
  return {
    path,
    files: () => [rotatedPath(path), path].filter((f) => existsSync(f)),
    sink,
    raw: logger,
  }
}

/** Sends each record to every sink. */
export function teeSink(...sinks: LogSink[]): LogSink {
  return (record) => {
    for (const sink of sinks) sink(record)
  }
}
