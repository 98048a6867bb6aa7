import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, appToken, call, dataOf, debug, errorOf, hmac, start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start()
})
afterEach(() => sb.close())

const nowS = (): number => Math.floor(sb.clock.now() / 1000)

describe('debug_token', () => {
  it('describes a long-lived user token like the real capture', async () => {
    const token = sb.issueToken({ kind: 'USER', lifetime: 'long', scopes: ['public_profile', 'ads_read'] })
    const reply = await debug(sb, token)
    expect(reply.status).toBe(200)
    expect(dataOf(reply)).toEqual({
      app_id: sb.practiceApp.id,
      type: 'USER',
      application: 'Token Desk Practice',
      data_access_expires_at: nowS() + 90 * 86400,
      expires_at: nowS() + 60 * 86400,
      is_valid: true,
      issued_at: nowS(),
      scopes: ['public_profile', 'ads_read'],
      granular_scopes: [{ scope: 'ads_read' }],
      user_id: sb.practiceUser.id,
    })
  })

  it('omits issued_at for a short-lived user token', async () => {
    const data = dataOf(await debug(sb, sb.issueToken({ kind: 'USER', lifetime: 'short' })))
    expect(data).not.toHaveProperty('issued_at')
    expect(data.expires_at).toBe(nowS() + 7200)
  })

  it('describes page tokens: never expiring from a long-lived user token, 1 h from a short-lived one', async () => {
    const pageId = sb.pages[0]!.id
    const long = dataOf(await debug(sb, sb.issueToken({ kind: 'PAGE', pageId })))
    expect(long).toMatchObject({ type: 'PAGE', profile_id: pageId, expires_at: 0, is_valid: true, user_id: sb.practiceUser.id })
    expect(long.granular_scopes).toContainEqual({ scope: 'pages_show_list', target_ids: [pageId] })
    const short = dataOf(await debug(sb, sb.issueToken({ kind: 'PAGE', pageId, lifetime: 'short' })))
    expect(short.expires_at).toBe(nowS() + 3600)
  })

  it('describes a system-user token with zeros for never', async () => {
    const data = dataOf(await debug(sb, sb.issueToken({ kind: 'SYSTEM_USER' })))
    expect(data).toMatchObject({ type: 'SYSTEM_USER', expires_at: 0, data_access_expires_at: 0, is_valid: true, user_id: sb.systemUser.id })
    expect(data.issued_at).toBe(nowS())
  })

  it('describes an app token without expiry fields', async () => {
    expect(dataOf(await debug(sb, appToken(sb)))).toEqual({
      app_id: sb.practiceApp.id,
      type: 'APP',
      application: 'Token Desk Practice',
      is_valid: true,
      scopes: [],
    })
  })

  it('answers an expired token with 200, is_valid false and the 463 error inside data', async () => {
    const token = sb.issueToken({ kind: 'USER', lifetime: 'long' })
    sb.clock.advance(61 * 86400_000)
    const reply = await debug(sb, token)
    expect(reply.status).toBe(200)
    const data = dataOf(reply)
    expect(data.is_valid).toBe(false)
    const error = data.error as { code: number; message: string; subcode: number }
    expect(error.code).toBe(190)
    expect(error.subcode).toBe(463)
    expect(error).not.toHaveProperty('error_subcode')
    expect(error.message).toMatch(/^Error validating access token: Session has expired on Saturday, 02-May-26 05:00:00 PDT\. The current time is /)
  })

  it.each([
    ['changePassword', 460],
    ['logout', 467],
    ['checkpoint', 459],
    ['unconfirm', 464],
    ['removeApp', 458],
    ['revokePermission', 466],
  ] as const)('reports %s as subcode %i', async (control, subcode) => {
    const token = sb.issueToken({ kind: 'USER' })
    sb.controls[control](sb.practiceUser.id)
    const data = dataOf(await debug(sb, token))
    expect(data.is_valid).toBe(false)
    expect((data.error as { subcode: number }).subcode).toBe(subcode)
  })

  it.each([
    ['EAAgarbage-not-issued', 'Invalid OAuth access token - Cannot parse access token'],
    ['not a token at all', 'Invalid OAuth access token - Cannot parse access token'],
  ])('answers garbage %s with 200 and no app fields', async (input, message) => {
    const reply = await debug(sb, input)
    expect(reply.status).toBe(200)
    expect(dataOf(reply)).toEqual({ error: { code: 190, message }, is_valid: false, scopes: [] })
  })

  it('tells a wrong app-token signature from an unknown app', async () => {
    expect((dataOf(await debug(sb, `${sb.practiceApp.id}|abc`)).error as { message: string }).message).toBe('Invalid OAuth access token signature.')
    expect((dataOf(await debug(sb, '123|abc')).error as { message: string }).message).toBe(
      'Error validating application. Cannot get application info due to a system error.',
    )
  })

  it('needs an access_token: 400 code 100 without one', async () => {
    const reply = await call(sb, `/${V}/debug_token`, { input_token: sb.issueToken({ kind: 'USER' }) })
    expect(reply.status).toBe(400)
    expect(errorOf(reply)).toMatchObject({
      code: 100,
      message: '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
    })
  })

  it('treats a Native/Desktop app token as no token, and accepts an admin user token of the app', async () => {
    sb.controls.setApp(sb.practiceApp.id, { appType: 'native-desktop' })
    const input = sb.issueToken({ kind: 'USER' })
    expect(errorOf(await debug(sb, input)).code).toBe(100)
    const admin = sb.issueToken({ kind: 'USER' })
    const reply = await call(sb, `/${V}/debug_token`, { input_token: input, access_token: admin, appsecret_proof: hmac(sb.practiceApp.secret, admin) })
    expect(reply.status).toBe(200)
    expect(dataOf(reply).is_valid).toBe(true)
  })

  it('refuses a page token as the caller', async () => {
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id })
    const reply = await call(sb, `/${V}/debug_token`, { input_token: page, access_token: page, appsecret_proof: hmac(sb.practiceApp.secret, page) })
    expect(errorOf(reply).code).toBe(100)
  })

  it('shows another app as app_id for a token of that app', async () => {
    const other = sb.controls.createApp({ name: 'Other App' })
    const token = sb.issueToken({ kind: 'USER', appId: other.id })
    expect(dataOf(await debug(sb, token))).toMatchObject({ app_id: other.id, application: 'Other App' })
  })

  it('keeps only the asked fields', async () => {
    expect(dataOf(await call(sb, `/${V}/debug_token`, { input_token: sb.issueToken({ kind: 'USER' }), access_token: appToken(sb), fields: 'app_id' }))).toEqual({
      app_id: sb.practiceApp.id,
    })
  })

  it('shows auth_type in metadata after a rerequest login', async () => {
    const location = await sb.consent(
      `${sb.wwwUrl}/${V}/dialog/oauth?client_id=${sb.practiceApp.id}&redirect_uri=${encodeURIComponent(sb.practiceApp.redirectUris[0]!)}&state=s&response_type=token&auth_type=rerequest`,
    )
    const token = new URLSearchParams(new URL(location).hash.slice(1)).get('access_token')!
    expect(dataOf(await debug(sb, token)).metadata).toEqual({ auth_type: 'rerequest' })
  })
})
