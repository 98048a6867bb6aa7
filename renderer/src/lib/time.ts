import type { TokenKind } from '../../../preload/api'
import { daysLeft, inDaysWords } from '../../../main/core/families'

const DAY = 86_400_000
const HOUR = 3_600_000

/** In practice mode the sandbox has its own clock; countdowns must follow it. */
export const nowOf = (practiceNow: string | null): number =>
  practiceNow ? Date.parse(practiceNow) : Date.now()

/**
 * "in 10 days", "within a day", "within the hour", "3 days ago": the count the reminders, the
 * tray and the command line use (main/core/families/days.ts), so a banner and a row never differ.
 */
export function inDays(iso: string, now: number): string {
  const at = Date.parse(iso)
  const ms = at - now
  if (ms <= 0) {
    const ago = Math.floor(-ms / DAY)
    return ago === 0 ? 'earlier today' : ago === 1 ? 'yesterday' : `${ago} days ago`
  }
  return ms < HOUR ? 'within the hour' : inDaysWords(daysLeft(now, at))
}

export const dateOf = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export const shortDate = (iso: string): string => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' })

interface ClockTimes {
  kind: TokenKind
  expiresAt: string | null
  neverExpires: boolean
  dataAccessExpiresAt: string | null
}

/**
 * The data-access clock limits what a user token's permissions may read (90 days after the last
 * login); Page, system-user and app tokens are not on it, so it is not shown for them.
 */
export const dataClockApplies = (kind: TokenKind | undefined): boolean => kind === undefined || kind === 'USER'

/** "Stops working in 59 days" / "Stopped working 3 days ago" / "No expiry date". */
export function worksWords(t: Omit<ClockTimes, 'kind' | 'dataAccessExpiresAt'>, now: number): string {
  if (t.neverExpires) return 'No expiry date'
  if (!t.expiresAt) return 'Expiry not known yet'
  const when = inDays(t.expiresAt, now)
  return Date.parse(t.expiresAt) <= now ? `Stopped working ${when}` : `Stops working ${when}`
}

/** Both clocks in a few words, for compact rows: "Stops working in 59 days · data access ends in 89 days". */
export function shortClocks(t: ClockTimes, now: number): string {
  const works = worksWords(t, now)
  if (!dataClockApplies(t.kind) || !t.dataAccessExpiresAt) return works
  const ended = Date.parse(t.dataAccessExpiresAt) <= now
  return `${works} · data access ${ended ? 'ended' : 'ends'} ${inDays(t.dataAccessExpiresAt, now)}`
}
