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

function keeps(t: TokenSummary, show: Show): boolean {
  if (show === 'all') return true
  if (show === 'attention') return needsAttention(t)
  return t.kind === show
}

/**
 * Filters and sorts families for the list. The query matches as typed (any case and accents)
 * inside a token's name or its family's name, or inside a Page id or app id. Linear in the
 * number of tokens: fine at 500.
 */
export function findInFamilies(families: readonly Family[], finding: Finding, cache: WeakMap<TokenSummary, string>): ShownFamily[] {
  const query = normal(finding.query).trim().replace(/\s+/g, ' ')
  const narrowed = query !== '' || finding.show !== 'all'
  const nameOf = (t: TokenSummary): string => {
    let name = cache.get(t)
    if (name === undefined) cache.set(t, (name = normal(t.name)))
    return name
  }
  const matches = (t: TokenSummary): boolean =>
    nameOf(t).includes(query) || (t.profileId ?? '').includes(query) || (t.appId ?? '').includes(query)
  const shown: ShownFamily[] = []
  for (const family of sortFamilies(families, finding.sort)) {
    if (!narrowed) {
      shown.push({ family, members: family.members, narrowed })
      continue
    }
    const wholeFamily = query === '' || normal(family.name).includes(query)
    const members = family.members.filter((t) => keeps(t, finding.show) && (wholeFamily || matches(t)))
    if (members.length > 0) shown.push({ family, members, narrowed })
  }
  return shown
}
