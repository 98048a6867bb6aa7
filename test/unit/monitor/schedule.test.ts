import { describe, expect, it } from 'vitest'
import { DEFAULT_MONITOR_SETTINGS, EXPIRY_GRACE_MS, planChecks, type PlanInput } from '../../../main/core/monitor'
import { DAY, HOUR, MINUTE, T0, problems, token } from './fakes'

const now = T0

function plan(over: Partial<PlanInput>) {
  return planChecks({ now, tokens: [], settings: DEFAULT_MONITOR_SETTINGS, shownReminders: new Set(), ...over })
}

const checked = (id: string, over: Parameters<typeof token>[1] = {}) => token(id, { status: 'valid', lastCheckedAt: now, ...over })

describe('planChecks: when to check', () => {
  it('plans nothing when there is nothing Graph could be asked about', () => {
    expect(plan({}).nextCheckAt).toBeNull()
    expect(plan({ tokens: [token('a', { status: 'needs-relogin' })] }).nextCheckAt).toBeNull()
  })

  it('checks at once when nothing was ever checked', () => {
    const p = plan({ tokens: [token('a')] })
    expect(p).toMatchObject({ nextCheckAt: now, nextCheckReason: 'never-checked' })
  })

  it('checks again one interval after the last full check, and at once when that is overdue', () => {
    expect(plan({ tokens: [checked('a')], lastCheckAt: now - HOUR })).toMatchObject({ nextCheckAt: now + 5 * HOUR, nextCheckReason: 'interval' })
    expect(plan({ tokens: [checked('a')], lastCheckAt: now - 3 * DAY }).nextCheckAt).toBe(now)
    const hourly = { ...DEFAULT_MONITOR_SETTINGS, checkIntervalHours: 1 }
    expect(plan({ tokens: [checked('a')], lastCheckAt: now, settings: hourly }).nextCheckAt).toBe(now + HOUR)
  })

  it('keeps dead tokens on the schedule, so a cleared checkpoint is noticed', () => {
    const dead = token('a', { status: 'dead', problem: problems.checkpoint, diedAt: now, lastCheckedAt: now })
    expect(plan({ tokens: [dead], lastCheckAt: now, shownReminders: new Set(['a:died:checkpoint:' + now]) }).nextCheckAt).toBe(now + 6 * HOUR)
  })

  it('never waits longer than one interval when the clock moved backwards', () => {
    expect(plan({ tokens: [checked('a')], lastCheckAt: now + 5 * DAY }).nextCheckAt).toBe(now + 6 * HOUR)
  })

  it('stretches the interval fourfold at 80% usage and says so', () => {
    const busy = plan({ tokens: [checked('a')], lastCheckAt: now, usage: { highestPercent: 80 } })
    expect(busy).toMatchObject({ nextCheckAt: now + 24 * HOUR, usageBackoff: true, nextCheckReason: 'interval' })
    const calm = plan({ tokens: [checked('a')], lastCheckAt: now, usage: { highestPercent: 79.9 } })
    expect(calm).toMatchObject({ nextCheckAt: now + 6 * HOUR, usageBackoff: false })
  })

  it('checks at a reminder moment so Graph confirms the token before the reminder shows', () => {
    const a = checked('a', { expiresAt: now + 14 * DAY + 2 * HOUR })
    expect(plan({ tokens: [a], lastCheckAt: now })).toMatchObject({ nextCheckAt: now + 2 * HOUR, nextCheckReason: 'reminder' })
    const b = checked('b', { dataAccessExpiresAt: now + 3 * DAY + 30 * MINUTE })
    expect(plan({ tokens: [b], lastCheckAt: now })).toMatchObject({ nextCheckAt: now + 30 * MINUTE, nextCheckReason: 'reminder' })
  })

  it('checks just after the local expiry moment, so Graph confirms the death', () => {
    const a = checked('a', { status: 'expiring', expiresAt: now + 30 * MINUTE })
    expect(plan({ tokens: [a], lastCheckAt: now })).toMatchObject({
      nextCheckAt: now + 30 * MINUTE + EXPIRY_GRACE_MS,
      nextCheckReason: 'expiry',
    })
  })

  it('asks at once about a reminder moment passed since the token was last confirmed', () => {
    const a = checked('a', { expiresAt: now + 5 * DAY, lastCheckedAt: now - 4 * DAY })
    expect(plan({ tokens: [a], lastCheckAt: now - 4 * DAY })).toMatchObject({ nextCheckAt: now, nextCheckReason: 'reminder' })
  })

  it('does not ask again about a moment a full check already covered, even when Graph skipped the token', () => {
    const a = checked('a', { expiresAt: now + 5 * DAY, lastCheckedAt: now - 4 * DAY })
    expect(plan({ tokens: [a], lastCheckAt: now })).toMatchObject({ nextCheckAt: now + 6 * HOUR, nextCheckReason: 'interval' })
  })

  it('retries a failed check after 1, 2, 4 … minutes, never more than an hour apart', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 20].map(
      (consecutive) => plan({ tokens: [checked('a')], lastCheckAt: now - DAY, lastFailure: { at: now, consecutive } }).nextCheckAt! - now,
    )
    expect(waits.map((w) => w / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60])
    const p = plan({ tokens: [checked('a')], lastFailure: { at: now, consecutive: 1 } })
    expect(p.nextCheckReason).toBe('retry')
  })

  it("honours Graph's own wait, but no longer than one interval", () => {
    const wait = (retryAfterMs: number) =>
      plan({ tokens: [checked('a')], lastFailure: { at: now, consecutive: 1, retryAfterMs } }).nextCheckAt! - now
    expect(wait(15 * MINUTE)).toBe(15 * MINUTE)
    expect(wait(10 * DAY)).toBe(6 * HOUR)
    expect(wait(10_000)).toBe(MINUTE)
  })
})

describe('planChecks: which reminders are due', () => {
  const settings = DEFAULT_MONITOR_SETTINGS

  it('shows only the most urgent threshold reached, with the real days left', () => {
    const a = checked('a', { expiresAt: now + 2 * DAY })
    const due = plan({ tokens: [a], lastCheckAt: now }).dueReminders
    expect(due).toEqual([
      { kind: 'clock', key: `a:expires:3:${now + 2 * DAY}`, tokenId: 'a', clock: 'expires', thresholdDays: 3, daysLeft: 2, dueAt: now - DAY, endsAt: now + 2 * DAY },
    ])
  })

  it('does not fall back to a less urgent threshold once the most urgent one was shown', () => {
    const a = checked('a', { expiresAt: now + 2 * DAY })
    expect(plan({ tokens: [a], shownReminders: new Set([`a:expires:3:${now + 2 * DAY}`]) }).dueReminders).toEqual([])
  })

  it('waits for Graph to confirm the token at or after the reminder moment', () => {
    const stale = checked('a', { expiresAt: now + 2 * DAY, lastCheckedAt: now - DAY - 1 })
    expect(plan({ tokens: [stale] }).dueReminders).toEqual([])
    const fresh = checked('a', { expiresAt: now + 2 * DAY, lastCheckedAt: now - DAY })
    expect(plan({ tokens: [fresh] }).dueReminders).toHaveLength(1)
  })

  it('keeps the two clocks apart', () => {
    const a = checked('a', { expiresAt: now + 6 * DAY, dataAccessExpiresAt: now + 10 * DAY })
    const due = plan({ tokens: [a], settings }).dueReminders
    expect(due.map((r) => r.key)).toEqual([`a:expires:7:${now + 6 * DAY}`, `a:data-access:14:${now + 10 * DAY}`])
  })

  it('says once when data access has run out', () => {
    const a = checked('a', { dataAccessExpiresAt: now - HOUR })
    expect(plan({ tokens: [a] }).dueReminders).toMatchObject([{ clock: 'data-access', thresholdDays: 0, daysLeft: 0 }])
  })

  it('gives a renewed token a fresh series', () => {
    const before = checked('a', { expiresAt: now + 2 * DAY })
    const [old] = plan({ tokens: [before] }).dueReminders
    const renewed = checked('a', { expiresAt: now + 2 * DAY + HOUR })
    const [fresh] = plan({ tokens: [renewed], shownReminders: new Set([old!.key]) }).dueReminders
    expect(fresh?.key).toBe(`a:expires:3:${now + 2 * DAY + HOUR}`)
  })

  it('has nothing to say about a token that never expires', () => {
    const page = checked('p', { kind: 'PAGE', neverExpires: true, expiresAt: null })
    expect(plan({ tokens: [page], lastCheckAt: now }).dueReminders).toEqual([])
  })

  it('announces a death once, and no clock reminders for a dead token', () => {
    const dead = token('a', {
      status: 'dead',
      problem: problems.password,
      diedAt: now - HOUR,
      lastCheckedAt: now - HOUR,
      expiresAt: now + 2 * DAY,
      dataAccessExpiresAt: now + DAY,
    })
    const due = plan({ tokens: [dead] }).dueReminders
    expect(due).toEqual([{ kind: 'death', key: `a:died:password-changed:${now - HOUR}`, tokenId: 'a', reason: 'password-changed', problem: problems.password }])
    expect(plan({ tokens: [dead], shownReminders: new Set([due[0]!.key]) }).dueReminders).toEqual([])
  })

  it('puts deaths first, then the fewest days left', () => {
    const tokens = [
      checked('late', { expiresAt: now + 6 * DAY }),
      checked('soon', { expiresAt: now + HOUR }),
      token('gone', { status: 'dead', problem: problems.appRemoved, diedAt: now }),
    ]
    expect(plan({ tokens }).dueReminders.map((r) => r.tokenId)).toEqual(['gone', 'soon', 'late'])
  })
})
