import type { TokenKind, TokenSummary } from '../../../preload/api'
import { needsAttention, sortFamilies, type Family, type FamilySort } from '../../../main/core/families'

export type Show = 'all' | 'attention' | TokenKind

export interface Finding {
  query: string
  show: Show
  sort: FamilySort
}

/** A family as the list shows it: the members that match, or all of them when nothing filters. */
export interface ShownFamily {
  family: Family
  members: TokenSummary[]
  /** True while a search or filter narrows the list: matching families open by themselves. */
  narrowed: boolean
}

const normal = (text: string): string => text.toLocaleLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')

/** Token name, Page name or id, user id, app id and the token's own id, in one searchable string. */
function haystack(t: TokenSummary): string {
  return normal([t.name, t.profileId, t.userId, t.appId, t.id, t.kind === 'PAGE' ? 'page' : null].filter(Boolean).join(' '))
}

function keeps(t: TokenSummary, show: Show): boolean {
  if (show === 'all') return true
  if (show === 'attention') return needsAttention(t)
  return t.kind === show
}

/**
 * Filters and sorts families for the list. Every word of the query must appear somewhere in a
 * token's name, Page id, user id or app id. Linear in the number of tokens: fine at 500.
 */
export function findInFamilies(families: readonly Family[], finding: Finding, cache: WeakMap<TokenSummary, string>): ShownFamily[] {
  const words = normal(finding.query).split(/\s+/).filter(Boolean)
  const narrowed = words.length > 0 || finding.show !== 'all'
  const text = (t: TokenSummary): string => {
    let h = cache.get(t)
    if (h === undefined) cache.set(t, (h = haystack(t)))
    return h
  }
  const shown: ShownFamily[] = []
  for (const family of sortFamilies(families, finding.sort)) {
    if (!narrowed) {
      shown.push({ family, members: family.members, narrowed })
      continue
    }
    const familyName = normal(family.name)
    const members = family.members.filter((t) => keeps(t, finding.show) && words.every((w) => text(t).includes(w) || familyName.includes(w)))
    if (members.length > 0) shown.push({ family, members, narrowed })
  }
  return shown
}
