/**
 * The runner: asks Graph about the stored tokens when the schedule says so, writes the
 * verdicts back, shows each due reminder once, and tells listeners.
 *
 * - One timer, armed for the next due moment and re-armed after every check, on start and on
 *   `reschedule()`. No interval timer ever runs.
 * - One check at a time. Triggers that arrive while one runs join it when it covers them, and
 *   otherwise merge into a single follow-up check.
 * - Failures (offline, 5xx, throttled, a throw) never touch a token's status; they only bring
 *   the next attempt closer, with a capped backoff.
 * - Without `start()`, `checkNow()` still checks and records (the CLI's `check`), but shows no
 *   reminder and arms no timer.
 */
import type { Clock, Logger, Timers } from '../ports'
import { isUsageHigh, type FailureState } from './backoff'
import { DAY } from './durations'
import { reminderEvent, type Reminder, type ShownReminders } from './reminders'
import { planChecks, type Plan } from './schedule'
import { normalizeSettings } from './settings'
import type {
  CheckFinished,
  CheckResult,
  MonitorEvent,
  MonitorSettings,
  NextCheckReason,
  ReminderLog,
  TokenChecker,
  TokenVerdict,
  Usage,
  WatchStore,
} from './types'
import { checkable, covers, merge, type Scope } from './scope'
import { changedState, patchFor } from './verdicts'

export interface MonitorDeps {
  clock: Clock
  timers: Timers
  checker: TokenChecker
  store: WatchStore
  reminders: ReminderLog
  settings: () => MonitorSettings
  log: Logger
}

export interface MonitorSnapshot {
  running: boolean
  checking: boolean
  online: boolean
  offlineSince: number | null
  lastCheckAt: number | null
  lastFailure: FailureState | null
  usage: Usage | null
  nextCheckAt: number | null
  nextCheckReason: NextCheckReason | null
}

export type MonitorListener = (event: MonitorEvent) => void

export interface Monitor {
  /** Shows reminders already due, then checks every token. Resolves when that check is done. */
  start(): Promise<CheckFinished>
  /** Clears the timer and drops pending checks; a check in flight finishes without effect. */
  stop(): void
  /** Checks the given tokens (all when omitted) now, even when the OS reports no network. */
  checkNow(ids?: readonly string[]): Promise<CheckFinished>
  /** The machine woke from sleep. */
  wake(): void
  /** Only a return of the network (after false) triggers a check. */
  setOnline(online: boolean): void
  /** Call after the settings or the set of stored tokens changed. */
  reschedule(): void
  subscribe(listener: MonitorListener): () => void
  snapshot(): MonitorSnapshot
}

/**
 * Longest single wait. setTimeout overflows past about 24.8 days, and waking at least daily
 * re-reads a wall clock that sleep or the user may have moved.
 */
export const MAX_TIMER_MS = DAY

interface Job {
  scope: Scope
  /** Asked for by the user: tried even when the OS says there is no network. */
  explicit: boolean
}

interface RunningJob extends Job {
  promise: Promise<CheckFinished>
}

interface QueuedJob extends Job {
  promise: Promise<CheckFinished>
  resolve: (finished: CheckFinished) => void
}

export function createMonitor(deps: MonitorDeps): Monitor {
  const { clock, timers, checker, store, reminders, log } = deps
  const listeners = new Set<MonitorListener>()
  // Also kept here, so a reminder log that fails to write can't make a reminder repeat.
  const shownThisRun = new Set<string>()
  const shown: ShownReminders = { has: (key) => shownThisRun.has(key) || reminders.has(key) }

  let running = false
  let generation = 0
  let online = true
  let offlineSince: number | null = null
  let lastCheckAt: number | null = null
  let lastFailure: FailureState | null = null
  let usage: Usage | null = null
  let timer: { handle: unknown } | null = null
  let nextCheckAt: number | null = null
  let nextCheckReason: NextCheckReason | null = null
  let current: RunningJob | null = null
  let queued: QueuedJob | null = null

  function emit(event: MonitorEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event)
      } catch (error) {
        log.error('A monitor listener failed.', { event: event.type, error })
      }
    }
  }

  function plan(): Plan {
    return planChecks({
      now: clock.now(),
      tokens: store.list(),
      settings: deps.settings(),
      shownReminders: shown,
      usage,
      lastCheckAt,
      lastFailure,
    })
  }

  function disarm(): void {
    if (timer) timers.clearTimeout(timer.handle)
    timer = null
    nextCheckAt = null
    nextCheckReason = null
  }

  function arm(p: Plan): void {
    disarm()
    if (!running || p.nextCheckAt === null) return
    nextCheckAt = p.nextCheckAt
    nextCheckReason = p.nextCheckReason
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, p.nextCheckAt - clock.now()))
    const armed: { handle: unknown } = { handle: null }
    armed.handle = timers.setTimeout(() => {
      if (timer !== armed) return
      timer = null
      onTimer()
    }, delay)
    timer = armed
    if (p.usageBackoff && p.nextCheckReason === 'interval') {
      log.info('API usage is near the limit: checking less often.', { highestPercent: usage?.highestPercent, nextCheckAt })
    }
  }

  function onTimer(): void {
    const p = plan()
    if (p.nextCheckAt !== null && p.nextCheckAt <= clock.now()) void request('all', false)
    else settle(p)
  }

  function remember(reminder: Reminder): void {
    shownThisRun.add(reminder.key)
    try {
      reminders.add(reminder.key)
    } catch (error) {
      log.error('Could not save that a reminder was shown.', { key: reminder.key, error })
    }
  }

  /** Shows the due reminders and arms the timer. A running check does this when it ends. */
  function settle(p: Plan = plan()): void {
    if (!running || current) return
    // All remembered before anyone hears of one, so a listener that reschedules can't repeat any.
    p.dueReminders.forEach(remember)
    const shownNow = p.dueReminders.map(reminderEvent)
    for (const event of shownNow) emit(event)
    if (shownNow.length > 0) emit({ type: 'reminders-shown', reminders: shownNow })
    arm(p)
  }

  function request(scope: Scope, explicit: boolean): Promise<CheckFinished> {
    if (current) {
      if (covers(current.scope, scope)) return current.promise
      if (queued) {
        queued.scope = merge(queued.scope, scope)
        queued.explicit ||= explicit
        return queued.promise
      }
      let resolve: (finished: CheckFinished) => void = () => {}
      const promise = new Promise<CheckFinished>((r) => (resolve = r))
      queued = { scope, explicit, promise, resolve }
      return promise
    }
    const job: Job = { scope, explicit }
    current = { ...job, promise: run(job) }
    return current.promise
  }

  async function ask(ids: string[], explicit: boolean): Promise<CheckResult> {
    if (!online && !explicit) return { outcome: 'offline', message: 'This computer is offline.' }
    try {
      return await checker.check(ids)
    } catch (error) {
      log.warn('The token check failed unexpectedly.', { error })
      return { outcome: 'failed', message: 'The check failed unexpectedly. Token Desk will try again soon.' }
    }
  }

  function applyVerdicts(asked: ReadonlySet<string>, results: ReadonlyMap<string, TokenVerdict>, at: number): void {
    const settings = normalizeSettings(deps.settings())
    // Read again: the vault may have changed while Graph was answering.
    const byId = new Map(store.list().map((t) => [t.id, t]))
    for (const [id, verdict] of results) {
      const token = byId.get(id)
      if (!token || !asked.has(id)) continue
      const patch = patchFor(token, verdict, at, settings)
      try {
        store.update(id, patch)
      } catch (error) {
        log.error('Could not save a check result; the token keeps its previous state.', { tokenId: id, error })
        continue
      }
      if (changedState(token, patch)) {
        emit({ type: 'state-changed', tokenId: id, from: token.status, to: patch.status ?? token.status, problem: patch.problem ?? null })
      }
    }
  }

  function record(result: CheckResult, job: Job, asked: ReadonlySet<string>, at: number): void {
    if (result.outcome === 'ok') {
      applyVerdicts(asked, result.results, at)
      if (job.scope === 'all') lastCheckAt = at
      lastFailure = null
      usage = result.usage ?? null
      return
    }
    lastFailure = {
      at,
      consecutive: (lastFailure?.consecutive ?? 0) + 1,
      ...(result.retryAfterMs !== undefined && { retryAfterMs: result.retryAfterMs }),
    }
    if (result.usage) usage = result.usage
    log.warn('Token check did not get an answer from Graph; statuses are unchanged.', {
      outcome: result.outcome,
      message: result.message,
      consecutiveFailures: lastFailure.consecutive,
    })
  }

  function startQueued(): boolean {
    const next = queued
    if (!next) return false
    queued = null
    void request(next.scope, next.explicit).then(next.resolve)
    return true
  }

  async function run(job: Job): Promise<CheckFinished> {
    const gen = generation
    disarm()
    const ids = store
      .list()
      .filter((t) => checkable(t, job.scope))
      .map((t) => t.id)
    // Always awaited, so `current` is set before this check can end.
    const result: CheckResult = await (ids.length > 0 ? ask(ids, job.explicit) : Promise.resolve({ outcome: 'ok', results: new Map() } as const))
    const at = clock.now()
    const finished: CheckFinished = {
      type: 'check-finished',
      at,
      checked: ids.length,
      outcome: result.outcome,
      ...(result.outcome !== 'ok' && { message: result.message }),
      consecutiveFailures: lastFailure?.consecutive ?? 0,
      nextCheckAt: null,
      nextCheckReason: null,
      usageBackoff: false,
    }
    if (gen !== generation) return finished

    if (ids.length > 0 || job.scope === 'all') record(result, job, new Set(ids), at)
    current = null
    if (!startQueued()) settle()
    const done: CheckFinished = {
      ...finished,
      ...(usage && { usage }),
      consecutiveFailures: lastFailure?.consecutive ?? 0,
      nextCheckAt,
      nextCheckReason,
      usageBackoff: isUsageHigh(usage),
    }
    log.info('Token check finished.', {
      outcome: done.outcome,
      checked: done.checked,
      nextCheckAt: done.nextCheckAt,
      nextCheckReason: done.nextCheckReason,
    })
    emit(done)
    return done
  }

  return {
    start() {
      if (!running) {
        running = true
        log.info('Token monitor started.')
        settle()
      }
      return request('all', false)
    },
    stop() {
      running = false
      generation += 1
      disarm()
      current = null
      const dropped = queued
      queued = null
      dropped?.resolve({
        type: 'check-finished',
        at: clock.now(),
        checked: 0,
        outcome: 'failed',
        message: 'The monitor stopped before this check ran.',
        consecutiveFailures: lastFailure?.consecutive ?? 0,
        nextCheckAt: null,
        nextCheckReason: null,
        usageBackoff: false,
      })
      log.info('Token monitor stopped.')
    },
    checkNow(ids) {
      return request(ids === undefined ? 'all' : new Set(ids), true)
    },
    wake() {
      if (!running) return
      log.info('The computer woke up: checking tokens.')
      void request('all', false)
    },
    setOnline(value) {
      if (value === online) return
      online = value
      if (!value) {
        offlineSince = clock.now()
        log.info('The computer is offline: checks wait, token statuses are kept.')
        return
      }
      offlineSince = null
      if (!running) return
      log.info('The network is back: checking tokens.')
      void request('all', false)
    },
    reschedule() {
      settle()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    snapshot() {
      return {
        running,
        checking: current !== null,
        online,
        offlineSince,
        lastCheckAt,
        lastFailure,
        usage,
        nextCheckAt,
        nextCheckReason,
      }
    },
  }
}
