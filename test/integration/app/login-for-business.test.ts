/**
 * Login for Business through the app core, against the practice sandbox's Business app: the
 * wizard through a configuration to verified Page tokens, a renewal after a password change,
 * the refusal without a Configuration ID (explained, with the doctor's finding), a business
 * integration token with its business, the grant read-back naming what a configuration lacks,
 * a renewal that logs in someone else, and the paste path for a business integration token.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AppState } from '../../../preload/api'
import { startHarness, type Harness } from './harness'

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

async function businessPractice(): Promise<{ h: Harness; state: AppState }> {
  const harness = await startHarness()
  h = harness
  const state = await harness.call('startPractice', { app: 'business' })
  return { h: harness, state }
}

const params = (url: string): URLSearchParams => new URL(url).searchParams

describe('a Business practice app with a user-token configuration', () => {
  it('logs in through the configuration (config_id, code, state, no scope, no PKCE) to saved, verified Page tokens', async () => {
    const { h, state } = await businessPractice()
    const configs = state.app?.loginConfigs
    expect(configs?.all).toMatch(/^\d{16}$/)
    expect(configs?.systemUser).toMatch(/^\d{16}$/)
    const connect = await h.call('choosePurpose', { purpose: 'manage-pages' })
    expect(connect.wizard).toMatchObject({ step: 'connect', configId: configs?.all })
    const pages = await h.call('login', {})
    const dialog = params(h.login.urls[0]!)
    expect(dialog.get('config_id')).toBe(configs?.all)
    expect(dialog.get('response_type')).toBe('code')
    expect(dialog.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    for (const absent of ['scope', 'code_challenge', 'code_challenge_method']) expect(dialog.has(absent), absent).toBe(false)
    // And the sandbox's own log of the dialog request says the same.
    const asked = h.sandbox().requests.filter((r) => r.side === 'www' && r.path.endsWith('/dialog/oauth') && r.method === 'GET')
    expect(asked.at(-1)?.params.config_id).toBe(configs?.all)
    expect(asked.at(-1)?.params).not.toHaveProperty('scope')

    expect(pages.wizard.step).toBe('pages')
    if (pages.wizard.step !== 'pages') return
    expect(pages.wizard.token.longLived).toBe(true)
    expect(pages.wizard.token.grant?.configId).toBe(configs?.all)
    expect(pages.wizard.token.grant?.missing).toEqual([])
    const targets = pages.wizard.token.grant?.targets ?? []
    expect(targets.find((t) => t.scope === 'pages_show_list')?.ids).toHaveLength(3)
    expect(targets.find((t) => t.scope === 'ads_management')?.ids).toHaveLength(7)
    const saved = await h.call('savePages', { pageIds: pages.wizard.pages.map((p) => p.id), saveUserToken: true })
    expect(saved.tokens).toHaveLength(4)
    expect(saved.tokens.every((t) => t.configId === configs?.all && t.status === 'valid')).toBe(true)
    expect(saved.tokens.filter((t) => t.kind === 'PAGE').every((t) => t.neverExpires)).toBe(true)
  })

  it('renews through the same configuration after a password change, and the log names no code or token', async () => {
    const { h, state } = await businessPractice()
    await h.call('choosePurpose', { purpose: 'manage-pages' })
    const pages = await h.call('login', {})
    if (pages.wizard.step !== 'pages') throw new Error('no pages step')
    const saved = await h.call('savePages', { pageIds: pages.wizard.pages.map((p) => p.id), saveUserToken: true })
    await h.call('practice', { action: 'change-password' })
    const dead = await h.call('getState', {})
    expect(dead.tokens.every((t) => t.status === 'dead')).toBe(true)
    const user = saved.tokens.find((t) => t.kind === 'USER')!
    const renewed = await h.call('reauthorize', { id: user.id })
    expect(params(h.login.urls.at(-1)!).get('config_id')).toBe(state.app?.loginConfigs?.all)
    expect(renewed.wizard.step).toBe('saved')
    expect(renewed.tokens.every((t) => t.status === 'valid')).toBe(true)
    expect(renewed.tokens).toHaveLength(4)
    const logged = JSON.stringify(h.logs)
    expect(logged).toContain('login dialog opened')
    expect(logged).not.toMatch(/AQ[A-Za-z0-9_-]{40,}|EAA[A-Za-z0-9_-]{20,}/)
  })

  it('without a Configuration ID ends on the refusal page, explained by the wizard and the doctor with the fix', async () => {
    const { h } = await businessPractice()
    await h.call('practice', { action: 'break-app', what: 'business-without-config' })
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const failed = await h.call('login', {})
    expect(params(h.login.urls[0]!).has('scope')).toBe(true)
    expect(failed.wizard.step).toBe('failed')
    if (failed.wizard.step !== 'failed') return
    expect(failed.wizard.dialog?.page).toBe('not-available')
    expect(failed.wizard.dialog?.reason).toMatch(/1\. The app is a Business app with Facebook Login for Business.*2\. The Facebook account logging in has no role/)
    expect(failed.wizard.dialog?.fix).toMatch(/Configuration ID/)
    const finding = failed.doctor?.findings.find((f) => f.check === 'login-for-business')
    expect(finding?.status).toBe('failure')
    expect(finding?.fix).toMatch(/Configuration ID/)
    expect(finding?.where).toBe('App Dashboard > Facebook Login for Business > Configurations')
    // Repair brings the configurations back, and the login works again.
    await h.call('practice', { action: 'repair-app' })
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    expect((await h.call('login', {})).wizard.step).toBe('pages')
  })
})

describe('a system-user configuration', () => {
  it('gives a stored, never-expiring business integration token with its business, renewed by logging in again', async () => {
    const { h, state } = await businessPractice()
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const got = await h.call('login', { configuration: 'system-user' })
    expect(params(h.login.urls[0]!).get('config_id')).toBe(state.app?.loginConfigs?.systemUser)
    expect(got.wizard.step === 'pages' || got.wizard.step === 'inspect').toBe(true)
    if (got.wizard.step !== 'pages' && got.wizard.step !== 'inspect') return
    const business = h.sandbox().businesses[0]!.id
    expect(got.wizard.token).toMatchObject({ kind: 'BUSINESS_INTEGRATION', clientBusinessId: business, neverExpires: true })
    expect(got.wizard.token.advice.join(' ')).toMatch(/Connected apps/)
    // /me/accounts is refused to it (the default, not confirmed): its chosen Pages were read one by one.
    if (got.wizard.step === 'pages') expect(got.wizard.pages).toHaveLength(3)
    const saved = await h.call('savePages', { pageIds: [], saveUserToken: true })
    const stored = saved.tokens.find((t) => t.kind === 'BUSINESS_INTEGRATION')!
    expect(stored).toMatchObject({ neverExpires: true, clientBusinessId: business, configId: state.app?.loginConfigs?.systemUser })
    const refused = await h.fail('removeToken', { id: stored.id, revoke: true })
    expect(refused).toMatch(/Business Settings > Integrations > Connected apps/)
    const renewed = await h.call('reauthorize', { id: stored.id })
    expect(params(h.login.urls.at(-1)!).get('config_id')).toBe(state.app?.loginConfigs?.systemUser)
    expect(renewed.tokens.filter((t) => t.kind === 'BUSINESS_INTEGRATION')).toHaveLength(1)
  })

  it('is recognised when pasted, even when debug_token calls it USER', async () => {
    const { h, state } = await businessPractice()
    const sb = h.sandbox()
    sb.controls.setBehaviour({ integrationDebugType: 'USER' })
    const url = new URL(`${sb.wwwUrl}/v27.0/dialog/oauth`)
    for (const [k, v] of Object.entries({ client_id: sb.practiceApp.id, redirect_uri: sb.practiceApp.redirectUris[0]!, state: 's'.repeat(20), response_type: 'code', config_id: state.app!.loginConfigs!.systemUser! })) url.searchParams.set(k, v)
    const code = new URL(await sb.consent(url.toString())).searchParams.get('code')!
    const answer = await fetch(`${sb.graphUrl}/v27.0/oauth/access_token?${new URLSearchParams({ client_id: sb.practiceApp.id, client_secret: sb.practiceApp.secret, redirect_uri: sb.practiceApp.redirectUris[0]!, code }).toString()}`)
    const token = ((await answer.json()) as { access_token: string }).access_token
    await h.call('choosePurpose', { purpose: 'read-insights' })
    const pasted = await h.call('pasteToken', { token })
    if (pasted.wizard.step !== 'pages' && pasted.wizard.step !== 'inspect') throw new Error(`wizard at ${pasted.wizard.step}`)
    expect(pasted.wizard.token.kind).toBe('BUSINESS_INTEGRATION')
    expect(pasted.wizard.token.clientBusinessId).toBe(sb.businesses[0]!.id)
  })
})

describe('what a configuration granted', () => {
  it('names a missing permission with the fix in the App Dashboard, and the doctor warns', async () => {
    const { h } = await businessPractice()
    const sb = h.sandbox()
    const narrow = sb.controls.createLoginConfiguration({ appId: sb.practiceApp.id, name: 'Pages, read only', tokenType: 'user', expiry: '60_days', permissions: ['pages_show_list', 'pages_read_engagement'], assetTypes: ['pages'] }).id
    await h.call('setLoginConfigs', { pages: narrow })
    await h.call('choosePurpose', { purpose: 'manage-pages' })
    const got = await h.call('login', {})
    expect(params(h.login.urls[0]!).get('config_id')).toBe(narrow)
    if (got.wizard.step !== 'pages') throw new Error(`wizard at ${got.wizard.step}`)
    expect(got.wizard.token.grant?.missing).toEqual(['pages_manage_posts', 'pages_manage_metadata'])
    expect(got.wizard.token.advice.join(' ')).toMatch(/also needs pages_manage_posts, pages_manage_metadata.*edit this configuration/)
    const checked = await h.call('checkApp', {})
    const finding = checked.doctor?.findings.find((f) => f.check === 'login-for-business')
    expect(finding?.status).toBe('warning')
    expect(finding?.reason).toMatch(/pages_manage_posts/)
  })

  it('fails the wizard with the all-or-nothing words when one permission was declined', async () => {
    const { h } = await businessPractice()
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    h.login.choices.push({ decline: ['ads_read'] })
    const failed = await h.call('login', {})
    expect(failed.wizard.step).toBe('failed')
    if (failed.wizard.step === 'failed') expect(failed.wizard.message).toMatch(/granted nothing.*allow all of them/)
  })

  it('keeps a token Facebook will not extend, trusting debug_token’s expiry', async () => {
    const { h } = await businessPractice()
    h.sandbox().controls.setBehaviour({ businessTokenExchange: 'refused' })
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const got = await h.call('login', {})
    if (got.wizard.step !== 'pages') throw new Error(`wizard at ${got.wizard.step}`)
    expect(got.wizard.token.longLived).toBe(false)
    expect(got.wizard.token.advice.join(' ')).toMatch(/did not exchange this Login for Business token/)
  })
})

describe('a renewal that logs in someone else', () => {
  it('says so in words and replaces nothing', async () => {
    const { h } = await businessPractice()
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const first = await h.call('login', {})
    if (first.wizard.step !== 'pages') throw new Error('no pages')
    const saved = await h.call('savePages', { pageIds: [], saveUserToken: true })
    const sb = h.sandbox()
    const colleague = sb.controls.createPerson('Casey Colleague').id
    sb.controls.setAppRole(sb.practiceApp.id, colleague, 'administrators')
    sb.controls.setLoginUser(colleague)
    const user = saved.tokens.find((t) => t.kind === 'USER')!
    const after = await h.call('reauthorize', { id: user.id })
    expect(after.notices.some((n) => /You logged in as Casey Colleague .* but “.*” belongs to the Facebook user/.test(n.message))).toBe(true)
    expect(after.tokens.find((t) => t.id === user.id)?.userId).toBe(sb.practiceUser.id)
    expect(after.tokens).toHaveLength(1)
  })

  it('asks Facebook to re-authenticate when told to switch the Facebook user', async () => {
    const { h } = await businessPractice()
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    await h.call('login', { switchUser: true })
    expect(params(h.login.urls[0]!).get('auth_type')).toBe('reauthenticate')
    expect(params(h.login.urls[0]!).has('config_id')).toBe(true)
  })
})
