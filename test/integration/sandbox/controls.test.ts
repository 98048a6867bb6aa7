import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, call, callAs, dataOf, debug, errorOf, exchange, loginCode, start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start()
})
afterEach(() => sb.close())

describe('token states driven by the controls', () => {
  it('expires a short-lived token when the clock passes expires_at (463), not before', async () => {
    const token = sb.issueToken({ kind: 'USER', lifetime: 'short' })
    sb.clock.advance(7199_000)
    expect((await callAs(sb, token, `/${V}/me`)).status).toBe(200)
    sb.clock.advance(1000)
    const reply = await callAs(sb, token, `/${V}/me`)
    expect(errorOf(reply)).toMatchObject({ code: 190, error_subcode: 463 })
    expect(errorOf(reply).message).toMatch(/^Error validating access token: Session has expired on Tuesday, 03-Mar-26 06:00:00 PST\. The current time is Tuesday, 03-Mar-26 06:00:00 PST\.$/)
  })

  it('moves the clock with set() too, and page tokens from long-lived tokens never expire', async () => {
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id })
    sb.clock.set(Date.UTC(2030, 0, 1))
    expect((await callAs(sb, page, `/${V}/me`)).status).toBe(200)
  })

  it.each([
    ['changePassword', 460, 'changed their password'],
    ['logout', 467, 'the user logged out'],
    ['checkpoint', 459, 'log in to www.facebook.com'],
    ['unconfirm', 464, 'not a confirmed user'],
    ['removeApp', 458, 'has not authorized application'],
    ['revokePermission', 466, 'invalidated explicitly'],
  ] as const)('%s kills user and page tokens of the person with %i', async (control, subcode, words) => {
    const user = sb.issueToken({ kind: 'USER' })
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id })
    const system = sb.issueToken({ kind: 'SYSTEM_USER' })
    sb.controls[control](sb.practiceUser.id)
    for (const token of [user, page]) {
      const reply = await callAs(sb, token, `/${V}/me`)
      expect(errorOf(reply)).toMatchObject({ code: 190, error_subcode: subcode })
      expect(errorOf(reply).message).toContain(words)
    }
    expect((await callAs(sb, system, `/${V}/me`)).status).toBe(200)
    // A new login works again.
    const fresh = (await exchange(sb, await loginCode(sb))).json as { access_token: string }
    expect((await callAs(sb, fresh.access_token, `/${V}/me`)).status).toBe(200)
  })

  it('removeApp forgets the grant, so the next login asks everything again', async () => {
    await sb.consent(
      `${sb.wwwUrl}/${V}/dialog/oauth?client_id=${sb.practiceApp.id}&redirect_uri=${encodeURIComponent(sb.practiceApp.redirectUris[0]!)}&state=s&scope=ads_read`,
      { decline: ['ads_read'] },
    )
    sb.controls.removeApp(sb.practiceUser.id)
    const html = await (
      await fetch(`${sb.wwwUrl}/${V}/dialog/oauth?client_id=${sb.practiceApp.id}&redirect_uri=${encodeURIComponent(sb.practiceApp.redirectUris[0]!)}&state=s&scope=ads_read`)
    ).text()
    expect(html).toContain('name="allow" value="ads_read"')
  })

  it('revokePermission with a name removes only that scope', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    sb.controls.revokePermission(sb.practiceUser.id, 'ads_management')
    const data = dataOf(await debug(sb, token))
    expect(data.is_valid).toBe(true)
    expect(data.scopes).not.toContain('ads_management')
    expect(data.scopes).toContain('ads_read')
  })

  it('invalidateToken kills one token with a chosen subcode', async () => {
    const a = sb.issueToken({ kind: 'USER' })
    const b = sb.issueToken({ kind: 'USER' })
    sb.controls.invalidateToken(a, 466)
    expect(errorOf(await callAs(sb, a, `/${V}/me`)).error_subcode).toBe(466)
    expect((await callAs(sb, b, `/${V}/me`)).status).toBe(200)
    expect(() => sb.controls.invalidateToken(b, 463)).toThrow('clock')
  })

  it('removeApp of another app leaves the practice app tokens alive', () => {
    const other = sb.controls.createApp()
    const mine = sb.issueToken({ kind: 'USER' })
    const theirs = sb.issueToken({ kind: 'USER', appId: other.id })
    sb.controls.removeApp(sb.practiceUser.id, other.id)
    expect(sb.tokenInfo(mine)!.deadSubcode).toBeNull()
    expect(sb.tokenInfo(theirs)!.deadSubcode).toBe(458)
  })

  it('reports data access 90 days after login, renewed by the next login', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const first = dataOf(await debug(sb, token)).data_access_expires_at as number
    expect(first).toBe(Math.floor(sb.clock.now() / 1000) + 90 * 86400)
    sb.clock.advance(10 * 86400_000)
    await loginCode(sb, { auth_type: 'reauthorize' })
    expect(dataOf(await debug(sb, token)).data_access_expires_at).toBe(first + 10 * 86400)
  })

  it('refuses controls on unknown users, pages and settings', () => {
    expect(() => sb.controls.changePassword('1')).toThrow('no user')
    expect(() => sb.controls.removePageRole(sb.practiceUser.id, '1')).toThrow('no Page')
    expect(() => sb.controls.setApp(sb.practiceApp.id, { appType: 'mobile' as 'web' })).toThrow('appType')
    expect(() => sb.controls.setBehaviour({ nope: true } as never)).toThrow('Unknown behaviour')
    expect(() => sb.controls.setEmptyPage('feed' as 'accounts', 1)).toThrow('edge')
  })

  it('a Native/Desktop app treats app tokens as no token everywhere', async () => {
    sb.controls.setApp(sb.practiceApp.id, { appType: 'native-desktop' })
    const app = `${sb.practiceApp.id}|${sb.practiceApp.secret}`
    expect(errorOf(await call(sb, `/${V}/${sb.practiceUser.id}/permissions`, { access_token: app })).code).toBe(104)
  })
})
