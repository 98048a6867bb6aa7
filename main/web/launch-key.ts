import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { registerSecret } from '../core/redact'

/**
 * The web host's credentials, none of them ambient (issue 20, item 1). A browser sends cookies
 * to every server on 127.0.0.1 whatever its port (RFC 6265 §8.5: "cookies do not provide
 * isolation by port"), so no cookie grants anything here. Instead:
 * - the launch key travels once, in the fragment of the URL `token-desk serve` prints (a
 *   fragment is never sent to any server, RFC 3986 §3.5), and works once: the page trades it
 *   for a session (POST /api/session) and a fresh launch key is made for the next tab;
 * - the session lives in the page's memory and travels in the X-Token-Desk-Session header,
 *   which a browser never adds by itself and which another origin cannot set without a CORS
 *   preflight this host never grants;
 * - a popup login, which is a navigation and so carries no header, shows a one-time ticket the
 *   page asked for with its session a moment before.
 */
export interface LaunchKeys {
  /** The key the current launch URL holds; replaced as soon as it is used. */
  current(): string
  /** A session for a matching launch key (which is then spent), or null. */
  exchange(candidate: string): string | null
  matchesSession(candidate: string): boolean
  /** A one-time ticket for /login/start, for the holder of a session. */
  popupTicket(): string
  /** True once for a live ticket. */
  spendTicket(candidate: string): boolean
}

export const SESSION_HEADER = 'x-token-desk-session'
export const LAUNCH_HEADER = 'x-token-desk-launch'

/** Each tab opened by a launch URL has a session; more than this and the oldest goes. */
const MAX_SESSIONS = 16
const MAX_TICKETS = 8
/** A popup asks for the dialog within a second of the click; a ticket older than this is spent. */
export const TICKET_MS = 60_000

const secret = (): string => {
  const value = randomBytes(32).toString('base64url')
  // Each grants access to the vault's UI: the redactor hides it wherever it might surface.
  registerSecret(value)
  return value
}

export function createLaunchKeys(options: { onFresh?: (key: string) => void; now?: () => number } = {}): LaunchKeys {
  const now = options.now ?? Date.now
  let key = secret()
  const sessions: string[] = []
  const tickets = new Map<string, number>()
  return {
    current: () => key,
    exchange(candidate) {
      if (!sameSecret(candidate, key)) return null
      key = secret()
      options.onFresh?.(key)
      const session = secret()
      sessions.push(session)
      if (sessions.length > MAX_SESSIONS) sessions.shift()
      return session
    },
    matchesSession: (candidate) => sessions.some((s) => sameSecret(candidate, s)),
    popupTicket() {
      const ticket = secret()
      tickets.set(ticket, now() + TICKET_MS)
      for (const old of [...tickets.keys()].slice(0, Math.max(0, tickets.size - MAX_TICKETS))) tickets.delete(old)
      return ticket
    },
    spendTicket(candidate) {
      for (const [ticket, until] of tickets) {
        if (!sameSecret(candidate, ticket)) continue
        tickets.delete(ticket)
        return now() <= until
      }
      return false
    },
  }
}

/** The URL `token-desk serve` prints: the key in the fragment, so no request line ever holds it. */
export const launchUrl = (origin: string, key: string): string => `${origin}/#key=${key}`

/** Constant time whatever the lengths: both sides are hashed to the same size first. */
export function sameSecret(candidate: string, expected: string): boolean {
  const a = createHash('sha256').update(candidate, 'utf8').digest()
  const b = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(a, b) && candidate.length === expected.length
}
