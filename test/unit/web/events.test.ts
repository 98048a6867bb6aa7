import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Harness } from './support'
import { eventData, sampleState, startHarness, streamReader } from './support'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ heartbeatMs: 20 })
})
afterAll(() => h.stop())

describe('GET /api/events', () => {
  it('sends the state now, then each change', async () => {
    const response = await h.get('/api/events')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const stream = streamReader(response)

    const first = await stream.until((raw) => eventData(raw).length === 1)
    expect(JSON.parse(eventData(first)[0]!)).toEqual(h.core.state())

    const changed = sampleState({ online: false, lastCheckAt: '2025-01-02T03:04:05.000Z' })
    h.core.emit(changed)
    const second = await stream.until((raw) => eventData(raw).length === 2)
    expect(JSON.parse(eventData(second)[1]!)).toEqual(changed)
    h.bodies.push(second)

    const unsubscribed = h.core.nextUnsubscribe()
    await stream.cancel()
    await unsubscribed
    expect(h.core.listeners.size).toBe(0)
  })

  it('sends heartbeats between changes', async () => {
    const stream = streamReader(await h.get('/api/events'))
    const raw = await stream.until((text) => text.includes(': heartbeat\n\n'))
    expect(eventData(raw)).toHaveLength(1)
    const unsubscribed = h.core.nextUnsubscribe()
    await stream.cancel()
    await unsubscribed
  })

  it('keeps one subscription per open stream', async () => {
    const a = streamReader(await h.get('/api/events'))
    const b = streamReader(await h.get('/api/events'))
    await a.until((raw) => eventData(raw).length === 1)
    await b.until((raw) => eventData(raw).length === 1)
    expect(h.core.listeners.size).toBe(2)
    const one = h.core.nextUnsubscribe()
    await a.cancel()
    await one
    expect(h.core.listeners.size).toBe(1)
    const two = h.core.nextUnsubscribe()
    await b.cancel()
    await two
    expect(h.core.listeners.size).toBe(0)
  })

  it('needs the session header', async () => {
    const response = await fetch(`${h.host.origin}/api/events`)
    expect(response.status).toBe(401)
    await h.text(response)
    expect(h.core.listeners.size).toBe(0)
  })

  it('refuses a foreign Origin (an EventSource on another site)', async () => {
    const response = await h.get('/api/events', { headers: { origin: 'http://evil.example' } })
    expect(response.status).toBe(403)
    await h.text(response)
    expect(h.core.listeners.size).toBe(0)
  })
})

describe('closing the host', () => {
  it('ends open streams and unsubscribes them', async () => {
    const own = await startHarness()
    const stream = streamReader(await own.get('/api/events'))
    await stream.until((raw) => eventData(raw).length === 1)
    expect(own.core.listeners.size).toBe(1)
    await own.stop()
    await stream.end()
    expect(own.core.listeners.size).toBe(0)
  })
})
