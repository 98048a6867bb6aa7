import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TokenStatus } from '../../../preload/api'
import { EXPIRY_GRACE_MS, planChecks, type MonitorSettings, type Reminder, type WatchedToken } from '../../../main/core/monitor'
import { DAY, HOUR, T0, problems, token } from './fakes'

const settingsArb: fc.Arbitrary<MonitorSettings> = fc.record({
  reminderDays: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }),
  dataAccessReminderDays: fc.uniqueArray(fc.integer({ min: 1, max: 89 }), { minLength: 1, maxLength: 8 }),
  checkIntervalHours: fc.integer({ min: 1, max: 168 }),
})

const offset = (days: number) => fc.integer({ min: -days * DAY, max: days * DAY })
const statusArb = fc.constantFrom<TokenStatus>('valid', 'expiring', 'dead', 'unknown', 'needs-relogin')

/** Tokens in any state, with ids t0, t1, … */
const anyTokensArb = (now: number): fc.Arbitrary<WatchedToken[]> =>
  fc
    .array(
      fc.record({
        status: statusArb,
        expiresAt: fc.option(offset(120), { nil: null }),
        dataAccessExpiresAt: fc.option(offset(120), { nil: null }),
        lastCheckedAt: fc.option(offset(30), { nil: null }),
      }),
      { maxLength: 6 },
    )
    .map((records) =>
      records.map((r, i) =>
        token(`t${i}`, {
          status: r.status,
          expiresAt: r.expiresAt === null ? null : now + r.expiresAt,
          neverExpires: r.expiresAt === null,
          dataAccessExpiresAt: r.dataAccessExpiresAt === null ? null : now + r.dataAccessExpiresAt,
          lastCheckedAt: r.lastCheckedAt === null ? null : now + r.lastCheckedAt,
          ...(r.status === 'dead' && { problem: problems.expired, diedAt: now }),
        }),
      ),
    )

describe('planChecks properties', () => {
  it('plans the next check between now and one interval from now (four under usage backoff)', () => {
    fc.assert(
      fc.property(
        settingsArb,
        anyTokensArb(T0),
        fc.option(offset(30), { nil: null }),
        fc.option(fc.record({ at: offset(2), consecutive: fc.integer({ min: 1, max: 40 }), retryAfterMs: fc.option(fc.nat(), { nil: undefined }) }), {
          nil: null,
        }),
        fc.option(fc.double({ min: 0, max: 150, noNaN: true }), { nil: null }),
        (settings, tokens, lastCheck, failure, percent) => {
          const p = planChecks({
            now: T0,
            tokens,
            settings,
            shownReminders: new Set(),
            lastCheckAt: lastCheck === null ? null : T0 + lastCheck,
            lastFailure: failure && { ...failure, at: T0 + failure.at },
            usage: percent === null ? null : { highestPercent: percent },
          })
          const watchable = tokens.some((t) => t.status !== 'needs-relogin')
          if (!watchable) {
            expect(p.nextCheckAt).toBeNull()
            return
          }
          const interval = settings.checkIntervalHours * HOUR * (p.usageBackoff ? 4 : 1)
          expect(p.usageBackoff).toBe(percent !== null && percent >= 80)
          expect(p.nextCheckAt).not.toBeNull()
          expect(p.nextCheckAt!).toBeGreaterThanOrEqual(T0)
          expect(p.nextCheckAt!).toBeLessThanOrEqual(T0 + interval)
        },
      ),
      { numRuns: 500 },
    )
  })

  /**
   * Follow the schedule from T0 for 120 days, every check answered by a Graph that kills a
   * token at its expiry. Each reminder key is due at most once, at most one per token and clock
   * at a time, time always moves forward, and every threshold reached while the token lives
   * is shown exactly once, at its own moment.
   */
  it('shows each reminder exactly once when the schedule is followed, and never loops', () => {
    const tokenArb = fc.record({
      expires: fc.option(fc.integer({ min: 0, max: 100 * DAY }), { nil: null }),
      dataAccess: fc.option(fc.integer({ min: -2 * DAY, max: 110 * DAY }), { nil: null }),
    })
    fc.assert(
      fc.property(settingsArb, fc.array(tokenArb, { minLength: 1, maxLength: 4 }), (settings, specs) => {
        let tokens = specs.map((s, i) =>
          token(`t${i}`, {
            expiresAt: s.expires === null ? null : T0 + s.expires,
            neverExpires: s.expires === null,
            dataAccessExpiresAt: s.dataAccess === null ? null : T0 + s.dataAccess,
          }),
        )
        const shown = new Set<string>()
        const fired: { at: number; reminder: Reminder }[] = []
        const horizon = T0 + 120 * DAY
        let now = T0
        let lastCheckAt: number | null = null
        for (let step = 0; now <= horizon; step++) {
          // Plain checks in the loop: expect() per step would dominate the run time.
          if (step > 5000) throw new Error('the schedule does not move forward')
          const next = planChecks({ now, tokens, settings, shownReminders: shown, lastCheckAt }).nextCheckAt
          if (next === null || (lastCheckAt !== null && next <= lastCheckAt)) throw new Error(`stuck at ${next}`)
          now = next
          const at = now
          // Graph answers: dead once past expiry, otherwise valid.
          tokens = tokens.map((t) =>
            t.status === 'dead'
              ? { ...t, lastCheckedAt: at }
              : t.expiresAt !== null && t.expiresAt <= at
                ? { ...t, status: 'dead', problem: problems.expired, diedAt: at, lastCheckedAt: at }
                : { ...t, status: 'valid', lastCheckedAt: at },
          )
          lastCheckAt = now
          const due = planChecks({ now, tokens, settings, shownReminders: shown, lastCheckAt }).dueReminders
          const perClock = due.filter((r) => r.kind === 'clock').map((r) => `${r.tokenId}/${r.clock}`)
          if (new Set(perClock).size !== perClock.length) throw new Error(`two reminders at once: ${perClock.join()}`)
          for (const reminder of due) {
            if (shown.has(reminder.key)) throw new Error(`due twice: ${reminder.key}`)
            shown.add(reminder.key)
            fired.push({ at: now, reminder })
          }
        }

        for (const t of tokens) {
          const deaths = fired.filter((f) => f.reminder.kind === 'death' && f.reminder.tokenId === t.id)
          expect(deaths).toHaveLength(t.expiresAt !== null && t.expiresAt + EXPIRY_GRACE_MS <= horizon ? 1 : 0)
          const clocks = [
            { clock: 'expires', endsAt: t.expiresAt, days: settings.reminderDays },
            { clock: 'data-access', endsAt: t.dataAccessExpiresAt, days: [0, ...settings.dataAccessReminderDays] },
          ] as const
          for (const { clock, endsAt, days } of clocks) {
            if (endsAt === null) continue
            const mine = fired.flatMap((f) => (f.reminder.kind === 'clock' && f.reminder.tokenId === t.id && f.reminder.clock === clock ? [f] : []))
            const alive = (at: number) => t.expiresAt === null || at < t.expiresAt
            // Thresholds reached after the first check, while the token lived: each at its moment.
            const later = [...days].filter((d) => endsAt - d * DAY > T0 && endsAt - d * DAY <= horizon && alive(endsAt - d * DAY))
            for (const d of later) {
              const hits = mine.filter((f) => f.reminder.kind === 'clock' && f.reminder.thresholdDays === d)
              expect(hits).toHaveLength(1)
              expect(hits[0]!.at).toBe(endsAt - d * DAY)
            }
            // At the first check, at most the most urgent threshold already reached.
            const atStart = mine.filter((f) => f.at === T0)
            const reached = [...days].filter((d) => endsAt - d * DAY <= T0).sort((a, b) => a - b)
            expect(atStart.map((f) => (f.reminder.kind === 'clock' ? f.reminder.thresholdDays : -1))).toEqual(
              reached.length > 0 && alive(T0) ? [reached[0]] : [],
            )
            expect(mine).toHaveLength(later.length + atStart.length)
          }
        }
      }),
      { numRuns: 100 },
    )
  })
})
