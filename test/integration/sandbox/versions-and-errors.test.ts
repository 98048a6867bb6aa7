import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { KNOWN_VERSIONS } from '../../../main/core/sandbox/versions'
import { V, call, callAs, errorOf, start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start()
})
afterEach(() => sb.close())

const order = (v: string): number => {
  const [major, minor] = v.slice(1).split('.').map(Number)
  return major! * 100 + minor!
}

describe('versions as Graph handles them', () => {
  it('serves every version in the table: usable ones as themselves, expired ones as the next usable', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    expect(KNOWN_VERSIONS).toHaveLength(42)
    const served: Record<string, string> = {}
    for (const version of KNOWN_VERSIONS) {
      const reply = await call(sb, `/${version}/me`, { access_token: token })
      expect(reply.status, version).toBe(200)
      served[version] = reply.headers.get('facebook-api-version')!
      expect(order(served[version]), version).toBeGreaterThanOrEqual(order(version))
    }
    // The clock is 3 March 2026: v18.0 ended 26 January 2026, v19.0 lasts until 21 May 2026.
    expect(served['v3.2']).toBe('v19.0')
    expect(served['v2.10']).toBe('v19.0')
    expect(served['v18.0']).toBe('v19.0')
    expect(served['v19.0']).toBe('v19.0')
    expect(served['v25.0']).toBe('v25.0')
  })

  it('moves the served version on when the clock passes an end date', async () => {
    const token = sb.issueToken({ kind: 'USER', lifetime: 'never' })
    sb.clock.set(Date.UTC(2026, 4, 22))
    expect((await call(sb, '/v19.0/me', { access_token: token })).headers.get('facebook-api-version')).toBe('v20.0')
  })

  it.each(['v2.13', 'v3.4', 'v16.5', 'v1.1'])('refuses %s, a version that never existed, with code 2500', async (version) => {
    const reply = await call(sb, `/${version}/me/accounts`, { access_token: sb.issueToken({ kind: 'USER' }) })
    expect(reply.status).toBe(400)
    expect(errorOf(reply)).toMatchObject({ code: 2500, type: 'OAuthException', message: 'Unknown path components: /me/accounts' })
  })

  it('serves a version newer than the table only when told to', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    expect(errorOf(await call(sb, '/v28.0/me', { access_token: token })).message).toBe('Unknown path components: /me')
    sb.controls.setBehaviour({ unreleasedVersion: 'serve' })
    const reply = await call(sb, '/v28.0/me', { access_token: token })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('facebook-api-version')).toBe('v25.0')
  })
})

describe('errors in every shape the SDKs parse', () => {
  it('gives a dead token every field of the documented shape and the WWW-Authenticate header', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    sb.controls.changePassword(sb.practiceUser.id)
    const reply = await callAs(sb, token, `/${V}/me`)
    const message =
      'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.'
    expect(reply.status).toBe(400)
    expect(reply.json).toEqual({
      error: {
        message,
        type: 'OAuthException',
        code: 190,
        error_subcode: 460,
        error_user_title: 'Session expired',
        error_user_msg: 'Your password changed or Facebook reset your session for security. Log in again.',
        fbtrace_id: expect.stringMatching(/^[\w-]{11}$/) as string,
      },
    })
    expect(reply.headers.get('www-authenticate')).toBe(`OAuth "Facebook Platform" "invalid_token" "${message}"`)
  })

  it('leaves the user words out when so configured, as many real captures do', async () => {
    sb.controls.setBehaviour({ userMessagesOnTokenErrors: false })
    const token = sb.issueToken({ kind: 'USER', lifetime: 'short' })
    sb.clock.advance(3 * 3600_000)
    const error = errorOf(await callAs(sb, token, `/${V}/me`)) as Record<string, unknown>
    expect(error).toMatchObject({ code: 190, error_subcode: 463 })
    expect(error).not.toHaveProperty('error_user_title')
    expect(error).not.toHaveProperty('error_user_msg')
  })

  it('passes an injected fault its user title and message', async () => {
    sb.controls.injectFault({ kind: 'error', code: 100, subcode: 1487390, message: 'Invalid parameter', userTitle: 'Budget too low', userMsg: 'Raise the daily budget to at least $1.00.' })
    const error = errorOf(await callAs(sb, sb.issueToken({ kind: 'USER' }), `/${V}/me/adaccounts`)) as Record<string, unknown>
    expect(error).toMatchObject({ code: 100, error_subcode: 1487390, error_user_title: 'Budget too low', error_user_msg: 'Raise the daily budget to at least $1.00.' })
  })
})
