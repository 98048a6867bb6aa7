/** Test doubles for the monitor: a clock and timers that only move when told, a scripted Graph. */
import type { Problem } from '../../../preload/api'
import type { Clock, Timers } from '../../../main/core/ports'
import type {
  CheckResult,
  MonitorEvent,
  ReminderLog,
  TokenChecker,
  TokenVerdict,
  WatchedToken,
  WatchPatch,
  WatchStore,
} from '../../../main/core/monitor'
import { DAY } from '../../../main/core/monitor/durations'

export { DAY }
export const HOUR = DAY / 24
export const MINUTE = HOUR / 60
/** A fixed start: 2026-03-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 2, 1)

/** Lets pending promise callbacks run. A macrotask turn, not a sleep. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

export interface FakeTime {
  clock: Clock
  timers: Timers
  now(): number
  /** Moves the clock without firing timers: a clock the user changed, or sleep. */
  jump(ms: number): void
  /** Moves the clock forward, firing each timer at its moment, in order. */
  advance(ms: number): Promise<void>
  pending(): number
  /** The largest number of timers ever pending at once. */
  maxPending(): number
  nextDue(): number | null
}

export function fakeTime(start = T0): FakeTime {
  let now = start
  let seq = 0
  let max = 0
  const pending = new Map<number, { at: number; fn: () => void }>()
  const nextDue = (): number | null => {
    let best: number | null = null
    for (const t of pending.values()) if (best === null || t.at < best) best = t.at
    return best
  }
  return {
    clock: { now: () => now },
    timers: {
      setTimeout(fn, ms) {
        seq += 1
        pending.set(seq, { at: now + Math.max(0, ms), fn })
        max = Math.max(max, pending.size)
        return seq
      },
      clearTimeout(handle) {
        pending.delete(handle as number)
      },
    },
    now: () => now,
    jump(ms) {
      now += ms
    },
    async advance(ms) {
      const end = now + ms
      for (;;) {
        await flush()
        let id: number | null = null
        let at = Infinity
        for (const [k, t] of pending) if (t.at < at) [id, at] = [k, t.at]
        if (id === null || at > end) break
        const timer = pending.get(id)!
        pending.delete(id)
        now = Math.max(now, at)
        timer.fn()
      }
      now = end
      await flush()
    },
    pending: () => pending.size,
    maxPending: () => max,
    nextDue,
  }
}

export function token(id: string, over: Partial<WatchedToken> = {}): WatchedToken {
  return {
    id,
    name: `Token ${id}`,
    kind: 'USER',
    expiresAt: null,
    neverExpires: false,
    dataAccessExpiresAt: null,
    status: 'unknown',
    problem: null,
    diedAt: null,
    lastCheckedAt: null,
    ...over,
  }
}

export function memoryStore(tokens: WatchedToken[]): WatchStore & { tokens: WatchedToken[]; patches: [string, WatchPatch][] } {
  const store = {
    tokens,
    patches: [] as [string, WatchPatch][],
    list: () => store.tokens,
    update(id: string, patch: WatchPatch) {
      store.patches.push([id, patch])
      store.tokens = store.tokens.map((t) => {
        if (t.id !== id) return t
        const { scopes: _scopes, ...rest } = patch
        return { ...t, ...rest }
      })
    },
  }
  return store
}

export function reminderLog(keys = new Set<string>()): ReminderLog & { keys: Set<string> } {
  return { keys, has: (k) => keys.has(k), add: (k) => void keys.add(k) }
}

/** How the fake Graph sees a token, in Graph's own (true) time. */
export type GraphToken = { expiresAt: number | null; dataAccessExpiresAt: number | null; problem?: Problem }

export const problems = {
  expired: { reason: 'expired', code: 190, subcode: 463, message: 'The token has expired.', fix: 'reauthorize' },
  password: {
    reason: 'password-changed',
    code: 190,
    subcode: 460,
    message: 'The password was changed, which ended every session.',
    fix: 'reauthorize',
  },
  appRemoved: { reason: 'app-removed', code: 190, subcode: 458, message: 'The app was removed from the account.', fix: 'reauthorize' },
  checkpoint: { reason: 'checkpoint', code: 190, subcode: 459, message: 'Facebook wants you to log in on facebook.com.', fix: 'visit-facebook' },
} satisfies Record<string, Problem>

/**
 * A Graph that knows each token's truth, on its own clock: `graphNow()` is the real time,
 * which a skewed local clock may differ from. A token past its expiry is answered as expired.
 */
export function fakeGraph(graphNow: () => number, truth: Record<string, GraphToken>) {
  const calls: { at: number; ids: string[] }[] = []
  let next: (() => CheckResult) | null = null
  const failures: CheckResult[] = []
  let usage: number | undefined
  let gate: Promise<void> | null = null
  const verdict = (t: GraphToken): TokenVerdict => {
    if (t.problem) return { valid: false, problem: t.problem }
    if (t.expiresAt !== null && t.expiresAt <= graphNow()) return { valid: false, problem: problems.expired }
    return { valid: true, expiresAt: t.expiresAt, dataAccessExpiresAt: t.dataAccessExpiresAt, scopes: ['ads_read'] }
  }
  const checker: TokenChecker = {
    async check(ids) {
      calls.push({ at: graphNow(), ids: [...ids] })
      if (gate) await gate
      const failure = failures.shift()
      if (failure) return failure
      if (next) return next()
      const results = new Map<string, TokenVerdict>()
      for (const id of ids) {
        const t = truth[id]
        if (t) results.set(id, verdict(t))
      }
      return { outcome: 'ok', results, ...(usage !== undefined && { usage: { highestPercent: usage } }) }
    },
  }
  return {
    checker,
    calls,
    truth,
    /** Every later check answers this way until cleared with null. */
    answer(fn: (() => CheckResult) | null) {
      next = fn
    },
    /** The next `times` checks answer with `result`, then Graph answers again. */
    failTimes(times: number, result: CheckResult) {
      for (let i = 0; i < times; i++) failures.push(result)
    },
    setUsage(percent: number | undefined) {
      usage = percent
    },
    /** Holds every check until the returned function is called. */
    hold(): () => void {
      let release: () => void = () => {}
      gate = new Promise<void>((r) => (release = r))
      return () => {
        gate = null
        release()
      }
    },
  }
}

export function recorder() {
  const events: MonitorEvent[] = []
  const listener = (e: MonitorEvent): void => void events.push(e)
  const of = <T extends MonitorEvent['type']>(type: T) =>
    events.filter((e): e is Extract<MonitorEvent, { type: T }> => e.type === type)
  return { events, listener, of }
}
