import { describe, expect, it } from 'vitest'
import { DAY, T0, problems, token } from './fakes'
import { setup } from './harness'

describe('reminders shown together', () => {
  it('the deaths one check finds come as one batch after each was announced, and never again', async () => {
    const ids = ['u', 'p1', 'p2', 'p3']
    const env = setup({
      tokens: ids.map((id) => token(id, id === 'u' ? {} : { kind: 'PAGE' })),
      truth: Object.fromEntries(ids.map((id) => [id, { expiresAt: id === 'u' ? T0 + 50 * DAY : null, dataAccessExpiresAt: T0 + 80 * DAY }])),
    })
    await env.monitor.start()
    expect(env.rec.of('reminders-shown')).toEqual([])
    for (const id of ids) env.graph.truth[id]!.problem = problems.password
    await env.monitor.checkNow()
    const batches = env.rec.of('reminders-shown')
    expect(batches).toHaveLength(1)
    expect(batches[0]!.reminders.map((r) => [r.type, r.tokenId])).toEqual(ids.map((id) => ['token-died', id]))
    // Each is also announced on its own, before the batch.
    const order = env.rec.events.map((e) => e.type).filter((t) => t === 'token-died' || t === 'reminders-shown')
    expect(order).toEqual(['token-died', 'token-died', 'token-died', 'token-died', 'reminders-shown'])
    await env.monitor.checkNow()
    await env.time.advance(2 * DAY)
    expect(env.rec.of('reminders-shown')).toHaveLength(1)
  })

  it('clock reminders due at the same moment share a batch', async () => {
    const env = setup({
      tokens: [token('a'), token('b')],
      truth: {
        a: { expiresAt: T0 + 10 * DAY, dataAccessExpiresAt: null },
        b: { expiresAt: T0 + 10 * DAY, dataAccessExpiresAt: null },
      },
    })
    await env.monitor.start()
    await env.time.advance(4 * DAY)
    // 14 days (already reached at the first check) and 7 days: one batch each, never one per token.
    const batches = env.rec.of('reminders-shown')
    expect(batches.map((b) => b.reminders.map((r) => (r.type === 'reminder-due' ? `${r.tokenId}:${r.thresholdDays}` : r.tokenId)))).toEqual([
      ['a:14', 'b:14'],
      ['a:7', 'b:7'],
    ])
  })
})
