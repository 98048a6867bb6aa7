import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Harness } from './support'
import { eventData, rawGet, startHarness, streamReader } from './support'
import { launchKeyOf } from '../../support/web-session'

let h: Harness
let key: string
let session: string
const seen: string[] = []

/** Reads a whole answer, headers and body, into `seen`. */
async function keep(response: Response | Promise<Response>): Promise<Response> {
  const r = await response
  const headers = [...r.headers.entries()].filter(([name]) => name !== 'set-cookie')
  seen.push(JSON.stringify(headers), await r.clone().text())
  return r
}

beforeAll(async () => {
  h = await startHarness({ loginStartWaitMs: 20 })
  key = launchKeyOf(h.host.url)
  session = h.session
  expect(key).toHaveLength(43)
  expect(session).toHaveLength(43)

  // A session with every kind of answer: launch, refusals, files, calls, failures, events, login.
  await keep(fetch(h.host.url, { redirect: 'manual' }))
  await keep(fetch(`${h.host.origin}/?key=${key.slice(0, -1)}x`, { redirect: 'manual' }))
  await keep(fetch(`${h.host.origin}/`))
  await keep(h.get(`/?key=${key}`))
  await keep(h.get('/'))
  await keep(h.get('/assets/x.js'))
  await keep(h.get('/nothing.js'))
  await keep(h.call('getState', {}))
  await keep(h.call('removeToken', { id: key }))
  await keep(h.call('renameToken', { id: 'x y', name: key }))
  await keep(h.call('getState', {}, { headers: { origin: 'http://evil.example' } }))
  h.core.answer = () => Promise.reject(new Error(`failed with ${key} and ${session}`))
  await keep(h.call('checkNow', {}))
  seen.push((await rawGet(h.port, `/?key=${key}`, { host: `evil.example:${h.port}` })).body)

  const events = await h.get('/api/events')
  seen.push(JSON.stringify([...events.headers.entries()]))
  const stream = streamReader(events)
  seen.push(await stream.until((raw) => eventData(raw).length === 1))
  const unsubscribed = h.core.nextUnsubscribe()
  await stream.cancel()
  await unsubscribed

  const outcome = h.popups.open({ url: 'http://127.0.0.1:9/dialog?state=s', redirectUri: h.popups.redirectUri(), timeoutMs: 5000 })
  await keep(h.popupStart())
  await keep(h.get('/login/callback?code=AQsecretcode123&state=s'))
  await keep(h.get('/login/done'))
  await outcome
  await keep(h.popupStart())
})
afterAll(() => h.stop())

describe('the per-launch key', () => {
  it('appears in no response header or body', () => {
    expect(seen.length).toBeGreaterThan(30)
    for (const text of [...seen, ...h.bodies]) {
      expect(text).not.toContain(key)
      expect(text).not.toContain(session)
    }
  })

  it('appears in no log record, nor does the session value or a login code', () => {
    expect(h.records.length).toBeGreaterThan(10)
    const log = JSON.stringify(h.records)
    expect(log).not.toContain(key)
    expect(log).not.toContain(session)
    expect(log).not.toContain('AQsecretcode123')
    expect(log).toContain('the web host is listening')
    expect(log).toContain('failed with')
  })

  it('logs the path of each request, never its query', () => {
    const paths = h.records.filter((r) => r.message === 'request').map((r) => r.fields?.path)
    expect(paths).toContain('/')
    expect(paths).toContain('/login/callback')
    expect(paths.every((p) => typeof p === 'string' && !p.includes('?'))).toBe(true)
  })
})
