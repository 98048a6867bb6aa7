/** Which tokens a check asks about, and whether one check already answers another's question. */
import type { WatchedToken } from './types'

export type Scope = 'all' | ReadonlySet<string>

export function covers(outer: Scope, inner: Scope): boolean {
  if (outer === 'all') return true
  if (inner === 'all') return false
  return [...inner].every((id) => outer.has(id))
}

export function merge(a: Scope, b: Scope): Scope {
  return a === 'all' || b === 'all' ? 'all' : new Set([...a, ...b])
}

export function checkable(token: WatchedToken, scope: Scope): boolean {
  return token.status !== 'needs-relogin' && (scope === 'all' || scope.has(token.id))
}
