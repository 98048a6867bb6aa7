import { afterEach, describe, expect, it } from 'vitest'
import { appsecretProof, isAppToken } from '../../../main/core/graph'
import type { Harness } from './harness'
import { APP_ID, APP_SECRET, PAGE_TOKEN, USER_TOKEN, startHarness } from './harness'

describe('appsecretProof', () => {
  it('is hex HMAC-SHA256 keyed by the secret (RFC 4231 test case 2)', () => {
    expect(appsecretProof('what do ya want for nothing?', 'Jefe')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
  })

  it('depends on the exact token string', () => {
    expect(appsecretProof(`${USER_TOKEN} `, APP_SECRET)).not.toBe(appsecretProof(USER_TOKEN, APP_SECRET))
  })

  it('tells app tokens from user tokens', () => {
    expect(isAppToken(`${APP_ID}|${APP_SECRET}`)).toBe(true)
    expect(isAppToken(USER_TOKEN)).toBe(false)
  })
})

describe('proof on the wire', () => {
  let h: Harness
  afterEach(() => h.server.close())

  it('sends the proof of the exact token with user and page tokens, none with app tokens', async () => {
    h = await startHarness()
    h.server.enqueue({ body: { id: '1', name: 'A' } }, { body: { id: '2', name: 'P' } }, { body: { data: { is_valid: false, scopes: [] } } })
    await h.client.me(USER_TOKEN)
    await h.client.me(PAGE_TOKEN)
    await h.client.debugToken(USER_TOKEN)
    const [user, page, debug] = h.server.requests
    expect(user?.query.access_token).toBe(USER_TOKEN)
    expect(user?.query.appsecret_proof).toBe(appsecretProof(USER_TOKEN, APP_SECRET))
    expect(page?.query.appsecret_proof).toBe(appsecretProof(PAGE_TOKEN, APP_SECRET))
    expect(debug?.query.access_token).toBe(`${APP_ID}|${APP_SECRET}`)
    expect(debug?.query).not.toHaveProperty('appsecret_proof')
  })
})
