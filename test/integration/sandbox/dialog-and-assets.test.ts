/**
 * What the login dialog refuses (graph-api-doctor.md §1.6), the Page chooser behind `target_ids`
 * (§2.1), Pages and ad accounts reached through a business (§2.2–2.5), and the version headers (§3).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, call, callAs, dataOf, debug, dialogUrl, errorOf, exchange, start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start({ extraRedirectUris: ['http://127.0.0.1:9/callback'] })
})
afterEach(() => sb.close())

async function page(url: string): Promise<{ status: number; title: string; text: string }> {
  const res = await fetch(url, { redirect: 'manual' })
  const html = await res.text()
  const unescape = (s: string): string => s.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
  return {
    status: res.status,
    title: unescape(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''),
    text: unescape(/<p role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? ''),
  }
}

/** A code-flow login through the consent page, exchanged for a user token. */
async function loginToken(params: Record<string, string>, pages?: string[]): Promise<string> {
  const location = await sb.consent(dialogUrl(sb, params), pages ? { pages } : {})
  const code = new URL(location).searchParams.get('code')!
  const grant = await exchange(sb, code)
  return (grant.json as { access_token: string }).access_token
}

describe('the dialog’s refusal pages', () => {
  const id = () => sb.practiceApp.id
  const cases: [string, () => void, Record<string, string>, string, RegExp][] = [
    ['URL Blocked', () => undefined, { redirect_uri: 'https://elsewhere.example/cb' }, 'URL Blocked', /redirect URI is not whitelisted/],
    ["Can't load URL", () => sb.controls.setApp(id(), { appDomains: ['example.com'] }), {}, "Can't load URL", /isn't included in the app's domains/],
    ['Insecure Login Blocked', () => sb.controls.setApp(id(), { enforceHttps: true }), { redirect_uri: 'http://127.0.0.1:9/callback' }, 'Insecure Login Blocked', /insecure page/],
    ['App Not Setup', () => sb.controls.setAppRole(id(), sb.practiceUser.id, null), {}, 'App Not Setup', /still in development mode/],
    ['App not active', () => sb.controls.setApp(id(), { active: false }), {}, 'App not active', /not accessible right now/],
    ['Feature Unavailable', () => sb.controls.setApp(id(), { loginUnavailable: true }), {}, 'Feature Unavailable', /Facebook Login is currently unavailable/],
    ["isn't available", () => {
      sb.controls.setAppRole(id(), sb.practiceUser.id, null)
      sb.controls.setApp(id(), { mode: 'live', approvedPermissions: ['email'] })
    }, {}, "App isn't available", /needs at least one supported permission/],
    ['Invalid Scopes', () => undefined, { scope: 'manage_pages,ads_read' }, 'Invalid Scopes', /^Invalid Scopes: manage_pages\. This message is only shown to developers/],
    ['the embedded-browser block', () => sb.controls.blockEmbeddedLogin(true), {}, 'Facebook', /logging in to Facebook from an embedded browser is disabled/],
  ]
  it.each(cases)('shows %s with Facebook’s words', async (_name, arrange, params, title, text) => {
    arrange()
    const shown = await page(dialogUrl(sb, params))
    expect(shown.title).toBe(title)
    expect(shown.text).toMatch(text)
  })

  it('lets a Live app’s colleague without a role in with the approved permissions only', async () => {
    const colleague = sb.controls.createPerson('Casey Colleague').id
    sb.controls.setLoginUser(colleague)
    sb.controls.setApp(sb.practiceApp.id, { mode: 'live', approvedPermissions: ['ads_read'] })
    const token = await loginToken({ scope: 'ads_read,ads_management' })
    expect(sb.tokenInfo(token)).toMatchObject({ userId: colleague, scopes: ['public_profile', 'ads_read'] })
  })
})

describe('the Page chooser and target_ids', () => {
  it('offers every Page ticked on the first login; a Page left unticked is missing from /me/accounts and its node', async () => {
    const [first, second, third] = sb.pages
    const token = await loginToken({ scope: 'pages_show_list,business_management' }, [first!.id, second!.id])
    const granular = dataOf(await debug(sb, token)).granular_scopes
    expect(granular).toContainEqual({ scope: 'pages_show_list', target_ids: [first!.id, second!.id] })
    expect(granular).toContainEqual({ scope: 'business_management' })
    const listed = (await callAs(sb, token, `/${V}/me/accounts`, { fields: 'id' })).json as { data: { id: string }[] }
    expect(listed.data.map((p) => p.id)).toEqual([first!.id, second!.id])
    expect(errorOf(await callAs(sb, token, `/${V}/${third!.id}`, { fields: 'access_token' })).error_subcode).toBe(33)
    // Its public fields stay readable: only the person's access is missing.
    expect(((await callAs(sb, token, `/${V}/${third!.id}`, { fields: 'name' })).json as { name: string }).name).toBe(third!.name)
  })

  it('covers Pages the person gets later only when every offered Page was left ticked (all current and future Pages)', async () => {
    const me = sb.practiceUser.id
    const ids = async (token: string) => ((await callAs(sb, token, `/${V}/me/accounts`, { fields: 'id' })).json as { data: { id: string }[] }).data.map((p) => p.id)
    const all = await loginToken({ scope: 'pages_show_list' })
    const later = sb.controls.addPage({ name: 'Later Page', roles: [me] }).id
    expect(await ids(all)).toContain(later)
    expect(dataOf(await debug(sb, all)).granular_scopes).toContainEqual({ scope: 'pages_show_list', target_ids: sb.pages.map((p) => p.id) })
    const some = await loginToken({ scope: 'pages_show_list', auth_type: 'rerequest' }, [sb.pages[0]!.id])
    const latest = sb.controls.addPage({ name: 'Latest Page', roles: [me] }).id
    expect(await ids(some)).toEqual([sb.pages[0]!.id])
    expect(await ids(some)).not.toContain(latest)
  })

  it('keeps the choice on a plain login, and offers it again, as chosen, on a re-request', async () => {
    const [first, , third] = sb.pages
    await loginToken({ scope: 'pages_show_list' }, [first!.id])
    const plain = await fetch(dialogUrl(sb, { scope: 'pages_show_list' })).then((r) => r.text())
    expect(plain).not.toContain('name="page"')
    const again = await fetch(dialogUrl(sb, { scope: 'pages_show_list', auth_type: 'rerequest' })).then((r) => r.text())
    expect(again).toContain(`name="page" value="${first!.id}" checked`)
    expect(again).toMatch(new RegExp(`name="page" value="${third!.id}">`))
    const token = await loginToken({ scope: 'pages_show_list', auth_type: 'rerequest' }, [first!.id, third!.id])
    expect(dataOf(await debug(sb, token)).granular_scopes).toContainEqual({ scope: 'pages_show_list', target_ids: [first!.id, third!.id] })
  })
})

describe('businesses, their Pages and ad accounts', () => {
  function businessWorld() {
    const me = sb.practiceUser.id
    const agency = sb.controls.createBusiness({ name: 'Agency', admins: [me] }).id
    const owned = sb.controls.addPage({ name: 'Business Bakery', ownedBy: sb.businesses[0]!.id, assigned: [me] }).id
    const client = sb.controls.addPage({ name: 'Client Cafe', clientOf: [agency], assigned: [me] }).id
    const unassigned = sb.controls.addPage({ name: 'Nobody’s Page', ownedBy: sb.businesses[0]!.id }).id
    const account = sb.controls.addAdAccount({ name: 'Client Account', clientOf: [agency], assigned: [me], status: 2, disableReason: 3 })
    return { agency, owned, client, unassigned, account }
  }

  it('needs business_management for /me/businesses and the asset edges', async () => {
    const without = sb.issueToken({ kind: 'USER', scopes: ['pages_show_list'] })
    expect(errorOf(await callAs(sb, without, `/${V}/me/businesses`)).code).toBe(200)
    const token = sb.issueToken({ kind: 'USER', scopes: ['business_management', 'pages_show_list', 'ads_read'] })
    // sb.pages is read live: the seeded Pages are those there before businessWorld adds its own.
    const seeded = sb.pages.map((p) => p.id)
    const { agency, owned, client, unassigned, account } = businessWorld()
    const listed = (await callAs(sb, token, `/${V}/me/businesses`, { fields: 'id,name' })).json as { data: { id: string; name: string }[] }
    expect(listed.data.map((b) => b.name)).toEqual(['Practice Business', 'Agency'])
    const ownedPages = (await callAs(sb, token, `/${V}/${sb.businesses[0]!.id}/owned_pages`, { fields: 'id,name', limit: '50' })).json as { data: { id: string }[] }
    expect(ownedPages.data.map((p) => p.id)).toEqual([...seeded, owned, unassigned])
    const clientPages = (await callAs(sb, token, `/${V}/${agency}/client_pages`)).json as { data: { id: string }[] }
    expect(clientPages.data.map((p) => p.id)).toEqual([client])
    const accounts = (await callAs(sb, token, `/${V}/${agency}/client_ad_accounts`, { fields: 'id,name,account_status,disable_reason' })).json as { data: Record<string, unknown>[] }
    expect(accounts.data).toEqual([{ id: account.id, name: 'Client Account', account_status: 2, disable_reason: 3 }])
  })

  it('leaves business Pages out of /me/accounts, but lets their node give a page token to an assigned person with business_management', async () => {
    const { owned, unassigned } = businessWorld()
    const token = sb.issueToken({ kind: 'USER', scopes: ['business_management', 'pages_show_list'] })
    const listed = (await callAs(sb, token, `/${V}/me/accounts`, { fields: 'id' })).json as { data: { id: string }[] }
    expect(listed.data.map((p) => p.id)).not.toContain(owned)
    const direct = (await callAs(sb, token, `/${V}/${owned}`, { fields: 'name,tasks,access_token' })).json as { access_token: string; tasks: string[] }
    expect(direct.access_token).toMatch(/^EAA/)
    expect(direct.tasks).toContain('MANAGE')
    expect(errorOf(await callAs(sb, token, `/${V}/${unassigned}`, { fields: 'access_token' })).code).toBe(100)
    const noBm = sb.issueToken({ kind: 'USER', scopes: ['pages_show_list'] })
    expect(errorOf(await callAs(sb, noBm, `/${V}/${owned}`, { fields: 'access_token' })).code).toBe(100)
  })

  it('reads an ad account node with its status and disable reason, or says the token lacks ads permissions', async () => {
    const { account } = businessWorld()
    const token = sb.issueToken({ kind: 'USER', scopes: ['business_management', 'ads_read'] })
    const node = (await callAs(sb, token, `/${V}/${account.id}`, { fields: 'name,account_status,disable_reason' })).json
    expect(node).toEqual({ name: 'Client Account', account_status: 2, disable_reason: 3, id: account.id })
    const noAds = sb.issueToken({ kind: 'USER', scopes: ['business_management'] })
    expect(errorOf(await callAs(sb, noAds, `/${V}/${account.id}`, { fields: 'name' }))).toMatchObject({
      code: 200,
      message: '(#200) Ad account owner has NOT grant ads_management or ads_read permission',
    })
    const adsOnly = sb.issueToken({ kind: 'USER', scopes: ['ads_read'] })
    expect(errorOf(await callAs(sb, adsOnly, `/${V}/${account.id}`)).error_subcode).toBe(33)
  })

  it('lists business-only ad accounts in /me/adaccounts only when the behaviour says so', async () => {
    const { account } = businessWorld()
    const token = sb.issueToken({ kind: 'USER', scopes: ['business_management', 'ads_read'] })
    const ids = async () => ((await callAs(sb, token, `/${V}/me/adaccounts`, { fields: 'id', limit: '100' })).json as { data: { id: string }[] }).data.map((a) => a.id)
    expect(await ids()).not.toContain(account.id)
    sb.controls.setBehaviour({ adAccountsThroughBusiness: 'included' })
    expect(await ids()).toContain(account.id)
  })

  it('puts an ad account in every account_status, with its disable_reason, and refuses others', async () => {
    const token = sb.issueToken({ kind: 'USER', scopes: ['ads_read'] })
    const target = sb.adAccounts[0]!
    for (const status of [1, 2, 3, 7, 8, 9, 100, 101, 201, 202]) {
      sb.controls.setAdAccountStatus(target.id, status, status === 2 ? 15 : 0)
      const listed = (await callAs(sb, token, `/${V}/me/adaccounts`, { fields: 'id,account_status,disable_reason' })).json as { data: { id: string; account_status: number; disable_reason: number }[] }
      expect(listed.data.find((a) => a.id === target.id)).toMatchObject({ account_status: status, disable_reason: status === 2 ? 15 : 0 })
    }
    expect(() => sb.controls.setAdAccountStatus(target.id, 4)).toThrow('status')
    expect(() => sb.controls.setAdAccountStatus(target.id, 2, 16)).toThrow('disableReason')
  })
})

describe('version headers', () => {
  it('serves an app newer than it asked when the app’s floor is newer', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    sb.controls.setApp(sb.practiceApp.id, { versionFloor: 'v25.0' })
    expect((await callAs(sb, token, '/v23.0/me')).headers.get('facebook-api-version')).toBe('v25.0')
    expect((await callAs(sb, token, '/v26.0/me')).headers.get('facebook-api-version')).toBe('v26.0')
  })

  it('upgrades an ads read on an ended Marketing version with x-ad-api-version-warning, and refuses it with 2635 when auto-upgrade is off', async () => {
    // The sandbox clock is 3 March 2026: Marketing v22.0 ended on 19 February 2026, Graph v22.0 has not.
    const token = sb.issueToken({ kind: 'USER', scopes: ['ads_read'] })
    const upgraded = await callAs(sb, token, '/v22.0/me/adaccounts')
    expect(upgraded.status).toBe(200)
    expect(upgraded.headers.get('facebook-api-version')).toBe('v23.0')
    expect(upgraded.headers.get('x-ad-api-version-warning')).toBe('The call has been auto-upgraded to v23.0 as v22.0 has been deprecated.')
    expect((await callAs(sb, token, '/v22.0/me')).headers.get('x-ad-api-version-warning')).toBeNull()
    sb.controls.setApp(sb.practiceApp.id, { adsAutoUpgrade: false })
    const refused = await callAs(sb, token, '/v22.0/me/adaccounts')
    expect(errorOf(refused)).toMatchObject({ code: 2635, message: expect.stringMatching(/^\(#2635\) You are calling a deprecated version of the Ads API\. Please update to the latest version: v25\.0\.$/) as string })
  })

  it('refuses a version Meta never released with the real 2500', async () => {
    const reply = await call(sb, '/v25.5/me', { access_token: sb.issueToken({ kind: 'USER' }) })
    expect(errorOf(reply)).toMatchObject({ code: 2500, message: 'Unknown path components: /me' })
  })
})
