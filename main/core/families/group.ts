import type { Problem, TokenSummary } from '../../../preload/api'
import { isStopped, URGENCY, worstStatus } from './status'
import type { Deadline, Family, FamilyFix } from './types'

const byName = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
  a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Follows `parentId` up to the oldest ancestor still stored. A missing parent anywhere up the
 * chain makes the whole chain orphans of that parent; a token caught in a loop stands alone.
 */
function rootOf(token: TokenSummary, byId: ReadonlyMap<string, TokenSummary>): { root: TokenSummary; missing: string | null } {
  let current = token
  const seen = new Set<string>([token.id])
  while (current.parentId) {
    const parent = byId.get(current.parentId)
    if (!parent) return { root: current, missing: current.parentId }
    if (seen.has(parent.id)) return { root: token, missing: null }
    seen.add(parent.id)
    current = parent
  }
  return { root: current, missing: null }
}

/** The nearest deadline of either clock among the tokens still working: dead ones have none left. */
export function nearestDeadline(tokens: readonly TokenSummary[]): Deadline | null {
  let best: { ms: number; deadline: Deadline } | null = null
  const consider = (iso: string | null, clock: Deadline['clock'], tokenId: string) => {
    if (iso === null) return
    const ms = Date.parse(iso)
    if (Number.isNaN(ms) || (best && best.ms <= ms)) return
    best = { ms, deadline: { at: iso, clock, tokenId } }
  }
  for (const t of tokens) {
    if (isStopped(t)) continue
    if (!t.neverExpires) consider(t.expiresAt, 'expires', t.id)
    consider(t.dataAccessExpiresAt, 'data-access', t.id)
  }
  return (best as { deadline: Deadline } | null)?.deadline ?? null
}

const LOGIN_FIXES: Problem['fix'][] = ['reauthenticate', 'rerequest', 'reauthorize']
/**
 * Tokens a new Facebook login renews: user and Page tokens, and a system-user token Token Desk
 * minted (an admin's login mints the next one for the same system user), and a business
 * integration token (a login through its configuration makes the next). A pasted system-user
 * token and an app token are made again in Business Settings or the App Dashboard.
 */
const renewable = (t: TokenSummary): boolean =>
  t.kind === 'USER' || t.kind === 'PAGE' || (t.kind === 'SYSTEM_USER' && Boolean(t.systemUser)) || t.kind === 'BUSINESS_INTEGRATION'

/**
 * The one button for the family. A login fix goes through the user token, whose re-authorisation
 * renews every Page token made from it; steps taken on facebook.com, a lost Page role and a new
 * paste come next; a family that only expires soon is renewed the same way as a dead one.
 */
export function familyFix(head: TokenSummary | null, members: readonly TokenSummary[]): FamilyFix | null {
  const stopped = members.filter((t) => isStopped(t) && t.problem)
  const via = (t: TokenSummary): string => (head && renewable(head) ? head.id : t.id)
  for (const kind of LOGIN_FIXES) {
    const hit = stopped.filter((t) => t.problem!.fix === kind && renewable(t))
    if (hit.length > 0) {
      const covers = stopped.filter((t) => LOGIN_FIXES.includes(t.problem!.fix) && renewable(t)).length
      return { kind, tokenId: via(hit[0]!), covers }
    }
  }
  for (const kind of ['visit-facebook', 'fix-page-role', 'repaste'] as const) {
    const hit = stopped.filter((t) => t.problem!.fix === kind)
    if (hit.length > 0) return { kind, tokenId: hit[0]!.id, covers: hit.length }
  }
  // Login fixes on tokens a login cannot renew (a dead system-user token) mean a new paste.
  if (stopped.length > 0) return { kind: 'repaste', tokenId: stopped[0]!.id, covers: stopped.length }
  const expiring = members.filter((t) => t.status === 'expiring')
  if (expiring.length === 0) return null
  const first = expiring[0]!
  return renewable(first) ? { kind: 'renew', tokenId: via(first), covers: expiring.length } : { kind: 'repaste', tokenId: first.id, covers: expiring.length }
}

function family(id: string, kind: Family['kind'], name: string, head: TokenSummary | null, pages: TokenSummary[]): Family {
  pages.sort(byName)
  const members = head ? [head, ...pages] : pages
  return { id, kind, name, head, pages, members, status: worstStatus(members), deadline: nearestDeadline(members), fix: familyFix(head, members) }
}

export const ORPHANS_NAME = 'Page tokens whose user token was removed'

/**
 * Tokens as families: a user token with the Page tokens made from it, lone tokens on their own,
 * and Page tokens whose user token is gone kept together. Every token is in exactly one family.
 * Families come in no particular order: see `sortFamilies`.
 */
export function groupFamilies(tokens: readonly TokenSummary[]): Family[] {
  const byId = new Map(tokens.map((t) => [t.id, t]))
  const heads = new Map<string, { head: TokenSummary; pages: TokenSummary[] }>()
  const orphans = new Map<string, TokenSummary[]>()
  for (const t of tokens) {
    const { root, missing } = rootOf(t, byId)
    if (missing !== null) {
      const list = orphans.get(missing) ?? []
      list.push(t)
      orphans.set(missing, list)
      continue
    }
    const entry = heads.get(root.id) ?? { head: root, pages: [] }
    if (root.id !== t.id) entry.pages.push(t)
    heads.set(root.id, entry)
  }
  const families: Family[] = []
  for (const [id, { head, pages }] of heads) families.push(family(id, pages.length > 0 ? 'login' : 'alone', head.name, head, pages))
  for (const [parentId, pages] of orphans) families.push(family(`orphans:${parentId}`, 'orphans', ORPHANS_NAME, null, pages))
  return families
}

export type FamilySort = 'deadline' | 'name'

/**
 * By nearest deadline: stopped families first, then the soonest clock, then the rest by name.
 * By name: alphabetical. Members keep their order (the head, then Pages by name).
 */
export function sortFamilies(families: readonly Family[], sort: FamilySort): Family[] {
  const at = (f: Family): number => (f.deadline ? Date.parse(f.deadline.at) : Infinity)
  return [...families].sort((a, b) => {
    if (sort === 'deadline') {
      const urgent = Math.min(URGENCY[a.status], 2) - Math.min(URGENCY[b.status], 2)
      if (urgent !== 0) return urgent
      const soon = at(a) - at(b)
      if (soon !== 0 && !Number.isNaN(soon)) return soon
    }
    return byName(a, b)
  })
}
