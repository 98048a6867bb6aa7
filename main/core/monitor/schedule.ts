/**
 * The pure schedule: given the tokens, the settings and what happened so far, when should
 * Graph be asked next, and which reminders are due now.
 *
 * A check is planned at the earliest of:
 * - now, when nothing was ever checked;
 * - the last successful full check plus the interval (stretched when usage is near the limit);
 * - each reminder moment, so Graph confirms the token before the reminder shows;
 * - just after each local expiry moment, so a death is confirmed by Graph, not by our clock.
 * After a failed check only the retry counts (1, 2, 4 … 60 minutes): asking earlier for a
 * reminder would only fail again.
 */
import { isUsageHigh, retryDelayMs, USAGE_BACKOFF_FACTOR, type FailureState } from './backoff'
import { MINUTE } from './durations'
import { dueReminders, isLive, nextReminderMoment, type Reminder, type ShownReminders } from './reminders'
import { normalizeSettings } from './settings'
import type { MonitorSettings, NextCheckReason, Usage, WatchedToken } from './types'

/** How long after a local expiry moment to ask Graph whether the token really died. */
export const EXPIRY_GRACE_MS = MINUTE

export interface PlanInput {
  now: number
  tokens: readonly WatchedToken[]
  settings: MonitorSettings
  shownReminders: ShownReminders
  usage?: Usage | null
  /** When the last check of every token succeeded. */
  lastCheckAt?: number | null
  /** Set while the latest check failed; cleared by a success. */
  lastFailure?: FailureState | null
}

export interface Plan {
  /** Null when there is nothing Graph could be asked about. */
  nextCheckAt: number | null
  nextCheckReason: NextCheckReason | null
  /** The regular interval was stretched because usage is near the limit. */
  usageBackoff: boolean
  dueReminders: Reminder[]
}

interface Candidate {
  at: number
  reason: NextCheckReason
}

function earliest(candidates: Candidate[]): Candidate | null {
  let best: Candidate | null = null
  for (const c of candidates) if (best === null || c.at < best.at) best = c
  return best
}

/** Moments a live token needs Graph's word, after the last time Graph was asked about it. */
function tokenMoments(token: WatchedToken, input: PlanInput, settings: ReturnType<typeof normalizeSettings>): Candidate[] {
  if (!isLive(token) || token.lastCheckedAt === null) return []
  // A moment already covered by a full check (even one where Graph skipped this token) is not
  // asked again: the regular interval takes over, so a missing answer can't cause a loop.
  const after = Math.max(token.lastCheckedAt, input.lastCheckAt ?? -Infinity)
  const out: Candidate[] = []
  const reminderAt = nextReminderMoment(token, settings, after)
  if (reminderAt !== null) out.push({ at: reminderAt, reason: 'reminder' })
  if (!token.neverExpires && token.expiresAt !== null) {
    const expiryCheck = token.expiresAt + EXPIRY_GRACE_MS
    if (expiryCheck > after) out.push({ at: expiryCheck, reason: 'expiry' })
  }
  return out
}

export function planChecks(input: PlanInput): Plan {
  const { now } = input
  const settings = normalizeSettings(input.settings)
  const reminders = dueReminders(now, input.tokens, settings, input.shownReminders)
  const usageBackoff = isUsageHigh(input.usage)
  const none = { nextCheckAt: null, nextCheckReason: null, usageBackoff, dueReminders: reminders }

  // Dead tokens are still asked about (a cleared checkpoint or a restored Page role brings
  // them back); only a token whose secret can't be read is not.
  if (!input.tokens.some((t) => t.status !== 'needs-relogin')) return none

  let next: Candidate | null
  if (input.lastFailure) {
    const delay = retryDelayMs(input.lastFailure, settings.intervalMs)
    // min() keeps a clock that jumped backwards from pushing the retry far away.
    next = { at: Math.min(input.lastFailure.at + delay, now + delay), reason: 'retry' }
  } else if (input.lastCheckAt == null) {
    next = { at: now, reason: 'never-checked' }
  } else {
    const interval = settings.intervalMs * (usageBackoff ? USAGE_BACKOFF_FACTOR : 1)
    const candidates: Candidate[] = input.tokens.flatMap((token) => tokenMoments(token, input, settings))
    // Last, so a tie is reported as the more telling reminder or expiry.
    candidates.push({ at: Math.min(input.lastCheckAt + interval, now + interval), reason: 'interval' })
    next = earliest(candidates.map((c) => ({ ...c, at: Math.max(now, c.at) })))
  }
  if (next === null) return none
  return { nextCheckAt: Math.max(now, next.at), nextCheckReason: next.reason, usageBackoff, dueReminders: reminders }
}
