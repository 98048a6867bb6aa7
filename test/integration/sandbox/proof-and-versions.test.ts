import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, call, errorOf, hmac, start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start()
})
afterEach(() => sb.close())

describe('appsecret_proof', () => {
  it('is optional until the app requires it, then missing is the GraphMethodException', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    expect((await call(sb, `/${V}/me`, { access_token: token })).status).toBe(200)
    sb.controls.setApp(sb.practiceApp.id, { requireAppSecret: true })
    const reply = await call(sb, `/${V}/me`, { access_token: token })
    expect(errorOf(reply)).toMatchObject({ code: 100, type: 'GraphMethodException', message: 'API calls from the server require an appsecret_proof argument' })
    expect((await call(sb, `/${V}/me`, { access_token: token, appsecret_proof: hmac(sb.practiceApp.secret, token) })).status).toBe(200)
  })

  it('rejects a wrong proof even when not required, and a proof made for another token', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const other = sb.issueToken({ kind: 'USER' })
    for (const proof of ['0'.repeat(64), hmac(sb.practiceApp.secret, other), hmac('f'.repeat(32), token)]) {
      expect(errorOf(await call(sb, `/${V}/me`, { access_token: token, appsecret_proof: proof }))).toMatchObject({
        code: 100,
        type: 'GraphMethodException',
        message: 'Invalid appsecret_proof provided in the API argument',
      })
    }
  })

  it('accepts the time-stamped form within 300 s of the sandbox clock and refuses it after', async () => {
    sb.controls.setApp(sb.practiceApp.id, { requireAppSecret: true })
    const token = sb.issueToken({ kind: 'USER', lifetime: 'long' })
    const time = String(Math.floor(sb.clock.now() / 1000))
    const params = { access_token: token, appsecret_proof: hmac(sb.practiceApp.secret, `${token}|${time}`), appsecret_time: time }
    expect((await call(sb, `/${V}/me`, params)).status).toBe(200)
    sb.clock.advance(300_000)
    expect((await call(sb, `/${V}/me`, params)).status).toBe(200)
    sb.clock.advance(1000)
    expect(errorOf(await call(sb, `/${V}/me`, params)).message).toBe('Invalid appsecret_proof provided in the API argument')
  })

  it('needs no proof with an app token, and checks page tokens with their own proof', async () => {
    sb.controls.setApp(sb.practiceApp.id, { requireAppSecret: true })
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id })
    expect((await call(sb, `/${V}/me`, { access_token: page, appsecret_proof: hmac(sb.practiceApp.secret, page) })).status).toBe(200)
    expect(errorOf(await call(sb, `/${V}/me`, { access_token: page })).code).toBe(100)
    expect((await call(sb, `/${V}/${sb.practiceUser.id}/permissions`, { access_token: `${sb.practiceApp.id}|${sb.practiceApp.secret}` })).status).toBe(200)
  })
})

describe('version prefix', () => {
  it('serves versioned and unversioned calls and reports the version in facebook-api-version', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    expect((await call(sb, `/${V}/me`, { access_token: token })).headers.get('facebook-api-version')).toBe('v25.0')
    expect((await call(sb, '/v24.0/me', { access_token: token })).headers.get('facebook-api-version')).toBe('v24.0')
    // The clock is in March 2026: the newest released version serves unversioned calls.
    expect((await call(sb, '/me', { access_token: token })).headers.get('facebook-api-version')).toBe('v25.0')
  })

  it('serves an expired version as the next usable one', async () => {
    const reply = await call(sb, '/v17.0/me', { access_token: sb.issueToken({ kind: 'USER' }) })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('facebook-api-version')).toBe('v19.0')
  })

  it.each(['/v2.80/me/adaccounts', '/2.8/me/adaccounts', '/v25/me/adaccounts'])('answers the malformed %s with code 2500', async (path) => {
    const reply = await call(sb, path, { access_token: sb.issueToken({ kind: 'USER' }) })
    expect(reply.status).toBe(400)
    expect(errorOf(reply)).toMatchObject({ code: 2500, type: 'OAuthException', message: 'Unknown path components: /me/adaccounts' })
  })

  it('refuses an unreleased version by default', async () => {
    expect(errorOf(await call(sb, '/v99.0/me', { access_token: sb.issueToken({ kind: 'USER' }) })).code).toBe(2500)
  })
})
