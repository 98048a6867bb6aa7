import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { registerSecret } from '../core/redact'

/**
 * The per-launch secret. The key travels once, in the URL `token-desk serve` prints; the
 * browser then holds only a session value derived from it, in an HttpOnly cookie.
 */
export interface LaunchKey {
  readonly key: string
  readonly session: string
  /** Cookies ignore ports: the name holds ours, so two hosts on one machine don't collide. */
  readonly cookieName: string
  matchesKey(candidate: string): boolean
  matchesSession(candidate: string): boolean
}

export function sessionCookieName(port: number): string {
  return `token_desk_session_${port}`
}

export function createLaunchKey(port: number): LaunchKey {
  const key = randomBytes(32).toString('base64url')
  const session = createHmac('sha256', key).update('token-desk web session v1').digest('base64url')
  // Both grant access to the vault's UI: the redactor hides them wherever they might surface.
  registerSecret(key)
  registerSecret(session)
  return {
    key,
    session,
    cookieName: sessionCookieName(port),
    matchesKey: (candidate) => sameSecret(candidate, key),
    matchesSession: (candidate) => sameSecret(candidate, session),
  }
}

/** Constant time whatever the lengths: both sides are hashed to the same size first. */
export function sameSecret(candidate: string, expected: string): boolean {
  const a = createHash('sha256').update(candidate, 'utf8').digest()
  const b = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(a, b) && candidate.length === expected.length
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}

export function sessionCookie(launch: LaunchKey): string {
  return `${launch.cookieName}=${launch.session}; HttpOnly; SameSite=Strict; Path=/`
}
