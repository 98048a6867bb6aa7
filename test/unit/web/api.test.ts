import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Harness } from './support'
import { sampleState, startHarness } from './support'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.stop())
afterEach(() => {
  h.core.calls.length = 0
  h.core.answer = () => Promise.resolve({ ok: true, value: h.core.state() })
})

describe('POST /api/call/<method>', () => {
  it('hands the parsed input to the core and answers its Reply', async () => {
    const state = sampleState({ notices: [{ id: 'n1', level: 'info', message: 'renamed' }] })
    h.core.answer = () => Promise.resolve({ ok: true, value: state })
    const response = await h.call('renameToken', { id: 'tok_1', name: '  Ads token  ' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(JSON.parse(await h.text(response))).toEqual({ ok: true, value: state })
    // The schema trimmed the name: the core got the parsed value, not the raw one.
    expect(h.core.calls).toEqual([{ method: 'renameToken', input: { id: 'tok_1', name: 'Ads token' } }])
  })

  it('passes a failed Reply through unchanged', async () => {
    h.core.answer = () => Promise.resolve({ ok: false, error: { code: 'not-allowed', message: 'Not in practice mode.' } })
    const response = await h.call('practice', { action: 'throttle', on: true })
    expect(response.status).toBe(200)
    expect(JSON.parse(await h.text(response))).toEqual({ ok: false, error: { code: 'not-allowed', message: 'Not in practice mode.' } })
    expect(h.core.calls).toEqual([{ method: 'practice', input: { action: 'throttle', on: true } }])
  })

  it.each([
    ['a field breaking its rule', 'renameToken', { id: 'has spaces', name: 'x' }, /^id: /],
    ['a missing field', 'removeToken', {}, /^id: /],
    ['an unknown field', 'getState', { extra: 1 }, /extra/],
    ['a wrong literal', 'deleteEverything', { confirm: 'yes' }, /^confirm: /],
    ['a number out of range', 'practice', { action: 'advance-time', days: 0 }, /^days: /],
    ['an array', 'getState', [], /object/],
  ])('refuses %s with invalid-input and never calls the core', async (_label, method, input, message) => {
    const response = await h.call(method, input)
    expect(response.status).toBe(400)
    const reply = JSON.parse(await h.text(response)) as { ok: boolean; error: { code: string; message: string } }
    expect(reply.ok).toBe(false)
    expect(reply.error.code).toBe('invalid-input')
    expect(reply.error.message).toMatch(message)
    expect(h.core.calls).toEqual([])
  })

  it.each(['not json', '', '{"id":', 'null'])('refuses the body %j as invalid-input', async (body) => {
    const response = await h.call('removeToken', body)
    expect(response.status).toBe(400)
    const reply = JSON.parse(await h.text(response)) as { ok: boolean; error: { code: string } }
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(h.core.calls).toEqual([])
  })

  it.each(['nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'getState%00'])('answers 404 for the unknown method %s', async (method) => {
    const response = await h.call(method, {})
    expect(response.status).toBe(404)
    expect(JSON.parse(await h.text(response))).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(h.core.calls).toEqual([])
  })

  it('refuses a body over 256 KiB with 413, without calling the core', async () => {
    const response = await h.call('pasteToken', { token: 'A'.repeat(300 * 1024) })
    expect(response.status).toBe(413)
    expect(JSON.parse(await h.text(response))).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(h.core.calls).toEqual([])
  })

  it('drops the connection of a body far too large to drain', async () => {
    await expect(h.call('pasteToken', 'A'.repeat(5 * 1024 * 1024))).rejects.toThrow()
    expect(h.core.calls).toEqual([])
  })

  it('answers 500 with plain words when the core throws, and logs the error redacted', async () => {
    h.core.answer = () => Promise.reject(new Error('boom with EAAB1234567890abcdefghij inside'))
    const response = await h.call('checkNow', {})
    expect(response.status).toBe(500)
    const body = await h.text(response)
    expect(JSON.parse(body)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'Something went wrong inside Token Desk. The details are in its log.' },
    })
    expect(body).not.toContain('boom')
    const record = h.records.find((r) => r.message === 'a bridge call failed inside the core')
    expect(record?.fields?.method).toBe('checkNow')
    expect(JSON.stringify(record)).toContain('boom')
    expect(JSON.stringify(record)).not.toContain('EAAB1234567890abcdefghij')
  })

  it('answers 405 to a GET', async () => {
    const response = await h.get('/api/call/getState')
    expect(response.status).toBe(405)
    await h.text(response)
    expect(h.core.calls).toEqual([])
  })

  it('answers 404 under /api/ for anything else', async () => {
    const response = await h.get('/api/other')
    expect(response.status).toBe(404)
    await h.text(response)
  })
})

describe('the CSRF barriers on the API', () => {
  it.each([
    ['no x-token-desk header', { 'x-token-desk': '' }],
    ['a wrong x-token-desk value', { 'x-token-desk': 'yes' }],
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['the right host on another port as Origin', { origin: 'http://127.0.0.1:1' }],
    ['Origin null', { origin: 'null' }],
    ['Fetch Metadata saying cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Fetch Metadata saying same-site', { 'sec-fetch-site': 'same-site' }],
  ])('refuses %s with 403 and never calls the core', async (_label, headers) => {
    const init: RequestInit = { headers }
    const response = await h.call('getState', {}, init)
    expect(response.status).toBe(403)
    await h.text(response)
    expect(h.core.calls).toEqual([])
  })

  it('refuses a POST with no Origin at all', async () => {
    const response = await fetch(`${h.host.origin}/api/call/getState`, {
      method: 'POST',
      headers: { 'x-token-desk-session': h.session, 'x-token-desk': '1', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(response.status).toBe(403)
    await h.text(response)
    expect(h.core.calls).toEqual([])
  })

  it('refuses a call without the session header with 401', async () => {
    const response = await h.call('getState', {}, { headers: { 'x-token-desk-session': '' } })
    expect(response.status).toBe(401)
    expect(await h.text(response)).toContain('token-desk serve')
    expect(h.core.calls).toEqual([])
  })

  it('accepts the call once every barrier is passed', async () => {
    const response = await h.call('getState', {}, { headers: { 'sec-fetch-site': 'same-origin' } })
    expect(response.status).toBe(200)
    await h.text(response)
    expect(h.core.calls).toEqual([{ method: 'getState', input: {} }])
  })
})
