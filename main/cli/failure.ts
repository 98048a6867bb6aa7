import { GraphError } from '../core/graph'
import { DEFAULT_GRAPH_URL } from '../core/graph/config'
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

/**
 * Platform rate limits count an app's or user's calls over a rolling one-hour window
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/), so an hour without
 * calls always lifts one. Used only when Facebook gave no time of its own.
 */
export const ROLLING_WINDOW_MS = 3_600_000

/** "after 09:30", from Facebook's own wait when it gave one, else the end of the rolling hour. */
export function retryAfterWords(retryAfterMs: number | undefined, now: number): string {
  if (retryAfterMs) return `after ${clockTime(now + retryAfterMs, now)}`
  return `after ${clockTime(now + ROLLING_WINDOW_MS, now)} (Facebook gave no time; it counts calls over a rolling hour)`
}

/** Where a failed request went, for the message: the CLI knows whether TOKEN_DESK_GRAPH_URL chose it. */
export interface FailurePlace {
  graphUrl?: string | undefined
}

/** The low-level reason under "fetch failed": "connect ECONNREFUSED 127.0.0.1:9", "getaddrinfo ENOTFOUND host". */
function lowLevelCause(error: unknown): string | null {
  let found: string | null = null
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (e.message && e.message !== 'fetch failed' && !(e instanceof GraphError)) found = e.message
    else if (typeof code === 'string') found = code
  }
  return found
}

/** "Could not reach Facebook. It tried http://127.0.0.1:9 (TOKEN_DESK_GRAPH_URL): connect ECONNREFUSED …" */
function networkWords(error: GraphError, place: FailurePlace): string {
  const chosen = place.graphUrl !== undefined
  let origin: string
  try {
    origin = new URL(place.graphUrl ?? DEFAULT_GRAPH_URL).origin
  } catch {
    origin = place.graphUrl ?? DEFAULT_GRAPH_URL
  }
  // A timeout's cause is only the abort; the address and the wait say it all.
  const cause = error.detail === 'timeout' ? null : lowLevelCause(error.cause)
  // undici refuses the fetch standard's "bad ports" (9, 25, 6000…) before connecting.
  const why = cause === 'bad port' ? `port ${new URL(origin).port} is one that fetch refuses to use (https://fetch.spec.whatwg.org/#bad-port)` : cause
  const tried = ` It tried ${origin}${chosen ? ' (TOKEN_DESK_GRAPH_URL)' : ''}${why ? `: ${why}` : ''}.`
  const viaProxy = / through the proxy /.test(error.message)
  const action = chosen && !viaProxy ? 'Check that TOKEN_DESK_GRAPH_URL is right and that the server there is running.' : error.action
  return `${error.message}${tried} ${action} (${error.operation})`
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

function graphFailure(error: GraphError, now: number, place: FailurePlace): Failure {
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
      return { exitCode: EXIT.graph, code: 'rate-limited', message: `Facebook is limiting how often this app may call it: rate limited; try again ${retryAfterWords(error.retryAfterMs, now)}.` }
    }
    case 'network':
      return { exitCode: EXIT.graph, code: error.detail === 'timeout' ? 'timeout' : 'network', message: networkWords(error, place) }
    default:
      return { exitCode: EXIT.graph, code: 'graph', message: `${words} (${error.operation}${error.code === null ? '' : `, code ${error.code}`})` }
  }
}

function classify(error: unknown, now: number, place: FailurePlace): Failure {
  if (error instanceof UsageError) return { exitCode: EXIT.usage, code: error.code, message: error.message }
  if (error instanceof CommandFailure) return { exitCode: error.exitCode, code: error.code, message: error.message }
  if (error instanceof GraphError) return graphFailure(error, now, place)
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
export function toFailure(error: unknown, now = Date.now(), place: FailurePlace = {}): Failure {
  const failure = classify(error, now, place)
  return { ...failure, message: redactText(failure.message) }
}
