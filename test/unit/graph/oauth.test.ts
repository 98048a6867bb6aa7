import { afterEach, describe, expect, it } from 'vitest'
import { parseTokenGrant } from '../../../main/core/graph'
import type { Harness } from './harness'
import { APP_ID, APP_SECRET, NOW, USER_TOKEN, graphError, rejection, startHarness } from './harness'

let h: Harness
afterEach(() => h.server.close())

const CODE = 'AQBcodeForOAuthTests0123456789abcdefgh'
const REDIRECT = 'https://www.facebook.com/connect/login_success.html'

describe('exchanges', () => {
  it('exchanges a code with the verifier and dates the expiry from receipt', async () => {
    h = await startHarness()
    h.server.enqueue({ body: { access_token: 'EAAGlongLivedXXXXXXXXXXXX', token_type: 'bearer', expires_in: 5183944 } })
    const grant = await h.client.exchangeCode({ code: CODE, redirectUri: REDIRECT, codeVerifier: 'v'.repeat(43) })
    expect(grant).toEqual({ token: 'EAAGlongLivedXXXXXXXXXXXX', expiresIn: 5183944, expiresAt: NOW + 5183944 * 1000, type: 'bearer' })
    expect(h.server.requests[0]).toMatchObject({
      method: 'GET', path: '/v27.0/oauth/access_token',
      query: { client_id: APP_ID, client_secret: APP_SECRET, redirect_uri: REDIRECT, code: CODE, code_verifier: 'v'.repeat(43) },
    })
  })

  it('omits code_verifier when there is none', async () => {
    h = await startHarness()
    h.server.enqueue({ body: { access_token: 'EAAGxxxxxxxxxxxxxxxx', token_type: 'bearer', expires_in: 3600 } })
    await h.client.exchangeCode({ code: CODE, redirectUri: REDIRECT })
    expect(h.server.requests[0]?.query).not.toHaveProperty('code_verifier')
  })

  it.each([
    [graphError(100, 'This authorization code has been used.', { error_subcode: 36009 }), { kind: 'code-reused' }],
    [graphError(100, 'This authorization code has expired.', { error_subcode: 36007 }), { kind: 'code-expired' }],
    [graphError(1, 'Error validating client secret.'), { kind: 'configuration', detail: 'wrong-secret' }],
    [graphError(101, 'Error validating application. Invalid application ID.'), { kind: 'configuration', detail: 'unknown-app' }],
    [graphError(1, 'code_verifier param is provided without a code_challenge in authorization request.'), { kind: 'configuration', detail: 'pkce-without-challenge' }],
    [graphError(100, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request'), { kind: 'configuration', detail: 'redirect-mismatch' }],
  ])('classifies exchange error %#', async (body, expected) => {
    h = await startHarness()
    h.server.enqueue({ status: 400, body })
    expect(await rejection(h.client.exchangeCode({ code: CODE, redirectUri: REDIRECT }))).toMatchObject({ ...expected, httpStatus: 400 })
    expect(h.server.requests).toHaveLength(1)
  })

  it('exchanges for a long-lived token', async () => {
    h = await startHarness()
    h.server.enqueue({ body: { access_token: 'EAAGlongXXXXXXXXXXXXXXXX', token_type: 'bearer', expires_in: 5184000 } })
    const grant = await h.client.exchangeForLongLived(USER_TOKEN)
    expect(grant.expiresAt).toBe(NOW + 5184000 * 1000)
    expect(h.server.requests[0]?.query).toEqual({ client_id: APP_ID, client_secret: APP_SECRET, grant_type: 'fb_exchange_token', fb_exchange_token: USER_TOKEN })
  })

  it('gets an app token by client_credentials; the literal form needs no call', async () => {
    h = await startHarness()
    h.server.enqueue({ body: { access_token: `${APP_ID}|AJNQIuZELLBZER834SEWxtcpq2I`, token_type: 'bearer' } })
    expect(await h.client.appToken()).toEqual({ token: `${APP_ID}|AJNQIuZELLBZER834SEWxtcpq2I`, expiresIn: null, expiresAt: null, type: 'bearer' })
    expect(h.server.requests[0]?.query).toEqual({ client_id: APP_ID, client_secret: APP_SECRET, grant_type: 'client_credentials' })
    expect(h.client.appTokenLiteral()).toBe(`${APP_ID}|${APP_SECRET}`)
  })
})

describe('parseTokenGrant', () => {
  it('accepts expires_in as a string, and treats 0 as no expiry', () => {
    expect(parseTokenGrant({ access_token: 'EAAx', expires_in: '60' }, 1000, 'op')).toMatchObject({ expiresIn: 60, expiresAt: 61_000, type: 'bearer' })
    expect(parseTokenGrant({ access_token: 'EAAx', expires_in: 0 }, 1000, 'op')).toMatchObject({ expiresIn: null, expiresAt: null })
  })

  it('refuses an answer without a token', () => {
    expect(() => parseTokenGrant({ token_type: 'bearer' }, 0, 'op')).toThrow(/without a token/)
  })
})
