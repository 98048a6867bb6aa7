import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, call, callAs, dataOf, debug, errorOf, exchange, loginCode, start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start()
})
afterEach(() => sb.close())

const pkcePair = (): { verifier: string; challenge: string } => {
  const verifier = randomBytes(48).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

describe('code exchange', () => {
  it('gives a bearer user token once, then 100/36009 for the reused code', async () => {
    const code = await loginCode(sb)
    const first = await exchange(sb, code)
    expect(first.status).toBe(200)
    const body = first.json as { access_token: string; token_type: string; expires_in: number }
    expect(body.access_token).toMatch(/^EAA/)
    expect(body.token_type).toBe('bearer')
    expect(body.expires_in).toBe(7200)
    expect(sb.tokenInfo(body.access_token)).toMatchObject({ kind: 'USER', longLived: false, scopes: ['public_profile', 'pages_show_list', 'ads_read'] })
    const again = await exchange(sb, code)
    expect(again.status).toBe(400)
    expect(errorOf(again)).toMatchObject({ code: 100, error_subcode: 36009, type: 'OAuthException', message: 'This authorization code has been used.' })
    expect(again.headers.get('www-authenticate')).toBe('OAuth "Facebook Platform" "invalid_code" "This authorization code has been used."')
  })

  it('expires a code after 10 minutes of sandbox time (100/36007)', async () => {
    const code = await loginCode(sb)
    sb.clock.advance(10 * 60 * 1000 + 1)
    expect(errorOf(await exchange(sb, code))).toMatchObject({ code: 100, error_subcode: 36007, message: 'This authorization code has expired.' })
  })

  it('accepts a code just inside 10 minutes', async () => {
    const code = await loginCode(sb)
    sb.clock.advance(10 * 60 * 1000)
    expect((await exchange(sb, code)).status).toBe(200)
  })

  it('refuses a different redirect_uri (100/36008) without burning the code', async () => {
    const code = await loginCode(sb)
    const wrong = await exchange(sb, code, { redirect_uri: `${sb.practiceApp.redirectUris[0]}/` })
    expect(errorOf(wrong)).toMatchObject({ code: 100, error_subcode: 36008 })
    expect(errorOf(wrong).message).toContain('redirect_uri is identical')
    expect((await exchange(sb, code)).status).toBe(200)
  })

  it.each([
    [{ code: 'garbage' }, 100, 'Invalid verification code format.'],
    [{ client_secret: '0'.repeat(32) }, 1, 'Error validating client secret.'],
    [{ client_id: '123456' }, 101, 'Error validating application. Invalid application ID.'],
    [{ client_id: '' }, 101, 'Missing client_id parameter.'],
  ])('answers %o with code %i', async (override, code, message) => {
    const reply = await exchange(sb, await loginCode(sb), override)
    expect(reply.status).toBe(400)
    expect(errorOf(reply)).toMatchObject({ code, message, type: 'OAuthException' })
    expect(errorOf(reply).fbtrace_id).toMatch(/^[A-Za-z0-9_-]{11}$/)
  })

  it('reads the parameters from a urlencoded POST body too', async () => {
    const code = await loginCode(sb)
    const reply = await call(
      sb,
      `/${V}/oauth/access_token`,
      { client_id: sb.practiceApp.id, client_secret: sb.practiceApp.secret, redirect_uri: sb.practiceApp.redirectUris[0]!, code },
      { method: 'POST', form: true },
    )
    expect(reply.status).toBe(200)
  })
})

describe('PKCE', () => {
  it('exchanges with the matching S256 verifier', async () => {
    const { verifier, challenge } = pkcePair()
    const code = await loginCode(sb, { code_challenge: challenge, code_challenge_method: 'S256' })
    expect((await exchange(sb, code, { code_verifier: verifier })).status).toBe(200)
  })

  it('refuses a mismatching verifier with an OAuthException and burns the code', async () => {
    const { challenge } = pkcePair()
    const code = await loginCode(sb, { code_challenge: challenge, code_challenge_method: 'S256' })
    const wrong = await exchange(sb, code, { code_verifier: pkcePair().verifier })
    expect(wrong.status).toBe(400)
    expect(errorOf(wrong).type).toBe('OAuthException')
    expect(errorOf(wrong).message).toContain('Invalid code verifier')
    expect(errorOf(await exchange(sb, code)).error_subcode).toBe(36009)
  })

  it('refuses a missing verifier when the dialog had a challenge (default behaviour)', async () => {
    const code = await loginCode(sb, { code_challenge: pkcePair().challenge, code_challenge_method: 'S256' })
    expect((await exchange(sb, code)).status).toBe(400)
  })

  it('refuses a verifier without a challenge with the real code-1 error, leaving the code usable', async () => {
    const code = await loginCode(sb)
    const reply = await exchange(sb, code, { code_verifier: pkcePair().verifier })
    expect(errorOf(reply)).toMatchObject({ code: 1, message: 'code_verifier param is provided without a code_challenge in authorization request.' })
    expect((await exchange(sb, code)).status).toBe(200)
  })

  it('ignores the challenge when the app does not honour PKCE, so the verifier later gets the code-1 error', async () => {
    sb.controls.setApp(sb.practiceApp.id, { honourPkce: false })
    const { verifier, challenge } = pkcePair()
    const code = await loginCode(sb, { code_challenge: challenge, code_challenge_method: 'S256' })
    expect(errorOf(await exchange(sb, code, { code_verifier: verifier })).code).toBe(1)
    expect((await exchange(sb, code)).status).toBe(200)
  })
})

describe('fb_exchange_token', () => {
  const extend = (token: string, extra: Record<string, string> = {}) =>
    call(sb, `/${V}/oauth/access_token`, {
      grant_type: 'fb_exchange_token',
      client_id: sb.practiceApp.id,
      client_secret: sb.practiceApp.secret,
      fb_exchange_token: token,
      ...extra,
    })

  it('returns a new long-lived string with expires_in 5183944', async () => {
    const short = sb.issueToken({ kind: 'USER', lifetime: 'short' })
    const reply = await extend(short)
    const body = reply.json as { access_token: string; token_type: string; expires_in: number }
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 5183944 })
    expect(body.access_token).not.toBe(short)
    const info = sb.tokenInfo(body.access_token)!
    expect(info.longLived).toBe(true)
    expect(info.expiresAt - info.issuedAt!).toBe(5184000)
    const data = dataOf(await debug(sb, body.access_token))
    expect(data.issued_at).toBe(info.issuedAt)
  })

  it('does not extend an already long-lived token by default', async () => {
    const long = sb.issueToken({ kind: 'USER', lifetime: 'long' })
    const before = sb.tokenInfo(long)!.expiresAt
    sb.clock.advance(86400_000)
    const body = (await extend(long)).json as { access_token: string; expires_in: number }
    expect(sb.tokenInfo(body.access_token)!.expiresAt).toBe(before)
    expect(body.expires_in).toBe(before - Math.floor(sb.clock.now() / 1000))
  })

  it('refuses an expired input with 190/463', async () => {
    const short = sb.issueToken({ kind: 'USER', lifetime: 'short' })
    sb.clock.advance(2 * 3600_000)
    const reply = await extend(short)
    expect(errorOf(reply)).toMatchObject({ code: 190, error_subcode: 463 })
    expect(errorOf(reply).message).toMatch(/^Error validating access token: Session has expired on \w+day, \d\d-\w{3}-\d\d \d\d:\d\d:\d\d P[SD]T\. The current time is/)
  })

  it('refuses a dead input with its subcode, and garbage with a 190', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    sb.controls.changePassword(sb.practiceUser.id)
    expect(errorOf(await extend(token))).toMatchObject({ code: 190, error_subcode: 460 })
    expect(errorOf(await extend('EAAnotatoken'))).toMatchObject({ code: 190 })
  })

  it('refreshes an expiring system-user token when asked for 60 days', async () => {
    const su = sb.issueToken({ kind: 'SYSTEM_USER', lifetime: 'long' })
    const reply = await extend(su, { set_token_expires_in_60_days: 'true' })
    const body = reply.json as { access_token: string }
    expect(sb.tokenInfo(body.access_token)?.kind).toBe('SYSTEM_USER')
  })
})

describe('app tokens', () => {
  it('issues {app-id}|{random} for client_credentials, valid on debug_token, and accepts the literal form', async () => {
    const reply = await call(sb, `/${V}/oauth/access_token`, {
      grant_type: 'client_credentials',
      client_id: sb.practiceApp.id,
      client_secret: sb.practiceApp.secret,
    })
    const body = reply.json as { access_token: string; token_type: string; expires_in?: number }
    expect(body.access_token).toMatch(new RegExp(`^${sb.practiceApp.id}\\|[A-Za-z0-9_-]{27}$`))
    expect(body.token_type).toBe('bearer')
    expect(body.expires_in).toBeUndefined()
    const user = sb.issueToken({ kind: 'USER' })
    expect(dataOf(await debug(sb, user, body.access_token)).is_valid).toBe(true)
    expect(dataOf(await debug(sb, body.access_token)).type).toBe('APP')
  })

  it('answers /me with an app token by the real code-2500 error', async () => {
    const reply = await call(sb, `/${V}/me`, { access_token: `${sb.practiceApp.id}|${sb.practiceApp.secret}` })
    expect(errorOf(reply)).toMatchObject({ code: 2500, message: 'An active access token must be used to query information about the current user.' })
    expect(reply.headers.get('www-authenticate')).toContain('"invalid_request"')
  })

  it('a token from the code flow works on /me', async () => {
    const token = (await exchange(sb, await loginCode(sb))).json as { access_token: string }
    const me = await callAs(sb, token.access_token, `/${V}/me`)
    expect(me.json).toEqual({ name: 'Pat Practice', id: sb.practiceUser.id })
  })
})
