import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_API_VERSION, GraphError, createGraphClient } from '../../../main/core/graph'
import { startScriptedServer } from '../../support/scripted-server'
import type { Harness } from './harness'
import { APP_ID, APP_SECRET, USER_TOKEN, graphError, rejection, startHarness } from './harness'

let h: Harness
afterEach(() => h.server.close())

const OK = { body: { id: '42', name: 'Ada' } }
const busy = (code: number, extra: Record<string, unknown> = {}) => ({ status: 400, body: graphError(code, `(#${code}) limit reached`, extra) })

describe('URLs', () => {
  it('puts the default version in front of every path', async () => {
    h = await startHarness()
    h.server.enqueue(OK)
    await h.client.me(USER_TOKEN, ['id', 'name', 'email'])
    expect(DEFAULT_API_VERSION).toBe('v27.0')
    expect(h.server.requests[0]).toMatchObject({ method: 'GET', path: '/v27.0/me', query: { fields: 'id,name,email' } })
  })

  it('honours a configured version and base with a trailing slash, and refuses a malformed version', async () => {
    h = await startHarness()
    const client = createGraphClient({ graphUrl: `${h.server.url}/`, apiVersion: 'v25.0', appId: APP_ID, appSecret: APP_SECRET })
    h.server.enqueue(OK)
    await client.me(USER_TOKEN)
    expect(h.server.requests[0]?.path).toBe('/v25.0/me')
    expect(() => createGraphClient({ apiVersion: '2.80', appId: APP_ID, appSecret: APP_SECRET })).toThrow(/API version/)
  })
})

describe('retries with exact waits (full jitter, random() = 0.5, base 1 s)', () => {
  it('5xx then success: one wait of 500 ms', async () => {
    h = await startHarness()
    h.server.enqueue({ status: 503, body: 'Service Unavailable' }, OK)
    expect((await h.client.me(USER_TOKEN)).id).toBe('42')
    expect(h.waits).toEqual([500])
    expect(h.server.requests).toHaveLength(2)
  })

  it('a dropped connection then success', async () => {
    h = await startHarness()
    h.server.enqueue({ drop: true }, OK)
    expect((await h.client.me(USER_TOKEN)).name).toBe('Ada')
    expect(h.waits).toEqual([500])
  })

  it('code 2 twice then success doubles the step', async () => {
    h = await startHarness()
    h.server.enqueue({ status: 400, body: graphError(2, 'Service temporarily unavailable') }, { status: 500, body: graphError(1, 'An unknown error occurred') }, OK)
    await h.client.me(USER_TOKEN)
    expect(h.waits).toEqual([500, 1000])
  })

  it('stops after maxAttempts and throws the last error', async () => {
    h = await startHarness()
    h.server.otherwise({ status: 500, body: graphError(2, 'down') })
    const error = await rejection(h.client.me(USER_TOKEN))
    expect(error).toBeInstanceOf(GraphError)
    expect(error).toMatchObject({ kind: 'transient', code: 2, httpStatus: 500 })
    expect(h.server.requests).toHaveLength(4)
    expect(h.waits).toEqual([500, 1000, 2000])
  })

  it('caps a single backoff step', async () => {
    h = await startHarness({ retry: { maxAttempts: 5, capMs: 1500 } })
    h.server.otherwise({ status: 502, body: '' })
    await rejection(h.client.me(USER_TOKEN))
    expect(h.waits).toEqual([500, 750, 750, 750])
  })

  it('starts no attempt beyond the total time budget', async () => {
    h = await startHarness({ retry: { maxTotalMs: 1200 } })
    h.server.otherwise({ status: 500, body: graphError(2, 'down') })
    await rejection(h.client.me(USER_TOKEN))
    expect(h.waits).toEqual([500])
    expect(h.server.requests).toHaveLength(2)
  })

  it('a throttle waits at least Retry-After seconds', async () => {
    h = await startHarness()
    h.server.enqueue({ ...busy(4, { is_transient: true }), headers: { 'retry-after': '3' } }, OK)
    await h.client.me(USER_TOKEN)
    expect(h.waits).toEqual([3000])
  })

  it('a Retry-After HTTP date counts from the injected clock', async () => {
    h = await startHarness()
    h.server.enqueue({ ...busy(17), headers: { 'retry-after': new Date(h.clock.value + 9000).toUTCString() } }, OK)
    await h.client.me(USER_TOKEN)
    expect(h.waits).toEqual([9000])
  })

  it('estimated_time_to_regain_access is a floor, and a wait too long for the budget is not taken', async () => {
    const buc = JSON.stringify({ '77': [{ type: 'ads_management', call_count: 100, total_cputime: 5, total_time: 5, estimated_time_to_regain_access: 1 }] })
    h = await startHarness({ retry: { maxTotalMs: 120_000 } })
    h.server.enqueue({ ...busy(80004), headers: { 'x-business-use-case-usage': buc } }, OK)
    await h.client.me(USER_TOKEN)
    expect(h.waits).toEqual([60_000])
    await h.server.close()

    h = await startHarness()
    h.server.enqueue({ ...busy(80004), headers: { 'x-business-use-case-usage': buc } }, OK)
    expect(await rejection(h.client.me(USER_TOKEN))).toMatchObject({ kind: 'throttled', code: 80004, retryAfterMs: 60_000 })
    expect(h.waits).toEqual([])
    expect(h.server.requests).toHaveLength(1)
  })

  it.each([
    ['190', graphError(190, 'Error validating access token: Session has expired', { error_subcode: 463 }), 'token-dead'],
    ['a permission error', graphError(200, "(#200) The user hasn't authorized the application to perform this action"), 'permission'],
    ['code 10', graphError(10, '(#10) Permission denied'), 'permission'],
    ['a policy block', graphError(368, 'Temporarily blocked'), 'policy-block'],
  ])('never retries %s', async (_name, body, kind) => {
    h = await startHarness()
    h.server.enqueue({ status: 400, body }, OK)
    expect(await rejection(h.client.me(USER_TOKEN))).toMatchObject({ kind })
    expect(h.server.requests).toHaveLength(1)
    expect(h.waits).toEqual([])
  })
})

describe('request timeout', () => {
  it('counts as a network error and is retried', async () => {
    h = await startHarness({ requestTimeoutMs: 750 })
    h.server.enqueue({ ...OK, delayMs: 10_000 }, OK)
    expect((await h.client.me(USER_TOKEN)).id).toBe('42')
    expect(h.waits).toEqual([500])
  })

  it('reports the timeout when attempts run out', async () => {
    h = await startHarness({ requestTimeoutMs: 100, retry: { maxAttempts: 1 } })
    h.server.enqueue({ ...OK, delayMs: 10_000 })
    expect(await rejection(h.client.me(USER_TOKEN))).toMatchObject({ kind: 'network', detail: 'timeout', httpStatus: null })
  })
})

describe('code exchange is never retried after any answer', () => {
  const exchange = (harness: Harness) => harness.client.exchangeCode({ code: 'AQcodeForTests0123456789abcdefghij', redirectUri: 'https://app.example/cb' })

  it.each([
    ['a 5xx', { status: 500, body: graphError(2, 'down') }],
    ['code 1', { status: 400, body: graphError(1, 'An unknown error occurred') }],
    ['a dropped connection (the code may have been spent)', { drop: true }],
  ])('%s', async (_name, answer) => {
    h = await startHarness()
    h.server.enqueue(answer, { body: { access_token: 'EAAGnewTokenXXXXXXXXXXXX', token_type: 'bearer', expires_in: 5184000 } })
    await rejection(exchange(h))
    expect(h.server.requests).toHaveLength(1)
    expect(h.waits).toEqual([])
  })

  it('is retried when the connection was refused (nothing was sent)', async () => {
    const closed = await startScriptedServer()
    await closed.close()
    h = await startHarness({ graphUrl: closed.url, retry: { maxAttempts: 2 } })
    expect(await rejection(exchange(h))).toMatchObject({ kind: 'network' })
    expect(h.waits).toEqual([500])
  })
})

describe('usage snapshot', () => {
  it('keeps the latest figures and tells subscribers', async () => {
    h = await startHarness()
    const seen: number[] = []
    const stop = h.client.onUsage((u) => seen.push(u.highestPercent))
    h.server.enqueue(
      { ...OK, headers: { 'x-app-usage': '{"call_count":28,"total_time":25,"total_cputime":25}' } },
      OK,
      { ...OK, headers: { 'x-app-usage': '{"call_count":91,"total_time":3,"total_cputime":2}' } },
    )
    expect(h.client.usage()).toBeUndefined()
    await h.client.me(USER_TOKEN)
    await h.client.me(USER_TOKEN)
    expect(h.client.usage()?.appCallCount).toBe(28)
    stop()
    await h.client.me(USER_TOKEN)
    expect(h.client.usage()?.highestPercent).toBe(91)
    expect(seen).toEqual([28])
  })

  it('reads usage from error answers too', async () => {
    h = await startHarness({ retry: { maxAttempts: 1 } })
    h.server.enqueue({ ...busy(4), status: 403, headers: { 'x-app-usage': '{"call_count":100,"total_time":40,"total_cputime":30}' } })
    await rejection(h.client.me(USER_TOKEN))
    expect(h.client.usage()?.highestPercent).toBe(100)
  })
})
