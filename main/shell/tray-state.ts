import type { AppState, TokenSummary } from '../../preload/api'
import { daysLeft as countDays, groupFamilies, inDaysWords, isStopped, needsAttention, sortFamilies, summarize, summaryLine, type Family, type FamilyFix } from '../core/families'

/** The tray shows the worst of all tokens: one dead token turns the whole icon red. */
export type TrayLevel = 'ok' | 'expiring' | 'dead'

export function worstLevel(tokens: readonly TokenSummary[]): TrayLevel {
  if (tokens.some(isStopped)) return 'dead'
  if (tokens.some((t) => t.status === 'expiring')) return 'expiring'
  return 'ok'
}

/** Whole days left, counted as the window and the reminders count them; null for tokens that never expire or have no date. */
export function daysLeft(token: Pick<TokenSummary, 'neverExpires' | 'expiresAt'>, now: number): number | null {
  if (token.neverExpires || token.expiresAt === null) return null
  const at = Date.parse(token.expiresAt)
  if (Number.isNaN(at)) return null
  return countDays(now, at)
}

/** "Dec 1, 2026, 9:00 AM" in the machine's own words. */
const checkedAt = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

// Windows cuts a tray tooltip at 127 characters.
const TOOLTIP_MAX = 127

/** The summary line: how many work, need attention soon, stopped, and the last check. */
export function trayTooltip(state: AppState): string {
  if (state.tokens.length === 0) return 'Token Desk: no tokens yet'
  const text = `Token Desk: ${summaryLine(summarize(state.tokens), state.lastCheckAt ? checkedAt(state.lastCheckAt) : null)}`
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`
}

/** At most this many families that need attention, nearest first; the window shows the rest. */
export const TRAY_ATTENTION_MAX = 4

const LOGIN_FIXES: ReadonlySet<FamilyFix['kind']> = new Set(['reauthorize', 'reauthenticate', 'rerequest', 'renew'])

function attentionLine(family: Family, now: number): string {
  const stopped = family.members.filter(isStopped).length
  if (stopped > 0) return `${family.name}: ${stopped === 1 ? 'stopped working' : `${stopped} tokens stopped`}`
  const deadline = family.deadline
  const days = deadline ? daysLeft({ neverExpires: false, expiresAt: deadline.at }, now) : null
  const when = days === null ? 'soon' : inDaysWords(days)
  return `${family.name}: ${deadline?.clock === 'data-access' ? 'data access ends' : 'stops working'} ${when}`
}

export interface TrayActions {
  open: () => void
  reauthorize: (tokenId: string) => void
  checkNow: () => void
  quit: () => void
}

/** Menu item shapes Electron's Menu.buildFromTemplate accepts. */
export type TrayMenuItem =
  | { label: string; enabled?: boolean; click?: () => void }
  | { type: 'separator' }

/**
 * The tray menu, built in this one place: the summary, then the few families that need
 * attention (nearest first; a click renews the family when a login fixes it), then Open Token
 * Desk, Check now and Quit. With 58 tokens it is still a short menu.
 */
export function trayMenu(state: AppState, now: number, actions: TrayActions): TrayMenuItem[] {
  const summary = summarize(state.tokens)
  const head: TrayMenuItem = { label: state.tokens.length === 0 ? 'No tokens yet' : summaryLine(summary), enabled: false }
  const attention = sortFamilies(groupFamilies(state.tokens), 'deadline').filter((f) => needsAttention(f))
  const items: TrayMenuItem[] = attention.slice(0, TRAY_ATTENTION_MAX).map((family) => {
    const fix = family.fix
    return { label: attentionLine(family, now), click: () => (fix && LOGIN_FIXES.has(fix.kind) ? actions.reauthorize(fix.tokenId) : actions.open()) }
  })
  const more = attention.length - TRAY_ATTENTION_MAX
  if (more > 0) items.push({ label: `${more} more need attention…`, click: () => actions.open() })
  return [
    head,
    ...(items.length > 0 ? [{ type: 'separator' } as const, ...items] : []),
    { type: 'separator' },
    { label: 'Open Token Desk', click: () => actions.open() },
    { label: 'Check now', enabled: state.tokens.length > 0, click: () => actions.checkNow() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ]
}

/** Before the core has started (secret storage may be waiting on a keyring prompt): say so, and offer Open and Quit. */
export function startingMenu(waitingFor: string, actions: Pick<TrayActions, 'open' | 'quit'>): TrayMenuItem[] {
  return [
    { label: waitingFor, enabled: false },
    { type: 'separator' },
    { label: 'Open Token Desk', click: () => actions.open() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ]
}
