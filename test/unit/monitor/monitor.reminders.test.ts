import { describe, expect, it } from 'vitest'
import { DEFAULT_MONITOR_SETTINGS } from '../../../main/core/monitor'
import { DAY, HOUR, MINUTE, T0, problems, token } from './fakes'
import { setup } from './harness'

/** Expires on day 20, data access ends on day 18 (days from T0). */
function journey(keys?: Set<string>) {
  return setup({
    tokens: [token('a')],
    truth: { a: { expiresAt: T0 + 20 * DAY, dataAccessExpiresAt: T0 + 18 * DAY } },
    ...(keys && { keys }),
  })
}

const summary = (env: ReturnType<typeof setup>) =>
  env.rec.of('reminder-due').map((e) => `${e.clock}:${e.thresholdDays}`)

describe('monitor reminders', () => {
  it('shows each threshold of both clocks once, at its moment, each confirmed by Graph just before', async () => {
    const env = journey()
    await env.monitor.start()
    await env.time.advance(25 * DAY)

    expect(summary(env)).toEqual([
      'data-access:14',
      'expires:14',
      'expires:7',
      'data-access:3',
      'expires:3',
      'data-access:0',
      'expires:1',
    ])
    const at = (days: number) => T0 + days * DAY
    expect(env.timesOf('reminder-due')).toEqual([at(4), at(6), at(13), at(15), at(17), at(18), at(19)])
    expect(env.rec.of('reminder-due').map((e) => e.daysLeft)).toEqual([14, 14, 7, 3, 3, 0, 1])
    // Graph was asked at the very moment each reminder showed.
    const asked = new Set(env.graph.calls.map((c) => c.at))
    for (const t of env.timesOf('reminder-due')) expect(asked.has(t)).toBe(true)

    expect(env.rec.of('token-died')).toEqual([
      { type: 'token-died', tokenId: 'a', key: `a:died:expired:${at(20)}`, reason: 'expired', problem: problems.expired },
    ])
    expect(env.timesOf('token-died')).toEqual([at(20)])
    expect(env.rec.of('state-changed').map((e) => `${e.from}>${e.to}`)).toEqual(['unknown>valid', 'valid>expiring', 'expiring>dead'])
    expect(env.store.tokens[0]).toMatchObject({ status: 'dead', problem: problems.expired })
  })

  it('repeats nothing after a restart, and goes on with the reminders still to come', async () => {
    const keys = new Set<string>()
    const env = journey(keys)
    await env.monitor.start()
    await env.time.advance(10 * DAY)
    expect(summary(env)).toEqual(['data-access:14', 'expires:14'])

    await env.restart().start()
    await env.time.advance(10 * DAY + 2 * MINUTE)
    expect(summary(env)).toEqual(['data-access:14', 'expires:14', 'expires:7', 'data-access:3', 'expires:3', 'data-access:0', 'expires:1'])
    expect(env.rec.of('token-died')).toHaveLength(1)

    await env.restart().start()
    await env.time.advance(3 * DAY)
    expect(summary(env)).toHaveLength(7)
    expect(env.rec.of('token-died')).toHaveLength(1)
    expect(keys.size).toBe(8)
  })

  it('shows only the most urgent reminder when the app opens two days before expiry', async () => {
    const env = setup({ tokens: [token('a')], truth: { a: { expiresAt: T0 + 2 * DAY, dataAccessExpiresAt: null } } })
    await env.monitor.start()
    expect(env.rec.of('reminder-due')).toEqual([
      { type: 'reminder-due', tokenId: 'a', key: `a:expires:3:${T0 + 2 * DAY}`, clock: 'expires', daysLeft: 2, thresholdDays: 3, at: T0 + 2 * DAY },
    ])
    await env.time.advance(3 * DAY)
    expect(summary(env)).toEqual(['expires:3', 'expires:1'])
    expect(env.timesOf('reminder-due')).toEqual([T0, T0 + DAY])
    expect(env.rec.of('token-died')).toHaveLength(1)
  })

  it('gives a renewed token a fresh series of reminders', async () => {
    const env = setup({ tokens: [token('a')], truth: { a: { expiresAt: T0 + 10 * DAY, dataAccessExpiresAt: null } } })
    await env.monitor.start()
    await env.time.advance(4 * DAY)
    env.graph.truth.a = { expiresAt: T0 + 64 * DAY, dataAccessExpiresAt: null }
    await env.time.advance(60 * DAY - HOUR)

    const due = env.rec.of('reminder-due')
    expect(due.map((e) => [e.thresholdDays, e.at])).toEqual([
      [14, T0 + 10 * DAY],
      [7, T0 + 10 * DAY],
      [14, T0 + 64 * DAY],
      [7, T0 + 64 * DAY],
      [3, T0 + 64 * DAY],
      [1, T0 + 64 * DAY],
    ])
    expect(new Set(due.map((e) => e.key)).size).toBe(6)
    expect(env.rec.of('state-changed').map((e) => e.to)).toEqual(['expiring', 'valid', 'expiring'])
  })

  it('asks Graph just after the local expiry moment, and marks the token dead on its word', async () => {
    const expiresAt = T0 + 3 * DAY + 90 * MINUTE
    // A 5-hour interval: the default 6 hours would land on the expiry anyway, a day after the
    // 1-day reminder's check.
    const settings = { ...DEFAULT_MONITOR_SETTINGS, checkIntervalHours: 5 }
    const env = setup({ tokens: [token('a')], truth: { a: { expiresAt, dataAccessExpiresAt: null } }, settings })
    await env.monitor.start()
    await env.time.advance(4 * DAY)
    expect(env.timesOf('token-died')).toEqual([expiresAt + MINUTE])
    expect(env.graph.calls.map((c) => c.at)).toContain(expiresAt + MINUTE)
  })

  it('announces a death once per reason, again for a new reason, and again after the token was fixed', async () => {
    const env = setup({ tokens: [token('a')], truth: { a: { expiresAt: null, dataAccessExpiresAt: null } } })
    await env.monitor.start()
    const died = () => env.rec.of('token-died').map((e) => e.reason)

    env.graph.truth.a!.problem = problems.password
    await env.monitor.checkNow()
    await env.monitor.checkNow()
    await env.time.advance(2 * DAY)
    expect(died()).toEqual(['password-changed'])
    expect(env.rec.of('state-changed').at(-1)).toEqual({ type: 'state-changed', tokenId: 'a', from: 'valid', to: 'dead', problem: problems.password })

    env.graph.truth.a!.problem = problems.appRemoved
    await env.monitor.checkNow(['a'])
    expect(died()).toEqual(['password-changed', 'app-removed'])

    await env.restart().start()
    await env.time.advance(DAY)
    expect(died()).toEqual(['password-changed', 'app-removed'])

    delete env.graph.truth.a!.problem
    await env.monitor.checkNow(['a'])
    expect(env.store.tokens[0]).toMatchObject({ status: 'valid', problem: null, diedAt: null })
    env.graph.truth.a!.problem = problems.password
    await env.monitor.checkNow(['a'])
    expect(died()).toEqual(['password-changed', 'app-removed', 'password-changed'])
    expect(new Set(env.rec.of('token-died').map((e) => e.key)).size).toBe(3)
  })

  it.each([
    ['ahead', 3 * DAY],
    ['behind', -3 * DAY],
  ])('never marks a token Graph calls valid as expired, with the local clock 3 days %s', async (_label, skewMs) => {
    const expiresAt = T0 + 2 * DAY
    const env = setup({ tokens: [token('a')], truth: { a: { expiresAt, dataAccessExpiresAt: null } }, skewMs })
    env.graph.answer(() => ({
      outcome: 'ok',
      results: new Map([['a', { valid: true, expiresAt, dataAccessExpiresAt: null, scopes: [] }]]),
    }))
    await env.monitor.start()
    await env.time.advance(10 * DAY)

    expect(env.graph.calls.length).toBeGreaterThan(10)
    expect(env.store.tokens[0]!.status).toBe('expiring')
    expect(env.rec.of('state-changed').map((e) => e.to)).toEqual(['expiring'])
    expect(env.rec.of('token-died')).toEqual([])
  })

  it('with the local clock 3 days ahead, a token dies only when Graph says so', async () => {
    const env = setup({ tokens: [token('a')], truth: { a: { expiresAt: T0 + 2 * DAY, dataAccessExpiresAt: null } }, skewMs: 3 * DAY })
    await env.monitor.start()
    await env.time.advance(2 * DAY - HOUR)
    expect(env.store.tokens[0]!.status).toBe('expiring')
    expect(env.rec.of('token-died')).toEqual([])

    await env.time.advance(7 * HOUR)
    expect(env.rec.of('token-died')).toHaveLength(1)
    // Graph's clock had passed the expiry at the check that found it dead; ours had long before.
    const deathCheck = env.graph.calls.at(-1)!
    expect(deathCheck.at).toBeGreaterThanOrEqual(T0 + 2 * DAY)
  })

  it('needs Graph before any reminder: a token never confirmed gets none while checks fail', async () => {
    const env = setup({
      tokens: [token('a', { expiresAt: T0 + 2 * DAY })],
      truth: { a: { expiresAt: T0 + 2 * DAY, dataAccessExpiresAt: null } },
    })
    env.graph.answer(() => ({ outcome: 'offline', message: 'No network.' }))
    await env.monitor.start()
    await env.time.advance(3 * HOUR)
    expect(env.rec.of('reminder-due')).toEqual([])

    env.graph.answer(null)
    await env.time.advance(HOUR)
    expect(summary(env)).toEqual(['expires:3'])
  })
})
