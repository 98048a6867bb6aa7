/**
 * Which reminders are due. Pure: the same tokens, settings, time and shown keys always give
 * the same answer, so the runner and the tests can ask as often as they like.
 *
 * Rules:
 * - One reminder per threshold and per clock (token expiry, data-access expiry), keyed by the
 *   moment the clock runs out, so a renewed token starts a fresh series.
 * - Only the most urgent threshold already reached counts. Someone who opens the app two days
 *   before expiry hears "2 days left" once, not 14, 7 and 3 at once; the thresholds passed
 *   while the app was closed are never shown later.
 * - A reminder waits until Graph has confirmed the token at or after the reminder's moment
 *   (security.md R30: the local clock can be off by days). The schedule arranges that check.
 * - Data access also gets a reminder when it has run out (threshold 0): the token still works,
 *   but most data can no longer be read until the user signs in again.
 * - Dead tokens get no clock reminders, only one death reminder per death and reason.
 */
import type { DeathReason, Problem } from '../../../preload/api'
import { DAY } from './durations'
import type { NormalizedSettings } from './settings'
import type { DueEvent, ReminderClock, WatchedToken } from './types'
import { daysLeft } from '../families/days'

export interface ClockReminder {
  kind: 'clock'
  key: string
  tokenId: string
  clock: ReminderClock
  thresholdDays: number
  daysLeft: number
  dueAt: number
  endsAt: number
}

export interface DeathReminder {
  kind: 'death'
  key: string
  tokenId: string
  reason: DeathReason
  problem: Problem
}

export type Reminder = ClockReminder | DeathReminder

/** `ReadonlySet<string>` fits, and so does a persisted log. */
export interface ShownReminders {
  has(key: string): boolean
}

export function reminderKey(tokenId: string, clock: ReminderClock, days: number, endsAt: number): string {
  return `${tokenId}:${clock}:${days}:${endsAt}`
}

export function deathKey(tokenId: string, reason: DeathReason, diedAt: number | null): string {
  return diedAt === null ? `${tokenId}:died:${reason}` : `${tokenId}:died:${reason}:${diedAt}`
}

interface ClockSpec {
  clock: ReminderClock
  endsAt: number
  /** Most urgent first. */
  thresholds: number[]
}

/** Tokens whose clocks are watched: not dead, and readable (a needs-relogin token can't be checked). */
export function isLive(token: WatchedToken): boolean {
  return token.status !== 'dead' && token.status !== 'needs-relogin'
}

export function clocksOf(token: WatchedToken, settings: NormalizedSettings): ClockSpec[] {
  const clocks: ClockSpec[] = []
  if (!token.neverExpires && token.expiresAt !== null && settings.reminderDays.length > 0) {
    clocks.push({ clock: 'expires', endsAt: token.expiresAt, thresholds: settings.reminderDays })
  }
  if (token.dataAccessExpiresAt !== null) {
    clocks.push({ clock: 'data-access', endsAt: token.dataAccessExpiresAt, thresholds: [0, ...settings.dataAccessReminderDays] })
  }
  return clocks
}

export function dueAtOf(endsAt: number, days: number): number {
  return endsAt - days * DAY
}

export { daysLeft }

function mostUrgentReached(spec: ClockSpec, now: number): number | undefined {
  return spec.thresholds.find((days) => dueAtOf(spec.endsAt, days) <= now)
}

function dueClockReminders(token: WatchedToken, now: number, settings: NormalizedSettings, shown: ShownReminders): ClockReminder[] {
  if (!isLive(token) || token.lastCheckedAt === null) return []
  const due: ClockReminder[] = []
  for (const spec of clocksOf(token, settings)) {
    const days = mostUrgentReached(spec, now)
    if (days === undefined) continue
    const dueAt = dueAtOf(spec.endsAt, days)
    if (token.lastCheckedAt < dueAt) continue
    const key = reminderKey(token.id, spec.clock, days, spec.endsAt)
    if (shown.has(key)) continue
    due.push({
      kind: 'clock',
      key,
      tokenId: token.id,
      clock: spec.clock,
      thresholdDays: days,
      daysLeft: daysLeft(now, spec.endsAt),
      dueAt,
      endsAt: spec.endsAt,
    })
  }
  return due
}

function dueDeathReminder(token: WatchedToken, shown: ShownReminders): DeathReminder | null {
  if (token.status !== 'dead' || token.problem === null) return null
  const key = deathKey(token.id, token.problem.reason, token.diedAt)
  if (shown.has(key)) return null
  return { kind: 'death', key, tokenId: token.id, reason: token.problem.reason, problem: token.problem }
}

/** Deaths first, then clock reminders with the fewest days left first. */
export function dueReminders(
  now: number,
  tokens: readonly WatchedToken[],
  settings: NormalizedSettings,
  shown: ShownReminders,
): Reminder[] {
  const deaths: DeathReminder[] = []
  const clocks: ClockReminder[] = []
  for (const token of tokens) {
    const death = dueDeathReminder(token, shown)
    if (death) deaths.push(death)
    clocks.push(...dueClockReminders(token, now, settings, shown))
  }
  clocks.sort((a, b) => a.daysLeft - b.daysLeft || a.endsAt - b.endsAt)
  return [...deaths, ...clocks]
}

/**
 * The earliest reminder moment after `after` on any of the token's clocks: Graph must confirm
 * the token then, before that reminder may show.
 */
export function nextReminderMoment(token: WatchedToken, settings: NormalizedSettings, after: number): number | null {
  let next: number | null = null
  for (const spec of clocksOf(token, settings)) {
    for (const days of spec.thresholds) {
      const at = dueAtOf(spec.endsAt, days)
      if (at > after && (next === null || at < next)) next = at
    }
  }
  return next
}

/** What listeners hear about a reminder. */
export function reminderEvent(reminder: Reminder): DueEvent {
  if (reminder.kind === 'death') {
    return { type: 'token-died', tokenId: reminder.tokenId, key: reminder.key, reason: reminder.reason, problem: reminder.problem }
  }
  return {
    type: 'reminder-due',
    tokenId: reminder.tokenId,
    key: reminder.key,
    clock: reminder.clock,
    daysLeft: reminder.daysLeft,
    thresholdDays: reminder.thresholdDays,
    at: reminder.endsAt,
  }
}
