import { afterEach, describe, expect, it } from 'vitest'
import type { BatchItem } from '../../../main/core/graph'
import { MAX_BATCH_ITEMS, appsecretProof } from '../../../main/core/graph'
import type { RecordedRequest } from '../../support/scripted-server'
import type { Harness } from './harness'
import { APP_SECRET, USER_TOKEN, graphError, rejection, startHarness } from './harness'

let h: Harness
afterEach(() => h.server.close())

interface WireItem {
  method: string
  relative_url: string
  body?: string
}
const wireItems = (r: RecordedRequest | undefined): WireItem[] => JSON.parse(String(r?.body.batch)) as WireItem[]
const tokenOf = (i: number) => `EAAGitem${String(i).padStart(3, '0')}TokenXXXXXXXXXX`

/** Answers each item with its own token echoed back, so order and routing can be checked. */
function echo(request: RecordedRequest) {
  return {
    body: wireItems(request).map((item) => {
      const params = new URLSearchParams(item.body ?? new URL(item.relative_url, 'http://x/').search)
      return { code: 200, headers: [{ name: 'Content-Type', value: 'text/javascript; charset=UTF-8' }], body: JSON.stringify({ token: params.get('access_token'), proof: params.get('appsecret_proof') }) }
    }),
  }
}

describe('batch', () => {
  it('splits 120 items 50/50/20, with per-item tokens and proofs, keeping order', async () => {
    h = await startHarness()
    h.server.otherwise(echo)
    const items: BatchItem[] = Array.from({ length: 120 }, (_, i) => ({ method: i % 3 === 0 ? 'POST' : 'GET', relativeUrl: i % 2 ? `me?fields=id` : 'me', body: i % 3 === 0 ? { message: 'hi' } : undefined, accessToken: tokenOf(i) }))
    const results = await h.client.batch(items, { accessToken: USER_TOKEN })
    expect(MAX_BATCH_ITEMS).toBe(50)
    expect(h.server.requests.map((r) => wireItems(r).length)).toEqual([50, 50, 20])
    expect(results.map((r) => r.ok && (r.body as { token: string }).token)).toEqual(items.map((_, i) => tokenOf(i)))
    expect(results.every((r, i) => r.ok && (r.body as { proof: string }).proof === appsecretProof(tokenOf(i), APP_SECRET))).toBe(true)
    for (const r of h.server.requests) {
      expect(r).toMatchObject({ method: 'POST', path: '/v27.0', body: { access_token: USER_TOKEN, appsecret_proof: appsecretProof(USER_TOKEN, APP_SECRET) } })
      expect(r.body).not.toHaveProperty('include_headers')
    }
    const [post, get] = wireItems(h.server.requests[0])
    expect(post).toMatchObject({ method: 'POST', relative_url: 'me' })
    expect(new URLSearchParams(post?.body).get('message')).toBe('hi')
    expect(get?.relative_url).toBe(`me?fields=id&access_token=${tokenOf(1)}&appsecret_proof=${appsecretProof(tokenOf(1), APP_SECRET)}`)
    expect(results[0]).toMatchObject({ ok: true, status: 200, headers: [{ name: 'Content-Type', value: 'text/javascript; charset=UTF-8' }] })
  })

  it('retries null items a bounded number of times, with backoff, and reports the rest', async () => {
    h = await startHarness()
    h.server.enqueue(
      { body: [{ code: 200, body: '{"id":"a"}' }, null, null] },
      { body: [null, { code: 200, body: '{"id":"c"}' }] },
      { body: [null] },
      { body: [null] },
    )
    const items: BatchItem[] = ['a', 'b', 'c'].map((id) => ({ method: 'GET', relativeUrl: id }))
    const results = await h.client.batch(items, { accessToken: USER_TOKEN, includeHeaders: false })
    expect(results.map((r) => (r.ok ? (r.body as { id: string }).id : r.error.kind))).toEqual(['a', 'transient', 'c'])
    expect(h.server.requests.map((r) => wireItems(r).map((i) => i.relative_url))).toEqual([['a', 'b', 'c'], ['b', 'c'], ['b']])
    expect(h.waits).toEqual([500, 1000])
    expect(h.server.requests[0]?.body.include_headers).toBe('false')
    expect(h.server.pending()).toBe(1)
  })

  it('classifies failed items and parses DELETE bodies', async () => {
    h = await startHarness()
    h.server.enqueue({
      body: [
        { code: 400, headers: [{ name: 'WWW-Authenticate', value: 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token."' }], body: JSON.stringify(graphError(190, 'Invalid OAuth access token.')) },
        { code: 403, body: JSON.stringify(graphError(200, '(#200) no')) },
        { code: 200, body: 'true' },
        { code: 200, body: 'not json' },
      ],
    })
    const results = await h.client.batch(['a', 'b', 'c', 'd'].map((u) => ({ method: 'DELETE' as const, relativeUrl: u })), { accessToken: USER_TOKEN })
    expect(results[0]).toMatchObject({ ok: false, status: 400, error: { kind: 'token-dead', reason: 'invalid', httpStatus: 400 } })
    expect(results[1]).toMatchObject({ ok: false, error: { kind: 'permission' } })
    expect(results[2]).toEqual({ ok: true, status: 200, headers: [], body: true })
    expect(results[3]).toMatchObject({ ok: true, body: 'not json' })
  })

  it('throws when the answer does not match the items', async () => {
    h = await startHarness()
    h.server.enqueue({ body: [{ code: 200, body: '{}' }] })
    expect(await rejection(h.client.batch([{ method: 'GET', relativeUrl: 'a' }, { method: 'GET', relativeUrl: 'b' }], { accessToken: USER_TOKEN }))).toMatchObject({ kind: 'unknown' })
  })

  it('a whole-batch transient error is retried like any call', async () => {
    h = await startHarness()
    h.server.enqueue({ status: 500, body: graphError(2, 'down') }, { body: [{ code: 200, body: '{"id":"x"}' }] })
    const [result] = await h.client.batch([{ method: 'GET', relativeUrl: 'x' }], { accessToken: USER_TOKEN })
    expect(result?.ok).toBe(true)
    expect(h.waits).toEqual([500])
  })
})
