import type { DeathReason, TokenSummary } from '../../../preload/api'
import { problemFor } from '../../../main/core/tokens/inspect'

export const NOW = Date.parse('2026-06-01T09:00:00.000Z')
export const DAY = 86_400_000
export const at = (days: number): string => new Date(NOW + days * DAY).toISOString()

export function tok(id: string, patch: Partial<TokenSummary> = {}): TokenSummary {
  return {
    id,
    name: id,
    kind: 'USER',
    last4: 'abcd',
    appId: '1234',
    userId: '42',
    profileId: null,
    scopes: [],
    expiresAt: at(50),
    neverExpires: false,
    dataAccessExpiresAt: at(80),
    status: 'valid',
    problem: null,
    lastCheckedAt: at(-0.1),
    parentId: null,
    ...patch,
  }
}

export const page = (id: string, parentId: string | null, patch: Partial<TokenSummary> = {}): TokenSummary =>
  tok(id, { kind: 'PAGE', profileId: `9${id.length}${id.charCodeAt(0)}`, expiresAt: null, neverExpires: true, parentId, ...patch })

export const dead = (reason: DeathReason): Pick<TokenSummary, "status" | "problem"> => ({ status: "dead", problem: problemFor(reason, 190) })

/** A user token and `n` Page tokens made from it. */
export function login(userId: string, n: number, patch: Partial<TokenSummary> = {}): TokenSummary[] {
  const user = tok(userId, { name: `${userId} (user token)`, ...patch })
  const pages = Array.from({ length: n }, (_, i) => page(`${userId}-p${String(i + 1).padStart(2, '0')}`, userId, { name: `${userId} Page ${i + 1}`, ...(patch.status ? { status: patch.status, problem: patch.problem ?? null } : {}) }))
  return [user, ...pages]
}
