import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, callAs, errorOf, start } from './helpers'

let sb: Sandbox
let token: string
beforeEach(async () => {
  sb = await start()
  token = sb.issueToken({ kind: 'USER' })
})
afterEach(() => sb.close())

const me = () => callAs(sb, token, `/${V}/me`)

describe('faults', () => {
  it('returns a Graph error by code and subcode once, then behaves again', async () => {
    sb.controls.injectFault({ kind: 'error', code: 190, subcode: 460, path: '/me' })
    const reply = await me()
    expect(reply.status).toBe(400)
    expect(errorOf(reply)).toMatchObject({ code: 190, error_subcode: 460, type: 'OAuthException' })
    expect(errorOf(reply).message).toContain('changed their password')
    expect(reply.headers.get('www-authenticate')).toMatch(/^OAuth "Facebook Platform" "invalid_token" /)
    expect((await me()).status).toBe(200)
  })

  it('returns a 190 without subcode and a custom message and status when asked', async () => {
    sb.controls.injectFault({ kind: 'error', code: 2, message: 'Service temporarily unavailable', status: 500, isTransient: true })
    const reply = await me()
    expect(reply.status).toBe(500)
    expect(errorOf(reply)).toMatchObject({ code: 2, message: 'Service temporarily unavailable', is_transient: true })
    sb.controls.injectFault({ kind: 'error', code: 190 })
    const plain = await me()
    expect(errorOf(plain)).toMatchObject({ code: 190, message: 'Invalid OAuth access token.' })
    expect(errorOf(plain)).not.toHaveProperty('error_subcode')
  })

  it.each([500, 502, 503, 504])('answers HTTP %i, then success', async (status) => {
    sb.controls.injectFault({ kind: 'http', status, times: 2 })
    expect((await me()).status).toBe(status)
    expect((await me()).status).toBe(status)
    expect((await me()).status).toBe(200)
  })

  it('can answer a 5xx with an HTML or empty body', async () => {
    sb.controls.injectFault({ kind: 'http', status: 502, body: 'html' })
    const res = await fetch(`${sb.graphUrl}/${V}/me`)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('502')
  })

  it.each([
    [4, undefined, 'x-app-usage', '(#4) Application request limit reached'],
    [17, undefined, 'x-app-usage', '(#17) User request limit reached'],
    [17, 2446079, 'x-ad-account-usage', '(#17) User request limit reached'],
    [32, undefined, 'x-app-usage', '(#32) Page request limit reached'],
    [613, 1487742, 'x-ad-account-usage', '(#613) Calls to this api have exceeded the rate limit.'],
    [80004, 2446079, 'x-business-use-case-usage', '(#80004) There have been too many calls to this ad-account.'],
  ] as const)('throttles with code %i/%s and the %s header', async (code, subcode, header, message) => {
    sb.controls.injectFault({ kind: 'throttle', code, subcode, regainMinutes: 7 })
    const reply = await me()
    expect(reply.status).toBe(400)
    expect(errorOf(reply).code).toBe(code)
    expect(errorOf(reply).error_subcode).toBe(subcode)
    expect(errorOf(reply).message.startsWith(message)).toBe(true)
    const usage = JSON.parse(reply.headers.get(header)!) as Record<string, unknown>
    if (header === 'x-business-use-case-usage') {
      const entry = (Object.values(usage)[0] as Record<string, unknown>[])[0]!
      expect(entry).toMatchObject({ call_count: 100, estimated_time_to_regain_access: 7, ads_api_access_tier: 'development_access' })
    } else {
      expect(Object.values(usage).some((v) => v === 100)).toBe(true)
    }
  })

  it('throttles with 403 and Retry-After when asked', async () => {
    sb.controls.injectFault({ kind: 'throttle', code: 4, status: 403, retryAfterSeconds: 30 })
    const reply = await me()
    expect(reply.status).toBe(403)
    expect(reply.headers.get('retry-after')).toBe('30')
    expect((errorOf(reply) as { is_transient?: boolean }).is_transient).toBe(true)
  })

  it('drops the connection without an answer', async () => {
    sb.controls.injectFault({ kind: 'drop', path: '/me' })
    await expect(me()).rejects.toThrow()
    expect((await me()).status).toBe(200)
  })

  it('delays a slow response at least the given time', async () => {
    sb.controls.injectFault({ kind: 'slow', delayMs: 150 })
    const started = performance.now()
    expect((await me()).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('a slow response beyond a client timeout aborts the client', async () => {
    sb.controls.injectFault({ kind: 'slow', delayMs: 2000 })
    await expect(fetch(`${sb.graphUrl}/${V}/me`, { signal: AbortSignal.timeout(50) })).rejects.toThrow()
  })

  it('matches by method and path, keeps Infinity faults until cleared', async () => {
    sb.controls.injectFault({ kind: 'http', status: 503, method: 'DELETE', times: Infinity })
    expect((await me()).status).toBe(200)
    for (let i = 0; i < 3; i++) expect((await callAs(sb, token, `/${V}/me/permissions/ads_read`, {}, 'DELETE')).status).toBe(503)
    sb.controls.clearFaults()
    expect((await callAs(sb, token, `/${V}/me/permissions/ads_read`, {}, 'DELETE')).status).toBe(200)
    sb.controls.injectFault({ kind: 'http', status: 500, path: '/adaccounts' })
    expect((await me()).status).toBe(200)
    expect((await callAs(sb, token, `/${V}/me/adaccounts`)).status).toBe(500)
  })

  it('refuses malformed faults', () => {
    expect(() => sb.controls.injectFault({ kind: 'http', status: 404 })).toThrow('5xx')
    expect(() => sb.controls.injectFault({ kind: 'error', code: 1, times: 0 })).toThrow('times')
  })

  it('applies latency to every answer', async () => {
    sb.controls.setLatency(100)
    const started = performance.now()
    await me()
    expect(performance.now() - started).toBeGreaterThanOrEqual(90)
  })
})
