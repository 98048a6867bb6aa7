import type { TokenSummary } from '../../preload/api'
import { causeHeadline, groupFamilies, groupProblems, sortFamilies, summarize, summaryLine } from '../core/families'
import { CLI_FIX } from './fix-words'
import { relative, table } from './output'

const expires = (s: TokenSummary, now: number): string => (s.neverExpires ? 'never' : s.expiresAt ? relative(Date.parse(s.expiresAt), now) : '-')

/**
 * `list` and `check` for people: each family with its Page tokens indented under it (Page tokens
 * whose user token was removed under a line of their own), then one summary line.
 */
export function familiesTable(summaries: readonly TokenSummary[], now: number): string {
  if (summaries.length === 0) return 'No stored tokens. Add one with: token-desk add --name NAME < token.txt'
  const row = (s: TokenSummary, indent: string): string[] => [`${indent}${s.name}`, s.kind, `…${s.last4}`, s.status, expires(s, now), s.id]
  const rows: string[][] = [['NAME', 'KIND', 'TOKEN', 'STATUS', 'EXPIRES', 'ID']]
  const families = sortFamilies(groupFamilies(summaries), 'name')
  for (const family of families) {
    if (family.head) rows.push(row(family.head, ''))
    else rows.push([`${family.name}:`, '', '', '', '', ''])
    for (const page of family.pages) rows.push(row(page, '  '))
  }
  const checked = lastChecked(summaries)
  const causes = stoppedCauses(families, summaries)
  return `${table(rows)}\n\n${summaryLine(summarize(summaries), checked === null ? null : relative(Date.parse(checked), now))}${causes ? `\n\n${causes}` : ''}`
}

/**
 * Why the stopped ones stopped, one line per cause as the window groups them, each with what to
 * do from here: the plain words instead of the reason's code.
 */
function stoppedCauses(families: Parameters<typeof groupProblems>[0], summaries: readonly TokenSummary[]): string {
  const names = new Map(summaries.map((s) => [s.id, s.name]))
  return groupProblems(families)
    .map((group) => `${causeHeadline(group.reason, group.tokenIds.map((id) => names.get(id) ?? id))}. ${CLI_FIX[group.reason]}`)
    .join('\n')
}

/** The newest moment Graph answered about any of them: what `list` knows of the last check. */
function lastChecked(summaries: readonly TokenSummary[]): string | null {
  let newest: string | null = null
  for (const s of summaries) if (s.lastCheckedAt && (newest === null || s.lastCheckedAt > newest)) newest = s.lastCheckedAt
  return newest
}
