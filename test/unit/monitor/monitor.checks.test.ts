import { describe, expect, it } from 'vitest'
import { DEFAULT_MONITOR_SETTINGS, RETRY_CAP_MS, type CheckResult } from '../../../main/core/monitor'
import { DAY, HOUR, MINUTE, T0, token } from './fakes'
import { setup } from './harness'

/** Two living tokens and one that never expires, all valid in Graph's eyes. */
function healthy() {
  return setup({
    tokens: [token('a'), token('b'), token('p', { kind: 'PAGE' })],
    truth: {
      a: { expiresAt: T0 + 50 * DAY, dataAccessExpiresAt: T0 + 80 * DAY },
      b: { expiresAt: T0 + 40 * DAY, dataAccessExpiresAt: null },
      p: { expiresAt: null, dataAccessExpiresAt: null },
    },
  })
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => (t - times[i]!) / MINUTE)

describe('monitor checks', () => {
  it('checks on start, then every interval, with exactly one timer pending', async () => {
    const env = healthy()
    await env.monitor.start()
    expect(env.graph.calls[0]).toEqual({ at: T0, ids: ['a', 'b', 'p'] })
    expect(env.time.pending()).toBe(1)
    for (let i = 0; i < 8; i++) {
      await env.time.advance(3 * HOUR)
      expect(env.time.pending()).toBe(1)
    }
    expect(env.graph.calls.map((c) => (c.at - T0) / HOUR)).toEqual([0, 6, 12, 18, 24])
    expect(env.time.maxPending()).toBe(1)
    expect(env.monitor.snapshot()).toMatchObject({ nextCheckAt: T0 + 30 * HOUR, nextCheckReason: 'interval', lastCheckAt: T0 + 24 * HOUR })
  })

  it('keeps to one timer through a month of reminders, deaths and failures', async () => {
    const env = healthy()
    await env.monitor.start()
    for (let day = 0; day < 45; day++) {
      if (day % 7 === 3) env.graph.failTimes(3, { outcome: 'failed', message: 'HTTP 503' })
      await env.time.advance(DAY)
      expect(env.time.pending()).toBe(1)
    }
    expect(env.rec.of('check-finished').filter((e) => e.outcome === 'failed')).toHaveLength(18)
    expect(env.time.maxPending()).toBe(1)
    expect(env.rec.of('token-died').map((e) => e.tokenId)).toEqual(['b'])
  })

  it.each<[string, CheckResult]>([
    ['offline', { outcome: 'offline', message: 'No network.' }],
    ['throttled', { outcome: 'throttled', message: 'Too many calls.' }],
    ['failed', { outcome: 'failed', message: 'Graph answered 503.' }],
  ])('%s checks change no status and retry after 1, 2, 4 … 60 minutes', async (outcome, failure) => {
    const env = healthy()
    await env.monitor.start()
    const before = structuredClone(env.store.tokens)
    const changesBefore = env.rec.of('state-changed').length

    env.graph.answer(() => failure)
    // Past b's reminder moment (day 26) and a's data-access moment: still no word from Graph.
    await env.time.advance(26 * DAY)
    const failedAt = env.graph.calls.map((c) => c.at).filter((t) => t > T0)
    expect(gaps(failedAt).slice(0, 9)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60])
    expect(env.store.tokens).toEqual(before)
    expect(env.rec.of('state-changed')).toHaveLength(changesBefore)
    expect(env.rec.of('token-died')).toEqual([])
    expect(env.rec.of('reminder-due')).toEqual([])
    const last = env.rec.of('check-finished').at(-1)!
    expect(last).toMatchObject({ outcome, message: failure.outcome === 'ok' ? undefined : failure.message, nextCheckReason: 'retry' })
    expect(last.consecutiveFailures).toBe(failedAt.length)

    env.graph.answer(null)
    await env.time.advance(RETRY_CAP_MS)
    expect(env.rec.of('check-finished').at(-1)).toMatchObject({ outcome: 'ok', consecutiveFailures: 0 })
    expect(env.rec.of('reminder-due').map((e) => `${e.tokenId}:${e.clock}:${e.thresholdDays}`)).toEqual(['b:expires:14'])
    expect(env.monitor.snapshot().lastFailure).toBeNull()
  })

  it('waits as long as Graph asks after a throttle', async () => {
    const env = healthy()
    await env.monitor.start()
    env.graph.answer(() => ({ outcome: 'throttled', retryAfterMs: 25 * MINUTE, message: '(#80004) Too many calls.' }))
    await env.time.advance(10 * HOUR)
    const failedAt = env.graph.calls.map((c) => c.at).filter((t) => t > T0)
    // Graph's 25 minutes until our own backoff grows past it.
    expect(gaps(failedAt)).toEqual([25, 25, 25, 25, 25, 32, 60])
  })

  it('treats a checker that throws as a failed check', async () => {
    const env = healthy()
    env.graph.answer(() => {
      throw new Error('bug in the adapter')
    })
    const finished = await env.monitor.start()
    expect(finished).toMatchObject({ outcome: 'failed', consecutiveFailures: 1, nextCheckAt: T0 + MINUTE })
    expect(env.store.tokens.map((t) => t.status)).toEqual(['unknown', 'unknown', 'unknown'])
    expect(env.sink.records.some((r) => r.level === 'warn' && r.fields?.error !== undefined)).toBe(true)
  })

  it('stretches the next check fourfold when usage reaches 80%, says so, and returns to normal', async () => {
    const env = healthy()
    env.graph.setUsage(85)
    const busy = await env.monitor.start()
    expect(busy).toMatchObject({ usage: { highestPercent: 85 }, usageBackoff: true, nextCheckAt: T0 + 24 * HOUR })
    expect(env.sink.records.some((r) => r.message.includes('near the limit'))).toBe(true)

    env.graph.setUsage(40)
    await env.time.advance(24 * HOUR)
    expect(env.graph.calls.map((c) => (c.at - T0) / HOUR)).toEqual([0, 24])
    expect(env.rec.of('check-finished').at(-1)).toMatchObject({ usageBackoff: false, nextCheckAt: T0 + 30 * HOUR })

    env.graph.setUsage(79)
    await env.time.advance(6 * HOUR)
    expect(env.monitor.snapshot().nextCheckAt).toBe(T0 + 36 * HOUR)
  })

  it('re-arms the timer when the settings change', async () => {
    const env = healthy()
    await env.monitor.start()
    expect(env.monitor.snapshot().nextCheckAt).toBe(T0 + 6 * HOUR)
    env.setSettings({ ...DEFAULT_MONITOR_SETTINGS, checkIntervalHours: 2 })
    env.monitor.reschedule()
    expect(env.monitor.snapshot().nextCheckAt).toBe(T0 + 2 * HOUR)
    expect(env.time.pending()).toBe(1)
    await env.time.advance(2 * HOUR)
    expect(env.graph.calls).toHaveLength(2)
  })
})

describe('monitor triggers', () => {
  it('joins concurrent triggers into one check in flight', async () => {
    const env = healthy()
    const release = env.graph.hold()
    const first = env.monitor.start()
    const others = [env.monitor.checkNow(), env.monitor.checkNow(['a']), env.monitor.start()]
    env.monitor.wake()
    env.monitor.setOnline(false)
    env.monitor.setOnline(true)
    await env.time.advance(0)
    expect(env.graph.calls).toHaveLength(1)
    expect(env.time.pending()).toBe(0)
    release()
    const results = await Promise.all([first, ...others])
    expect(new Set(results).size).toBe(1)
    expect(env.graph.calls).toHaveLength(1)
    expect(env.rec.of('check-finished')).toHaveLength(1)
    expect(env.time.pending()).toBe(1)
  })

  it('runs one follow-up check for every trigger a partial check in flight did not cover', async () => {
    const env = healthy()
    await env.monitor.start()
    const release = env.graph.hold()
    const partial = env.monitor.checkNow(['a'])
    const all = env.monitor.checkNow()
    const b = env.monitor.checkNow(['b'])
    env.monitor.wake()
    await env.time.advance(0)
    release()
    const [p, x, y] = await Promise.all([partial, all, b])
    expect(env.graph.calls.map((c) => c.ids)).toEqual([['a', 'b', 'p'], ['a'], ['a', 'b', 'p']])
    expect(x).toBe(y)
    expect(p).not.toBe(x)
    expect(env.time.pending()).toBe(1)
  })

  it('checks when the computer wakes and when the network comes back', async () => {
    const env = healthy()
    await env.monitor.start()
    await env.time.advance(HOUR)
    env.monitor.wake()
    await env.time.advance(0)
    expect(env.graph.calls.map((c) => c.at)).toEqual([T0, T0 + HOUR])

    env.monitor.setOnline(true)
    await env.time.advance(0)
    expect(env.graph.calls).toHaveLength(2)

    env.monitor.setOnline(false)
    await env.time.advance(HOUR)
    expect(env.graph.calls).toHaveLength(2)
    env.monitor.setOnline(true)
    await env.time.advance(0)
    expect(env.graph.calls.map((c) => c.at)).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR])
  })

  it('while offline, skips automatic checks without touching any status, and backs off', async () => {
    const env = healthy()
    await env.monitor.start()
    const before = structuredClone(env.store.tokens)
    env.monitor.setOnline(false)
    expect(env.monitor.snapshot()).toMatchObject({ online: false, offlineSince: T0 })
    await env.time.advance(6 * HOUR + 7 * MINUTE)

    expect(env.graph.calls).toHaveLength(1)
    expect(env.store.tokens).toEqual(before)
    expect(env.rec.of('state-changed').filter((e) => e.from !== 'unknown')).toEqual([])
    const offline = env.rec.of('check-finished').filter((e) => e.outcome === 'offline')
    expect(gaps(offline.map((e) => e.at))).toEqual([1, 2, 4])
    expect(offline.map((e) => e.checked)).toEqual([3, 3, 3, 3])

    // The user's own "Check now" still tries: the OS may be wrong about the network.
    await env.monitor.checkNow()
    expect(env.graph.calls).toHaveLength(2)
  })

  it('stop clears the timer, drops queued checks and ignores the answer of a check in flight', async () => {
    const env = healthy()
    await env.monitor.start()
    const release = env.graph.hold()
    const inFlight = env.monitor.checkNow(['a'])
    const queued = env.monitor.checkNow()
    await env.time.advance(0)
    const eventsBefore = env.rec.events.length
    const patchesBefore = env.store.patches.length
    env.graph.truth.a!.problem = { reason: 'invalidated', code: 190, subcode: 466, message: 'Signed out.', fix: 'reauthorize' }

    env.monitor.stop()
    expect(env.time.pending()).toBe(0)
    expect(await queued).toMatchObject({ outcome: 'failed', checked: 0 })
    release()
    await inFlight
    await env.time.advance(30 * DAY)

    expect(env.graph.calls).toHaveLength(2)
    expect(env.rec.events).toHaveLength(eventsBefore)
    expect(env.store.patches).toHaveLength(patchesBefore)
    expect(env.time.pending()).toBe(0)
    expect(env.monitor.snapshot()).toMatchObject({ running: false, nextCheckAt: null })
  })

  it('without start, checkNow records verdicts but shows no reminder and arms no timer (the CLI)', async () => {
    const env = setup({ tokens: [token('a')], truth: { a: { expiresAt: T0 + 2 * DAY, dataAccessExpiresAt: null } } })
    const finished = await env.monitor.checkNow()
    expect(finished).toMatchObject({ outcome: 'ok', checked: 1, nextCheckAt: null })
    expect(env.store.tokens[0]).toMatchObject({ status: 'expiring', expiresAt: T0 + 2 * DAY, lastCheckedAt: T0 })
    expect(env.rec.of('state-changed')).toHaveLength(1)
    expect(env.rec.of('reminder-due')).toEqual([])
    expect(env.log.keys.size).toBe(0)
    expect(env.time.pending()).toBe(0)
  })

  it('does not ask about a token whose secret could not be read, and plans nothing for it alone', async () => {
    const env = setup({ tokens: [token('a', { status: 'needs-relogin' })], truth: {} })
    const finished = await env.monitor.start()
    expect(finished).toMatchObject({ checked: 0, nextCheckAt: null })
    expect(env.graph.calls).toEqual([])
    expect(env.time.pending()).toBe(0)
  })

  it('keeps going when a listener throws or the reminder log cannot be written', async () => {
    const env = setup({ tokens: [token('a')], truth: { a: { expiresAt: T0 + 2 * DAY, dataAccessExpiresAt: null } } })
    env.monitor.subscribe(() => {
      throw new Error('renderer gone')
    })
    env.log.add = () => {
      throw new Error('ENOSPC')
    }
    await env.monitor.start()
    env.monitor.reschedule()
    await env.time.advance(HOUR)
    expect(env.rec.of('reminder-due')).toHaveLength(1)
    expect(env.sink.records.filter((r) => r.level === 'error').length).toBeGreaterThan(0)
  })
})
