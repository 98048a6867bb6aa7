/**
 * The app behind the tokens, as the sandbox models it for the doctor (graph-api-doctor.md §1):
 * the Application node, its roles and approved permissions, and the app-level refusals.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, appToken, call, callAs, debug, errorOf, start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start()
})
afterEach(() => sb.close())

const node = (fields?: string, token = appToken(sb)) => call(sb, `/${V}/${sb.practiceApp.id}`, { access_token: token, ...(fields ? { fields } : {}) })

describe('GET /{app-id}', () => {
  it('answers the default fields in the order of the real capture', async () => {
    // The practice app has no namespace (node-fields.test.ts): give it one, as the capture's app has.
    sb.controls.setApp(sb.practiceApp.id, { namespace: 'tokendeskpractice' })
    const reply = await node()
    expect(reply.status).toBe(200)
    const json = reply.json as Record<string, unknown>
    expect(Object.keys(json)).toEqual(['category', 'link', 'name', 'namespace', 'id'])
    // The link points at the sandbox's www side, which stands in for facebook.com.
    expect(json).toMatchObject({ category: 'Business', name: 'Token Desk Practice', namespace: 'tokendeskpractice', id: sb.practiceApp.id, link: `${sb.wwwUrl}/games/?app_id=${sb.practiceApp.id}` })
  })

  it('gives the app token every field the doctor asks for, leaving empty ones out', async () => {
    const json = (await node('id,name,category,app_domains,restrictions,business,owner_business,server_ip_whitelist,privacy_policy_url,supported_platforms')).json as Record<string, unknown>
    expect(json).toMatchObject({ business: { id: sb.businesses[0]!.id, name: 'Practice Business' }, supported_platforms: ['WEB'], privacy_policy_url: expect.any(String) as string })
    expect(json).not.toHaveProperty('restrictions')
    expect(json).not.toHaveProperty('server_ip_whitelist')
    expect(json).not.toHaveProperty('app_domains')
    // The allow-list holds this machine, or the app token could not read it at all.
    sb.controls.setApp(sb.practiceApp.id, { restrictions: { age: '21+', type: 'alcohol' }, serverIpWhitelist: '203.0.113.7,127.0.0.1', appDomains: ['example.com'], businessId: null })
    const changed = (await node('restrictions,server_ip_whitelist,app_domains,business')).json as Record<string, unknown>
    expect(changed).toEqual({ restrictions: { age: '21+', type: 'alcohol' }, server_ip_whitelist: '203.0.113.7,127.0.0.1', app_domains: ['example.com'], id: sb.practiceApp.id })
  })

  it('refuses the app-token fields to a user token, even an admin’s, and unknown fields to anyone', async () => {
    const admin = sb.issueToken({ kind: 'USER' })
    const reply = await call(sb, `/${V}/${sb.practiceApp.id}`, { access_token: admin, appsecret_proof: '', fields: 'id,name' })
    expect(reply.status).toBe(200)
    expect(errorOf(await callAs(sb, admin, `/${V}/${sb.practiceApp.id}`, { fields: 'server_ip_whitelist' })).code).toBe(100)
    expect(errorOf(await node('no_such_field')).message).toBe('(#100) Tried accessing nonexisting field (no_such_field) on node type (Application)')
  })

  it('answers a Native/Desktop app token as if no token was sent (104)', async () => {
    sb.controls.setApp(sb.practiceApp.id, { appType: 'native-desktop' })
    const reply = await node('id,name')
    expect(reply.status).toBe(400)
    expect(errorOf(reply)).toMatchObject({ code: 104, message: 'An access token is required to request this resource.' })
  })

  it('answers a wrong secret with the 190 signature error', async () => {
    const reply = await call(sb, `/${V}/${sb.practiceApp.id}`, { access_token: `${sb.practiceApp.id}|${'0'.repeat(32)}` })
    expect(errorOf(reply)).toMatchObject({ code: 190, message: 'Invalid OAuth access token signature.' })
  })
})

describe('roles and approved permissions', () => {
  it('lists the roles with the app token only, writing insights users as the capture does', async () => {
    const colleague = sb.controls.createPerson('Casey Colleague').id
    sb.controls.setAppRole(sb.practiceApp.id, colleague, 'insights users')
    const reply = await call(sb, `/${V}/${sb.practiceApp.id}/roles`, { access_token: appToken(sb) })
    expect((reply.json as { data: unknown[] }).data).toEqual([
      { app_id: sb.practiceApp.id, user: sb.practiceUser.id, role: 'administrators' },
      { app_id: sb.practiceApp.id, user: colleague, role: 'insights' },
    ])
    const user = sb.issueToken({ kind: 'USER' })
    expect(errorOf(await callAs(sb, user, `/${V}/${sb.practiceApp.id}/roles`)).code).toBe(100)
    expect(() => sb.controls.setAppRole(sb.practiceApp.id, colleague, 'owner' as 'testers')).toThrow('role')
  })

  it('takes debug_token rights away with the admin role', async () => {
    const admin = sb.issueToken({ kind: 'USER' })
    const input = sb.issueToken({ kind: 'USER' })
    expect((await debug(sb, input, admin)).status).toBe(200)
    sb.controls.setAppRole(sb.practiceApp.id, sb.practiceUser.id, 'testers')
    expect(errorOf(await debug(sb, input, admin)).code).toBe(100)
  })

  it('lists every permission live until approvals are set, then live and unapproved, filterable by status', async () => {
    const all = (await call(sb, `/${V}/${sb.practiceApp.id}/permissions`, { access_token: appToken(sb), limit: '100' })).json as { data: { permission: string; status: string }[] }
    expect(all.data.every((p) => p.status === 'live')).toBe(true)
    expect(all.data.map((p) => p.permission)).toContain('ads_management')
    sb.controls.setApp(sb.practiceApp.id, { approvedPermissions: ['ads_read', 'pages_show_list'] })
    const live = (await call(sb, `/${V}/${sb.practiceApp.id}/permissions`, { access_token: appToken(sb), status: 'live' })).json as { data: { permission: string }[] }
    expect(live.data.map((p) => p.permission).sort()).toEqual(['ads_read', 'pages_show_list'])
    const unapproved = (await call(sb, `/${V}/${sb.practiceApp.id}/permissions`, { access_token: appToken(sb), status: 'unapproved', limit: '100' })).json as { data: { permission: string; status: string }[] }
    expect(unapproved.data.map((p) => p.permission)).toContain('ads_management')
    expect(unapproved.data.every((p) => p.status === 'unapproved')).toBe(true)
    expect(errorOf(await call(sb, `/${V}/${sb.practiceApp.id}/permissions`, { access_token: appToken(sb), status: 'maybe' })).code).toBe(100)
  })
})

describe('app-level refusals', () => {
  it('answers every call of a blocked app with "API access blocked." (code 200), the code exchange excepted', async () => {
    const user = sb.issueToken({ kind: 'USER' })
    sb.controls.setApp(sb.practiceApp.id, { blocked: true })
    for (const reply of [await callAs(sb, user, `/${V}/me`), await node('id'), await debug(sb, user)]) {
      expect(reply.status).toBe(400)
      expect(errorOf(reply)).toMatchObject({ code: 200, type: 'OAuthException', message: 'API access blocked.' })
    }
    const appTokenReply = await call(sb, `/${V}/oauth/access_token`, { client_id: sb.practiceApp.id, client_secret: sb.practiceApp.secret, grant_type: 'client_credentials' })
    expect(appTokenReply.status).toBe(200)
  })

  it('refuses calls signed with the secret from outside the IP allow-list; user tokens are unaffected', async () => {
    const user = sb.issueToken({ kind: 'USER' })
    sb.controls.setApp(sb.practiceApp.id, { serverIpWhitelist: '203.0.113.7, 198.51.100.2' })
    expect(errorOf(await node('id'))).toMatchObject({ code: 5, message: '(#5) Unauthorized source IP address' })
    const credentials = await call(sb, `/${V}/oauth/access_token`, { client_id: sb.practiceApp.id, client_secret: sb.practiceApp.secret, grant_type: 'client_credentials' })
    expect(errorOf(credentials).code).toBe(5)
    expect((await callAs(sb, user, `/${V}/me`)).status).toBe(200)
    sb.controls.setApp(sb.practiceApp.id, { serverIpWhitelist: '203.0.113.7,127.0.0.1' })
    expect((await node('id')).status).toBe(200)
  })

  it('answers debug_token signed with a wrong secret as the user reported it, or as a bad signature', async () => {
    const input = sb.issueToken({ kind: 'USER' })
    const wrong = `${sb.practiceApp.id}|${'0'.repeat(32)}`
    expect(errorOf(await debug(sb, input, wrong))).toMatchObject({
      code: 100,
      message: '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
    })
    sb.controls.setBehaviour({ wrongSecretOnDebugToken: 'invalid-signature' })
    expect(errorOf(await debug(sb, input, wrong))).toMatchObject({ code: 190, message: 'Invalid OAuth access token signature.' })
  })

  it('resets the App Secret: the old one stops working everywhere', async () => {
    const old = sb.practiceApp.secret
    const fresh = sb.controls.resetAppSecret(sb.practiceApp.id)
    expect(fresh).toMatch(/^[0-9a-f]{32}$/)
    expect(fresh).not.toBe(old)
    const refused = await call(sb, `/${V}/oauth/access_token`, { client_id: sb.practiceApp.id, client_secret: old, grant_type: 'client_credentials' })
    expect(errorOf(refused)).toMatchObject({ code: 1, message: 'Error validating client secret.' })
    expect((await call(sb, `/${V}/${sb.practiceApp.id}`, { access_token: `${sb.practiceApp.id}|${fresh}` })).status).toBe(200)
  })

  it('validates every app setting a control sends', () => {
    const id = sb.practiceApp.id
    expect(() => sb.controls.setApp(id, { mode: 'beta' as 'live' })).toThrow('mode')
    expect(() => sb.controls.setApp(id, { restrictions: { age: '20+' } })).toThrow('age')
    expect(() => sb.controls.setApp(id, { restrictions: { type: 'gambling' } })).toThrow('alcohol')
    expect(() => sb.controls.setApp(id, { versionFloor: '25' })).toThrow('versionFloor')
    expect(() => sb.controls.setApp(id, { namespace: 'Token Desk' })).toThrow('namespace')
    expect(() => sb.controls.setApp(id, { businessId: '123' })).toThrow('businessId')
    expect(() => sb.controls.setApp(id, { colour: 'red' } as unknown as { mode: 'live' })).toThrow('Unknown app setting colour')
  })
})

describe('the control API over HTTP', () => {
  const post = (action: string, body: unknown) =>
    fetch(`${sb.graphUrl}/__sandbox/${action}`, { method: 'POST', headers: { 'x-sandbox-key': sb.controlKey }, body: JSON.stringify(body) })
  const result = async (response: Response): Promise<unknown> => ((await response.json()) as { result: unknown }).result

  it('takes the doctor’s controls as JSON, and refuses bad values with a 400', async () => {
    expect((await post('setApp', { appId: sb.practiceApp.id, blocked: true, approvedPermissions: ['ads_read'], restrictions: { age: '18+' } })).status).toBe(200)
    expect(errorOf(await node('id'))).toMatchObject({ code: 200 })
    expect((await post('setApp', { appId: sb.practiceApp.id, blocked: 'yes' })).status).toBe(400)
    expect((await post('setAppRole', { appId: sb.practiceApp.id, userId: sb.practiceUser.id, role: null })).status).toBe(200)
    const person = (await result(await post('createPerson', { name: 'Casey' }))) as { id: string }
    expect((await post('setLoginUser', { userId: person.id })).status).toBe(200)
    const business = (await result(await post('createBusiness', { name: 'Agency', admins: [person.id] }))) as { id: string }
    const page = (await result(await post('addPage', { name: 'Client Page', clientOf: [business.id], assigned: [person.id] }))) as { id: string }
    expect(page.id).toMatch(/^\d{15}$/)
    const account = (await result(await post('addAdAccount', { name: 'Client Ads', ownedBy: business.id, status: 9 }))) as { id: string }
    expect((await post('setAdAccountStatus', { accountId: account.id, status: 101, disableReason: 7 })).status).toBe(200)
    expect((await post('setAdAccountStatus', { accountId: account.id, status: 5 })).status).toBe(400)
    expect((await post('blockEmbeddedLogin', { on: true })).status).toBe(200)
    const secret = (await result(await post('resetAppSecret', { appId: sb.practiceApp.id }))) as { secret: string }
    expect(secret.secret).toMatch(/^[0-9a-f]{32}$/)
    expect((await post('addPage', { name: 'x', ownedBy: 'nope' })).status).toBe(400)
  })
})
