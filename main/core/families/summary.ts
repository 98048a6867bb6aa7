import type { TokenSummary } from '../../../preload/api'
import type { DeskSummary } from './types'

export function summarize(tokens: readonly Pick<TokenSummary, 'status'>[]): DeskSummary {
  const s: DeskSummary = { total: tokens.length, working: 0, soon: 0, stopped: 0, unchecked: 0 }
  for (const t of tokens) {
    if (t.status === 'valid') s.working += 1
    else if (t.status === 'expiring') s.soon += 1
    else if (t.status === 'unknown') s.unchecked += 1
    else s.stopped += 1
  }
  return s
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/**
 * "58 tokens: 57 work, 1 needs attention soon, none stopped. Last check: 1 Jun, 09:00."
 * `lastCheck` is already in the reader's words (the renderer, tray and CLI format time their own way):
 * null says no check has run yet, and leaving it out leaves the check out.
 */
export function summaryLine(s: DeskSummary, lastCheck?: string | null): string {
  if (s.total === 0) return 'No tokens yet.'
  const parts = [
    `${s.working} ${s.working === 1 ? 'works' : 'work'}`,
    s.soon === 0 ? 'none need attention soon' : `${s.soon} ${s.soon === 1 ? 'needs' : 'need'} attention soon`,
    s.stopped === 0 ? 'none stopped' : `${s.stopped} stopped`,
  ]
  if (s.unchecked > 0) parts.push(`${s.unchecked} not checked yet`)
  const check = lastCheck === undefined ? '' : lastCheck === null ? ' No check has run yet.' : ` Last check: ${lastCheck}.`
  return `${plural(s.total, 'token', 'tokens')}: ${parts.join(', ')}.${check}`
}
