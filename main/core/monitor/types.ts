/**
 * What the monitor needs from the rest of the app, and what it tells it. The monitor knows no
 * Graph request and no file: the vault sits behind `WatchStore`, the Graph client behind
 * `TokenChecker`, and the persisted "already shown" list behind `ReminderLog`.
 */
import type { DeathReason, Problem, TokenKind, TokenStatus } from '../../../preload/api'

/** A stored token as the monitor sees it: times and status, never the token itself. */
export interface WatchedToken {
  id: string
  name: string
  kind: TokenKind
  /** Milliseconds since the epoch, as Graph last reported it; null when it never expires. */
  expiresAt: number | null
  neverExpires: boolean
  /** The 90-day data-access clock (graph-api.md §10.3); null when Graph reports none. */
  dataAccessExpiresAt: number | null
  status: TokenStatus
  /** Why it stopped working, while `status` is 'dead'. */
  problem: Problem | null
  /**
   * When the monitor first saw it dead for the current reason. It keys the death reminder, so
   * a token that is fixed and later dies again for the same reason is announced again.
   */
  diedAt: number | null
  /** The last time Graph answered about this token (valid or not), on the local clock. */
  lastCheckedAt: number | null
}

/** What the monitor writes back after Graph answered about a token. */
export type WatchPatch = Partial<
  Pick<WatchedToken, 'status' | 'expiresAt' | 'neverExpires' | 'dataAccessExpiresAt' | 'problem' | 'diedAt' | 'lastCheckedAt'>
> & {
  /** Granted permissions as Graph reported them on a valid check. */
  scopes?: string[]
}

/**
 * The vault, as the monitor needs it. `list()` is read at every planning step, so it must be
 * cheap (an in-memory view). `update()` of an id that no longer exists is ignored; it may
 * throw when the write fails (disk full), and the monitor then logs and carries on.
 */
export interface WatchStore {
  list(): readonly WatchedToken[]
  update(id: string, patch: WatchPatch): void
}

/** Keys of reminders already shown, persisted by the caller so a restart repeats none. */
export interface ReminderLog {
  has(key: string): boolean
  add(key: string): void
}

/** The settings the monitor reads; `Settings` from preload/api.ts fits. */
export interface MonitorSettings {
  reminderDays: readonly number[]
  dataAccessReminderDays: readonly number[]
  checkIntervalHours: number
}

/** The highest usage percentage seen in X-App-Usage / X-Business-Use-Case-Usage / X-Ad-Account-Usage. */
export interface Usage {
  highestPercent: number
}

export type TokenVerdict =
  | {
      valid: true
      /** Milliseconds; null when Graph says it never expires (`expires_at: 0`, or absent for APP tokens). */
      expiresAt: number | null
      /** Milliseconds; null when Graph reports none (`0` for system users, absent for APP tokens). */
      dataAccessExpiresAt: number | null
      scopes: string[]
    }
  | { valid: false; problem: Problem }

export type CheckFailure = 'offline' | 'throttled' | 'failed'
export type CheckOutcome = 'ok' | CheckFailure

export type CheckResult =
  | {
      outcome: 'ok'
      /** One verdict per id Graph answered about. Ids left out keep their state. */
      results: ReadonlyMap<string, TokenVerdict>
      usage?: Usage
    }
  | {
      outcome: CheckFailure
      /** From Retry-After or `estimated_time_to_regain_access`, when Graph gave one. */
      retryAfterMs?: number
      /** Plain words for the user; never a token (it is logged). */
      message: string
      usage?: Usage
    }

/**
 * Asks Graph about stored tokens (the adapter batches `debug_token`, at most 50 per request).
 *
 * Contract for the adapter:
 * - It never throws for network or Graph errors; it answers with an outcome. (A throw is
 *   treated as outcome 'failed'.)
 * - `valid: false` only when Graph itself says the token is invalid (`is_valid: false`, or
 *   code 190 and its subcodes), with the Problem classified as in graph-api.md §7.5.
 * - No network, DNS or connection errors -> 'offline'; 5xx, codes 1 and 2, timeouts ->
 *   'failed'; codes 4, 17, 32, 341, 613 and the 80000 series -> 'throttled'. None of these
 *   ever marks a token dead.
 * - When one batch of several fails after others succeeded, answer 'ok' with the verdicts it
 *   has; the ids left out are simply not confirmed by this check.
 */
export interface TokenChecker {
  check(ids: readonly string[]): Promise<CheckResult>
}

export type ReminderClock = 'expires' | 'data-access'

export interface ReminderDueEvent {
  type: 'reminder-due'
  tokenId: string
  /** Stable and unique: use it as the notification key. */
  key: string
  clock: ReminderClock
  /** Whole days left on the local clock, rounded up; 0 once the clock has run out. */
  daysLeft: number
  /** The configured threshold this reminder stands for (0: data access has ended). */
  thresholdDays: number
  /** The moment the clock runs out (ms). */
  at: number
}

export interface TokenDiedEvent {
  type: 'token-died'
  tokenId: string
  key: string
  reason: DeathReason
  problem: Problem
}

/** A reminder the monitor shows: a clock running out, or a death. */
export type DueEvent = ReminderDueEvent | TokenDiedEvent

export type MonitorEvent =
  | { type: 'state-changed'; tokenId: string; from: TokenStatus; to: TokenStatus; problem: Problem | null }
  | DueEvent
  /**
   * After each reminder of one batch was announced on its own: the whole batch, so a listener
   * can say once what happened to many tokens at the same moment (one alarm per cause).
   */
  | { type: 'reminders-shown'; reminders: DueEvent[] }
  | CheckFinished

export type NextCheckReason = 'never-checked' | 'interval' | 'reminder' | 'expiry' | 'retry'

export interface CheckFinished {
  type: 'check-finished'
  at: number
  /** How many tokens were asked about. */
  checked: number
  outcome: CheckOutcome
  /** The failure's plain words, when the outcome is not 'ok'. */
  message?: string
  usage?: Usage
  /** Failed checks in a row, 0 after a success: notify about an outage once, not per poll. */
  consecutiveFailures: number
  /** The next automatic check, or null when none is armed (not started, stopped, nothing to watch). */
  nextCheckAt: number | null
  nextCheckReason: NextCheckReason | null
  /** True when the regular interval was stretched because usage is near the limit. */
  usageBackoff: boolean
}
