import { GraphError } from '../core/graph'
import { redactText } from '../core/redact'
import { UseCaseError } from '../core/use-case-error'
import { ShortPassphraseError, VaultKeyFileError, VaultWriteError, WrongPassphraseError } from '../core/vault'
import { CommandFailure, EXIT, UsageError, type ExitCode } from './errors'

/** What a failed run reports: the exit code, a word for scripts, and plain words for people. */
export interface Failure {
  exitCode: ExitCode
  code: string
  message: string
}

/** "14:05", or "14:05 on 2026-11-29" when that is not today, in local time. */
export function clockTime(at: number, now: number): string {
  const when = new Date(at)
  const hhmm = `${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`
  const day = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  return day(when) === day(new Date(now)) ? hhmm : `${hhmm} on ${day(when)}`
}

// The settings a person fixes for each configuration refusal.
const CONFIG_HINT: Partial<Record<string, string>> = {
  'wrong-secret': 'Check TOKEN_DESK_APP_SECRET.',
  'proof-invalid': 'Check TOKEN_DESK_APP_SECRET.',
  'proof-required': 'Check TOKEN_DESK_APP_SECRET.',
  'unknown-app': 'Check TOKEN_DESK_APP_ID.',
  'deprecated-version': 'Check TOKEN_DESK_API_VERSION.',
  'unknown-path': 'Check TOKEN_DESK_API_VERSION and TOKEN_DESK_GRAPH_URL.',
  'native-desktop': 'Run token-desk doctor for the whole picture.',
  'app-blocked': 'Run token-desk doctor for the whole picture.',
  'ip-not-allowed': 'Run token-desk doctor for the whole picture.',
}

function graphFailure(error: GraphError, now: number): Failure {
  const words = `${error.message} ${error.action}`
  switch (error.kind) {
    case 'configuration': {
      const code = error.detail ?? 'configuration'
      return { exitCode: EXIT.usage, code, message: `${words}${CONFIG_HINT[code] ? ` ${CONFIG_HINT[code]}` : ''}` }
    }
    case 'token-dead':
      return { exitCode: EXIT.invalidToken, code: error.reason ?? 'invalid', message: words }
    case 'permission':
      return { exitCode: EXIT.invalidToken, code: 'permission-missing', message: words }
    case 'throttled': {
      const when = error.retryAfterMs ? `try again after ${clockTime(now + error.retryAfterMs, now)}` : 'try again later'
      return { exitCode: EXIT.graph, code: 'rate-limited', message: `Facebook is limiting how often this app may call it: rate limited; ${when}.` }
    }
    case 'network':
      return { exitCode: EXIT.graph, code: error.detail === 'timeout' ? 'timeout' : 'network', message: `${words} (${error.operation})` }
    default:
      return { exitCode: EXIT.graph, code: 'graph', message: `${words} (${error.operation}${error.code === null ? '' : `, code ${error.code}`})` }
  }
}

function classify(error: unknown, now: number): Failure {
  if (error instanceof UsageError) return { exitCode: EXIT.usage, code: error.code, message: error.message }
  if (error instanceof CommandFailure) return { exitCode: error.exitCode, code: error.code, message: error.message }
  if (error instanceof GraphError) return graphFailure(error, now)
  if (error instanceof UseCaseError) {
    const exitCode = error.exit === 'invalid-token' ? EXIT.invalidToken : error.exit === 'usage' ? EXIT.usage : EXIT.graph
    return { exitCode, code: error.reason, message: error.words }
  }
  if (error instanceof ShortPassphraseError) return { exitCode: EXIT.usage, code: 'short-passphrase', message: error.message }
  if (error instanceof WrongPassphraseError) return { exitCode: EXIT.usage, code: 'wrong-passphrase', message: error.message }
  if (error instanceof VaultKeyFileError) return { exitCode: EXIT.usage, code: 'vault-key-file', message: `${error.message} Restore it from a backup, or use another TOKEN_DESK_HOME.` }
  if (error instanceof VaultWriteError) return { exitCode: EXIT.usage, code: 'vault-write', message: error.message }
  const text = error instanceof Error ? error.message : String(error)
  return { exitCode: EXIT.graph, code: 'internal', message: `Token Desk failed unexpectedly: ${text}` }
}

/** Every message passes the redactor: a Graph message may quote what it was given. */
export function toFailure(error: unknown, now = Date.now()): Failure {
  const failure = classify(error, now)
  return { ...failure, message: redactText(failure.message) }
}
