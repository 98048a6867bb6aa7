import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, call, callAs, dataOf, debug, errorOf, hmac, start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start({ tier: 'standard_access' })
})
afterEach(() => sb.close())

const ADMIN_SCOPES = ['business_management', 'ads_management']
const business = () => sb.businesses[0]!
const admin = () => sb.systemUsers.find((u) => u.role === 'ADMIN')!
const employee = () => sb.systemUsers.find((u) => u.name === 'Practice Reporting Server')!
const nightBatch = () => sb.systemUsers.find((u) => u.name === 'Practice Night Batch')!
const adminUser = (scopes = ADMIN_SCOPES) => sb.issueToken({ kind: 'USER', scopes })

/** POST with the proof in the form body, as the client sends it. */
function post(token: string, path: string, params: Record<string, string>, method = 'POST') {
  const form = { ...params, access_token: token, appsecret_proof: hmac(sb.practiceApp.secret, token) }
  return call(sb, path, form, { method, form: method === 'POST' })
}

const mint = (token: string, systemUserId: string, params: Record<string, string> = {}) =>
  post(token, `/${V}/${systemUserId}/access_tokens`, { business_app: sb.practiceApp.id, scope: 'ads_read,ads_management', ...params })
const install = (token: string, systemUserId: string) => post(token, `/${V}/${systemUserId}/applications`, { business_app: sb.practiceApp.id })

describe('businesses and their system users', () => {
  it('lists the businesses a person has a role in, then its system users with their roles', async () => {
    const user = adminUser()
    const listed = await callAs(sb, user, `/${V}/me/businesses`)
    expect(listed.status).toBe(200)
    expect((listed.json as { data: unknown[] }).data).toEqual([{ name: 'Practice Business', id: business().id }])
    const users = await callAs(sb, user, `/${V}/${business().id}/system_users`)
    expect((users.json as { data: unknown[] }).data).toEqual([
      { id: admin().id, name: 'Practice System User', role: 'ADMIN' },
      { id: employee().id, name: 'Practice Reporting Server', role: 'EMPLOYEE' },
      { id: nightBatch().id, name: 'Practice Night Batch', role: 'EMPLOYEE' },
    ])
  })

  it('needs business_management, and an admin of the business', async () => {
    const without = adminUser(['ads_read'])
    const noScope = errorOf(await callAs(sb, without, `/${V}/me/businesses`))
    expect([noScope.code, noScope.message]).toEqual([200, '(#200) Requires business_management permission to manage the object'])
    expect(errorOf(await callAs(sb, without, `/${V}/${business().id}/system_users`)).code).toBe(200)
    sb.controls.setBusinessRole(business().id, sb.practiceUser.id, 'EMPLOYEE')
    const employeeUser = adminUser()
    expect((await callAs(sb, employeeUser, `/${V}/me/businesses`)).status).toBe(200)
    const notAdmin = errorOf(await callAs(sb, employeeUser, `/${V}/${business().id}/system_users`))
    expect(notAdmin.code).toBe(200)
    expect(notAdmin.message).toMatch(/admin/)
    sb.controls.setBusinessRole(business().id, sb.practiceUser.id, null)
    expect(errorOf(await callAs(sb, adminUser(), `/${V}/${business().id}/system_users`))).toMatchObject({ code: 100, error_subcode: 33 })
    expect((await callAs(sb, adminUser(), `/${V}/me/businesses`)).json).toEqual({ data: [] })
  })
})

describe('system users as declared nodes (node-kit)', () => {
  it('serves role on the SystemUser node and system_users as a field of the business, paged like any edge', async () => {
    const user = adminUser()
    expect((await callAs(sb, user, `/${V}/${employee().id}`, { fields: 'name,role' })).json).toEqual({ name: 'Practice Reporting Server', role: 'EMPLOYEE', id: employee().id })
    const nested = (await callAs(sb, user, `/${V}/${business().id}`, { fields: 'system_users.limit(2){name,role}' })).json as { system_users: { data: unknown[]; paging: { next?: string } } }
    expect(nested.system_users.data).toEqual([
      { name: 'Practice System User', role: 'ADMIN', id: admin().id },
      { name: 'Practice Reporting Server', role: 'EMPLOYEE', id: employee().id },
    ])
    expect(nested.system_users.paging.next).toContain(`/${V}/${business().id}/system_users?`)
    const unknown = errorOf(await callAs(sb, user, `/${V}/${business().id}/system_users`, { fields: 'name,colour' }))
    expect([unknown.code, unknown.message]).toEqual([100, '(#100) Tried accessing nonexisting field (colour) on node type (SystemUser)'])
    sb.controls.setEmptyPage('system_users', 0)
    const empty = (await callAs(sb, user, `/${V}/${business().id}/system_users`)).json as { data: unknown[]; paging?: { next?: string } }
    expect(empty.data).toEqual([])
    expect(empty.paging?.next).toBeDefined()
  })

  it('takes only the writes a system user declares: GET on access_tokens or DELETE on applications is unsupported', async () => {
    const user = adminUser()
    expect(errorOf(await callAs(sb, user, `/${V}/${admin().id}/access_tokens`))).toMatchObject({ code: 100, error_subcode: 33 })
    expect(errorOf(await post(user, `/${V}/${admin().id}/applications`, { business_app: sb.practiceApp.id }, 'DELETE'))).toMatchObject({ code: 100, error_subcode: 33 })
    // A person is not a system user: nothing to install or mint for.
    const reply = await post(user, `/${V}/${sb.practiceUser.id}/access_tokens`, { business_app: sb.practiceApp.id, scope: 'ads_read' })
    expect(errorOf(reply).code).toBe(2500)
  })
})

describe('installing and minting', () => {
  it('mints a never-expiring token after installing the app, and debug_token reports SYSTEM_USER', async () => {
    const user = adminUser()
    expect(errorOf(await mint(user, employee().id)).message).toMatch(/not installed/)
    const installed = await install(user, employee().id)
    expect(installed).toMatchObject({ status: 200, json: true })
    const minted = await mint(user, employee().id)
    const token = (minted.json as { access_token: string }).access_token
    expect(token).toMatch(/^EAA/)
    const data = dataOf(await debug(sb, token))
    expect(data).toMatchObject({ type: 'SYSTEM_USER', app_id: sb.practiceApp.id, is_valid: true, expires_at: 0, data_access_expires_at: 0, user_id: employee().id })
    expect(data.scopes).toEqual(['ads_read', 'ads_management'])
    // The token works as the system user.
    expect((await callAs(sb, token, `/${V}/me`)).json).toEqual({ name: 'Practice Reporting Server', id: employee().id })
  })

  it('mints a 60-day token with set_token_expires_in_60_days', async () => {
    const minted = await mint(adminUser(), admin().id, { set_token_expires_in_60_days: 'true' })
    const data = dataOf(await debug(sb, (minted.json as { access_token: string }).access_token))
    expect(data.expires_at).toBe(Math.floor(sb.clock.now() / 1000) + 60 * 86400)
  })

  it('refuses to mint without appsecret_proof even when the app does not require it', async () => {
    const user = adminUser()
    const reply = await call(sb, `/${V}/${admin().id}/access_tokens`, { business_app: sb.practiceApp.id, scope: 'ads_read', access_token: user }, { method: 'POST', form: true })
    expect(errorOf(reply)).toMatchObject({ code: 100, message: 'API calls from the server require an appsecret_proof argument' })
  })

  it('lets an admin system user mint, and refuses an employee one or a Page token', async () => {
    const adminSystem = sb.issueToken({ kind: 'SYSTEM_USER', userId: admin().id, scopes: ADMIN_SCOPES })
    expect((await mint(adminSystem, admin().id)).status).toBe(200)
    sb.controls.setAppInstalled(employee().id, true)
    const employeeSystem = sb.issueToken({ kind: 'SYSTEM_USER', userId: employee().id, scopes: ADMIN_SCOPES })
    expect(errorOf(await mint(employeeSystem, admin().id)).code).toBe(200)
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, scopes: ADMIN_SCOPES })
    expect(errorOf(await mint(page, admin().id))).toMatchObject({ code: 100, error_subcode: 33 })
  })

  it('needs Full access (standard_access) to install or mint through the API', async () => {
    sb.controls.setAccessTier('development_access')
    const tier = errorOf(await install(adminUser(), employee().id))
    expect(tier.code).toBe(270)
    expect(tier.message).toMatch(/^\(#270\) Development access is not allowed/)
    expect(errorOf(await mint(adminUser(), admin().id)).code).toBe(270)
  })

  it('keeps to the allowance of the level: Development allows one system user and one admin', async () => {
    sb.controls.setSystemUserLevel('development')
    const user = adminUser()
    // Night Batch has the app already: it holds the one regular place.
    const refused = errorOf(await install(user, employee().id))
    expect(refused).toMatchObject({ code: 100 })
    expect(refused.message).toMatch(/1 system user and 1 admin system user/)
    // Installing one already installed is fine; a second admin has no place either.
    expect((await install(user, nightBatch().id)).status).toBe(200)
    const secondAdmin = sb.controls.addSystemUser(business().id, { name: 'Second admin', role: 'ADMIN' })
    expect(errorOf(await install(user, secondAdmin.id)).code).toBe(100)
    // Basic allows three system users; Standard (the tier's own level) ten.
    sb.controls.setSystemUserLevel('basic')
    expect((await install(user, employee().id)).status).toBe(200)
    const third = sb.controls.addSystemUser(business().id)
    expect((await install(user, third.id)).status).toBe(200)
    const fourth = sb.controls.addSystemUser(business().id)
    expect(errorOf(await install(user, fourth.id)).message).toMatch(/3 system users and 1 admin system user/)
    sb.controls.setSystemUserLevel(null)
    expect((await install(user, fourth.id)).status).toBe(200)
  })

  it('refuses a scope App Review did not approve (200) and a name that is no permission (3962)', async () => {
    sb.controls.setApprovedPermissions(sb.practiceApp.id, ['ads_read', 'business_management'])
    const refused = errorOf(await mint(adminUser(), admin().id, { scope: 'ads_read,ads_management' }))
    expect(refused.code).toBe(200)
    expect(refused.message).toContain('ads_management')
    expect((await mint(adminUser(), admin().id, { scope: 'ads_read' })).status).toBe(200)
    expect(errorOf(await mint(adminUser(), admin().id, { scope: 'ads_raed' })).code).toBe(3962)
  })
})

describe('revoking', () => {
  it('DELETE /{system-user-id}/access_tokens ends every token of that system user for the app, and only those', async () => {
    const user = adminUser()
    const first = (await mint(user, admin().id)).json as { access_token: string }
    const second = (await mint(user, admin().id, { set_token_expires_in_60_days: 'true' })).json as { access_token: string }
    const other = sb.controls.createApp({ name: 'Other app' })
    const otherApp = sb.issueToken({ kind: 'SYSTEM_USER', userId: admin().id, appId: other.id })
    const revoked = await post(first.access_token, `/${V}/${admin().id}/access_tokens`, {}, 'DELETE')
    expect(revoked).toMatchObject({ status: 200, json: true })
    for (const token of [first.access_token, second.access_token]) {
      const data = dataOf(await debug(sb, token))
      expect(data).toMatchObject({ is_valid: false, type: 'SYSTEM_USER', error: { code: 190, subcode: 466 }, scopes: [] })
    }
    expect(sb.tokenInfo(otherApp)?.deadSubcode).toBeNull()
    expect(sb.tokenInfo(user)?.deadSubcode).toBeNull()
    // A token minted after the revoke works.
    const fresh = (await mint(user, admin().id)).json as { access_token: string }
    expect(dataOf(await debug(sb, fresh.access_token)).is_valid).toBe(true)
  })

  it('lets an admin user revoke, and refuses an employee of the business', async () => {
    const token = sb.issueToken({ kind: 'SYSTEM_USER', userId: admin().id })
    sb.controls.setBusinessRole(business().id, sb.practiceUser.id, 'EMPLOYEE')
    expect(errorOf(await post(adminUser(), `/${V}/${admin().id}/access_tokens`, {}, 'DELETE')).code).toBe(200)
    sb.controls.setBusinessRole(business().id, sb.practiceUser.id, 'ADMIN')
    expect((await post(adminUser(), `/${V}/${admin().id}/access_tokens`, {}, 'DELETE')).status).toBe(200)
    expect(sb.tokenInfo(token)?.deadSubcode).toBe(466)
  })

  it('answers {success:true} when the behaviour says so, and the control API drives the new controls', async () => {
    sb.controls.setBehaviour({ deleteAnswer: 'success-object' })
    expect((await install(adminUser(), employee().id)).json).toEqual({ success: true })
    const control = (action: string, body: unknown) =>
      fetch(`${sb.graphUrl}/__sandbox/${action}`, { method: 'POST', headers: { 'x-sandbox-key': sb.controlKey }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ ok?: boolean; result?: unknown; error?: unknown }>)
    const added = await control('addSystemUser', { businessId: business().id, name: 'Night batch', role: 'EMPLOYEE' })
    expect(added.ok).toBe(true)
    expect((added.result as { id: string }).id).toMatch(/^\d{15}$/)
    expect(await control('setSystemUserLevel', { level: 'basic' })).toMatchObject({ ok: true })
    expect((await control('setSystemUserLevel', { level: 'huge' })).error).toEqual({ message: 'The level is development, basic, standard or null (follow the tier).' })
    expect(await control('setApprovedPermissions', { appId: sb.practiceApp.id, permissions: ['ads_read'] })).toMatchObject({ ok: true })
    expect(await control('setBusinessRole', { businessId: business().id, personId: sb.practiceUser.id, role: 'EMPLOYEE' })).toMatchObject({ ok: true })
    expect(errorOf(await callAs(sb, adminUser(), `/${V}/${business().id}/system_users`)).code).toBe(200)
  })
})
