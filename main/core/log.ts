import type { LogLevel, Logger } from './ports'
import { redact, redactText } from './redact'

export interface LogRecord {
  level: LogLevel
  message: string
  fields?: Record<string, unknown>
  time: string
}

export type LogSink = (record: LogRecord) => void

/** A logger whose every line, message and fields, is redacted before any sink sees it. */
export function createLogger(sink: LogSink, minLevel: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error']
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return
    const record: LogRecord = { level, message: redactText(message), time: new Date().toISOString() }
    if (fields) record.fields = redact(fields) as Record<string, unknown>
    sink(record)
  }
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  }
}

/** Lines as JSON on stderr: for the CLI and the web host. */
export const stderrSink: LogSink = (record) => {
  process.stderr.write(`${JSON.stringify(record)}\n`)
}

/** Keeps records in memory: the tests' log capture, and the app's recent-log view. */
export function memorySink(): LogSink & { records: LogRecord[] } {
  const records: LogRecord[] = []
  const sink = ((record: LogRecord) => {
    records.push(record)
  }) as LogSink & { records: LogRecord[] }
  sink.records = records
  return sink
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
