/**
 * The practice sandbox's Facebook Login for Business, item by item of the checklist in
 * login-for-business.md: a Business app, its configurations, the refusals of a scope-only
 * dialog, "Config ID is invalid", all or nothing, the asset picker feeding target_ids, PKCE,
 * system-user configurations, client_business_id, and the switches for what is not confirmed.
 * Everything over real HTTP, as a person's browser and a client would do it.
 */
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, appToken, call, callAs, dataOf, debug, dialogUrl, errorOf, exchange, start } from './helpers'

let sb: Sandbox
let userConfig: string
let systemConfig: string
let clientBusiness: string
let developer: string

const ADS_AND_PAGES = ['ads_management', 'ads_read', 'business_management', 'pages_show_list', 'pages_read_engagement']

beforeEach(async () => {
  sb = await start()
  const app = sb.practiceApp.id
  // The app belongs to a developer portfolio of its own; the practice user's business is the client.
  developer = sb.controls.createBusiness({ name: 'Practice App Portfolio', admins: [sb.practiceUser.id] }).id
  sb.controls.setApp(app, { loginKind: 'business', businessId: developer })
  clientBusiness = sb.businesses[0]!.id
  userConfig = sb.controls.createLoginConfiguration({ appId: app, name: 'Ads and Pages', tokenType: 'user', expiry: '60_days', permissions: ADS_AND_PAGES, assetTypes: ['pages', 'ad_accounts'] }).id
  systemConfig = sb.controls.createLoginConfiguration({ appId: app, name: 'Server', tokenType: 'system_user', expiry: 'never', permissions: ADS_AND_PAGES, assetTypes: ['pages', 'ad_accounts'] }).id
})
afterEach(() => sb.close())

async function get(url: string): Promise<{ status: number; html: string }> {
  const res = await fetch(url, { redirect: 'manual' })
  return { status: res.status, html: await res.text() }
}

/** A dialog with config_id and no scope, as Token Desk builds it. */
const configDialog = (configId: string, extra: Record<string, string> = {}): string => {
  const url = new URL(dialogUrl(sb, { config_id: configId, response_type: 'code', ...extra }))
  if (!('scope' in extra)) url.searchParams.delete('scope')
  return url.toString()
}

const codeOf = (location: string): string => {
  const code = new URL(location).searchParams.get('code')
  if (!code) throw new Error(`no code in ${location}`)
  return code
}

describe('a Business app', () => {
  it('refuses a dialog with scope and no config_id, with the refusal it is set to show', async () => {
    const cases: [string, RegExp, number][] = [
      ['not-available', /It looks like this app isn(&#39;|')t available/, 400],
      ['invalid-scopes', /Invalid Scopes: pages_show_list, ads_read/, 400],
      ['config-required', /config_id is required/, 400],
      ['blank', /^<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><\/head><body><\/body><\/html>\n$/, 200],
    ]
    for (const [refusal, text, status] of cases) {
      sb.controls.setApp(sb.practiceApp.id, { scopeOnlyRefusal: refusal as 'blank' })
      const page = await get(dialogUrl(sb))
      expect(page.status, refusal).toBe(status)
      expect(page.html, refusal).toMatch(text)
    }
    expect(() => sb.controls.setApp(sb.practiceApp.id, { scopeOnlyRefusal: 'nonsense' as 'blank' })).toThrow(/scopeOnlyRefusal is/)
  })

  it('answers "Config ID is invalid" for a configuration it does not have, and for another app’s', async () => {
    expect((await get(configDialog('1234567890123456'))).html).toContain('Config ID is invalid')
    const other = sb.controls.createApp({ name: 'Other Business app', loginKind: 'business' })
    const foreign = sb.controls.createLoginConfiguration({ appId: other.id, name: 'x', tokenType: 'user', expiry: 'never', permissions: ['ads_read'], assetTypes: [] }).id
    expect((await get(configDialog(foreign))).html).toContain('Config ID is invalid')
  })

  it('shows the configuration’s permissions, all or nothing, with the Page and ad-account pickers', async () => {
    const page = await get(configDialog(userConfig))
    expect(page.status).toBe(200)
    expect(page.html).toContain('configuration “Ads and Pages”')
    expect(page.html).toContain('declining any one grants it nothing')
    for (const p of ADS_AND_PAGES) expect(page.html).toContain(`name="decline" value="${p}"`)
    expect(page.html).toContain('name="page" value=')
    expect(page.html).toContain('name="account" value=')
    expect(page.html).not.toMatch(/<script/i)
  })

  it('refuses scope beside config_id by default, and ignores it when switched', async () => {
    expect((await get(configDialog(userConfig, { scope: 'ads_read' }))).html).toContain('Invalid Scopes: ads_read')
    sb.controls.setBehaviour({ scopeBesideConfig: 'ignored' })
    expect((await get(configDialog(userConfig, { scope: 'ads_read' }))).status).toBe(200)
  })

  it('drops a code_challenge beside config_id, so a verifier at exchange is refused with the reported text', async () => {
    const verifier = 'v'.repeat(43)
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    const code = codeOf(await sb.consent(configDialog(userConfig, { code_challenge: challenge, code_challenge_method: 'S256' })))
    const refused = await exchange(sb, code, { code_verifier: verifier })
    expect(refused.status).toBe(400)
    expect(errorOf(refused)).toMatchObject({ code: 1, message: 'code_verifier param is provided without a code_challenge in authorization request.' })
  })

  it('exchanges a user configuration’s code like the classic one; target_ids carry the Pages and ad accounts picked', async () => {
    const pages = sb.pages.slice(0, 2).map((p) => p.id)
    const accounts = sb.adAccounts.slice(0, 1).map((a) => a.accountId)
    const code = codeOf(await sb.consent(configDialog(userConfig), { pages, accounts }))
    const answer = await exchange(sb, code)
    expect(answer.status).toBe(200)
    const token = (answer.json as { access_token: string }).access_token
    const data = dataOf(await debug(sb, token))
    expect(data.type).toBe('USER')
    expect(data.scopes).toEqual(expect.arrayContaining(ADS_AND_PAGES))
    const granular = data.granular_scopes as { scope: string; target_ids?: string[] }[]
    expect(granular.find((g) => g.scope === 'pages_show_list')?.target_ids).toEqual(pages)
    expect(granular.find((g) => g.scope === 'ads_management')?.target_ids).toEqual(accounts)
    expect(granular.find((g) => g.scope === 'business_management')?.target_ids).toBeUndefined()
    // The long-lived exchange extends it by default; switched, Facebook refuses it.
    const long = await call(sb, `/${V}/oauth/access_token`, { grant_type: 'fb_exchange_token', client_id: sb.practiceApp.id, client_secret: sb.practiceApp.secret, fb_exchange_token: token })
    expect(long.status).toBe(200)
    sb.controls.setBehaviour({ businessTokenExchange: 'refused' })
    const refused = await call(sb, `/${V}/oauth/access_token`, { grant_type: 'fb_exchange_token', client_id: sb.practiceApp.id, client_secret: sb.practiceApp.secret, fb_exchange_token: token })
    expect(errorOf(refused).message).toMatch(/Facebook Login for Business configuration/)
  })

  it('grants nothing when one permission is declined: a code with nothing in it, or access_denied when switched', async () => {
    const code = codeOf(await sb.consent(configDialog(userConfig), { decline: ['ads_read'] }))
    const token = ((await exchange(sb, code)).json as { access_token: string }).access_token
    expect(dataOf(await debug(sb, token)).scopes).toEqual([])
    sb.controls.setBehaviour({ declinedInConfig: 'access-denied' })
    const denied = new URL(await sb.consent(configDialog(userConfig), { decline: ['ads_read'] }))
    expect(denied.searchParams.get('error')).toBe('access_denied')
  })
})

describe('a system-user configuration', () => {
  it('refuses response_type=token; user configurations accept it', async () => {
    expect((await get(configDialog(systemConfig, { response_type: 'token' }))).html).toContain('incorrect response_type')
    const location = new URL(await sb.consent(configDialog(userConfig, { response_type: 'token' })))
    expect(new URLSearchParams(location.hash.slice(1)).get('access_token')).toMatch(/^EAA/)
  })

  it('picks a business portfolio, and gives a never-expiring business integration token with its client business', async () => {
    const page = await get(configDialog(systemConfig))
    expect(page.html).toContain('Choose the business portfolio')
    const code = codeOf(await sb.consent(configDialog(systemConfig), { business: clientBusiness, pages: [sb.pages[0]!.id] }))
    const answer = await exchange(sb, code)
    expect(answer.status).toBe(200)
    // No expires_in by default (not confirmed).
    expect(answer.json).not.toHaveProperty('expires_in')
    const token = (answer.json as { access_token: string }).access_token
    const data = dataOf(await debug(sb, token))
    expect(data).toMatchObject({ type: 'SYSTEM_USER', expires_at: 0, data_access_expires_at: 0, is_valid: true })
    expect(data.scopes).toEqual(ADS_AND_PAGES)
    expect((data.granular_scopes as { scope: string; target_ids?: string[] }[]).find((g) => g.scope === 'pages_read_engagement')?.target_ids).toEqual([sb.pages[0]!.id])
    const me = await callAs(sb, token, `/${V}/me`, { fields: 'id,client_business_id' })
    expect(me.json).toEqual({ id: data.user_id, client_business_id: clientBusiness })
    // /me/accounts is refused by default (Q5); the Page's own token is read by id.
    expect((await callAs(sb, token, `/${V}/me/accounts`)).status).toBe(400)
    const pageToken = await callAs(sb, token, `/${V}/${sb.pages[0]!.id}`, { fields: 'access_token' })
    expect((pageToken.json as { access_token?: string }).access_token).toMatch(/^EAA/)
    sb.controls.setBehaviour({ integrationAccounts: 'allowed', integrationDebugType: 'USER' })
    expect(((await callAs(sb, token, `/${V}/me/accounts`)).json as { data: unknown[] }).data).toHaveLength(1)
    expect(dataOf(await debug(sb, token)).type).toBe('USER')
  })

  it('says expires_in for a 60-day configuration when switched, and leaves client_business_id out for people', async () => {
    const sixty = sb.controls.createLoginConfiguration({ appId: sb.practiceApp.id, name: 'Sixty', tokenType: 'system_user', expiry: '60_days', permissions: ['ads_read'], assetTypes: [] }).id
    sb.controls.setBehaviour({ integrationExpiresIn: true })
    const answer = await exchange(sb, codeOf(await sb.consent(configDialog(sixty), { business: clientBusiness })))
    expect((answer.json as { expires_in: number }).expires_in).toBe(60 * 86400)
    const person = sb.issueToken({ kind: 'USER' })
    expect((await callAs(sb, person, `/${V}/me`, { fields: 'id,client_business_id' })).json).toEqual({ id: sb.practiceUser.id })
  })

  it('refuses the app’s own portfolio by default (Q2), and allows it when switched', async () => {
    await expect(sb.consent(configDialog(systemConfig), { business: developer })).rejects.toThrow(/owns the app/)
    sb.controls.setBehaviour({ sameBusinessIntegration: 'allowed' })
    expect(codeOf(await sb.consent(configDialog(systemConfig), { business: developer }))).toMatch(/^AQ/)
  })

  it('mints more through system_user_access_tokens, needing the proof and business_management', async () => {
    const token = ((await exchange(sb, codeOf(await sb.consent(configDialog(systemConfig), { business: clientBusiness })))).json as { access_token: string }).access_token
    const path = `/${V}/${clientBusiness}/system_user_access_tokens`
    const noProof = await call(sb, path, { access_token: token }, { method: 'POST' })
    expect(errorOf(noProof).message).toBe('API calls from the server require an appsecret_proof argument')
    const fetched = await callAs(sb, token, path, { fetch_only: 'true' }, 'POST')
    expect((fetched.json as { access_token: string }).access_token).toBe(token)
    const narrower = await callAs(sb, token, path, { scope: 'ads_read', set_token_expires_in_60_days: 'true' }, 'POST')
    const minted = (narrower.json as { access_token: string }).access_token
    const data = dataOf(await debug(sb, minted))
    expect(data.scopes).toEqual(['ads_read'])
    expect(data.expires_at).toBe(Math.floor(sb.clock.now() / 1000) + 60 * 86400)
    const withoutBusinessManagement = await callAs(sb, minted, path, { fetch_only: 'true' }, 'POST')
    expect(errorOf(withoutBusinessManagement).code).toBe(200)
    const tooWide = await callAs(sb, token, path, { scope: 'pages_manage_posts' }, 'POST')
    expect(errorOf(tooWide).code).toBe(3962)
  })

  it('ends the integration’s tokens when the business removes the app, and shrinks target_ids when an asset is taken', async () => {
    const pages = sb.pages.slice(0, 2).map((p) => p.id)
    const token = ((await exchange(sb, codeOf(await sb.consent(configDialog(systemConfig), { business: clientBusiness, pages })))).json as { access_token: string }).access_token
    sb.controls.removeIntegrationAsset(clientBusiness, pages[0]!)
    const granular = dataOf(await debug(sb, token)).granular_scopes as { scope: string; target_ids?: string[] }[]
    expect(granular.find((g) => g.scope === 'pages_show_list')?.target_ids).toEqual([pages[1]])
    sb.controls.removeConnectedApp(clientBusiness)
    const dead = dataOf(await debug(sb, token))
    expect(dead.is_valid).toBe(false)
    expect(dead.error).toMatchObject({ code: 190, subcode: 458 })
  })
})

describe('the control API and the Application node', () => {
  it('creates configurations over HTTP, checking every argument, only for Business apps', async () => {
    const control = (action: string, body: unknown) =>
      fetch(`${sb.graphUrl}/__sandbox/${action}`, { method: 'POST', headers: { 'x-sandbox-key': sb.controlKey, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const good = { appId: sb.practiceApp.id, name: 'HTTP', tokenType: 'user', expiry: 'never', permissions: ['ads_read'], assetTypes: ['ad_accounts'] }
    const made = (await (await control('createLoginConfiguration', good)).json()) as { result: { id: string } }
    expect(made.result.id).toMatch(/^\d{16}$/)
    for (const bad of [{ ...good, tokenType: 'bot' }, { ...good, permissions: ['email'] }, { ...good, tokenType: 'system_user', permissions: ['ads_read', 'email'] }, { ...good, assetTypes: ['groups'] }, { ...good, expiry: 'forever' }]) {
      expect((await control('createLoginConfiguration', bad)).status).toBe(400)
    }
    const classic = sb.controls.createApp({ name: 'Classic' })
    expect((await control('createLoginConfiguration', { ...good, appId: classic.id })).status).toBe(400)
  })

  it('answers app_type and config_ids to the app token, with placeholder values', async () => {
    const node = await call(sb, `/${V}/${sb.practiceApp.id}`, { fields: 'app_type,config_ids', access_token: appToken(sb) })
    expect(node.json).toMatchObject({ app_type: 2, config_ids: [{ id: userConfig, name: 'Ads and Pages' }, { id: systemConfig, name: 'Server' }] })
  })

  it('shows a blank page for config_id on a classic app (a rollback)', async () => {
    sb.controls.setApp(sb.practiceApp.id, { loginKind: 'classic' })
    const page = await get(configDialog(userConfig))
    expect(page.status).toBe(200)
    expect(page.html).not.toMatch(/<p|<h1/)
  })
})
