/**
 * The doctor and "why is it missing?" through the real core against the practice sandbox: each
 * app-side failure the Practice screen can make, what a login says about it, what Check my app
 * says, and that nothing stored is lost or marked dead for it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppState, Break, DoctorFinding } from '../../../preload/api'
import { expectPlainWords, savedJourney } from '../../abuse/support/app'
import { startHarness, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(() => h.close())

const finding = (state: AppState, check: string): DoctorFinding => {
  const f = state.doctor?.findings.find((x) => x.check === check)
  if (!f) throw new Error(`no ${check} finding`)
  return f
}

async function loginFails(): Promise<AppState> {
  await h.call('choosePurpose', { purpose: 'manage-pages' })
  const reply = await h.core.call('login', {})
  expect(reply.ok).toBe(true)
  return h.core.state()
}

describe('Check my app', () => {
  it('passes the healthy practice app, and after a login knows the person and Require App Secret', async () => {
    await h.call('startPractice', {})
    const before = await h.call('checkApp', {})
    expect(before.doctor).toMatchObject({ appId: h.sandbox().practiceApp.id, appName: 'Token Desk Practice', outcome: 'pass' })
    expect(finding(before, 'require-app-secret').status).toBe('skipped')
    await savedJourney(h)
    const after = await h.call('checkApp', {})
    expect(finding(after, 'roles').reason).toMatch(/^You \(Pat Practice\) are an administrator/)
    expect(finding(after, 'require-app-secret').status).toBe('warning')
    expect(after.doctor?.outcome).toBe('warning')
    expect(after.versions).toMatchObject({ requested: 'v27.0', served: 'v27.0' })
    for (const f of after.doctor!.findings) expectPlainWords(f.reason)
  })
})

describe('Break my app, one misconfiguration at a time', () => {
  const cases: [Break, string, RegExp, boolean][] = [
    ['redirect-uri', 'login-dialog', /URL Blocked/, true],
    ['development-mode', 'roles', /have no role on this app/, true],
    ['login-unavailable', 'login-dialog', /Feature Unavailable/, true],
    ['blocked', 'app-access', /API access blocked/, false],
    ['wrong-secret', 'credentials', /^The App Secret is wrong/, false],
    ['ip-allow-list', 'ip-allow-list', /Server IP allowlist/, false],
  ]

  it.each(cases)('%s: the doctor fails %s with the cause in plain words; repair brings it back', async (what, check, words, loginRefused) => {
    const saved = await savedJourney(h)
    const disk = saved.tokens.map((t) => t.id).sort()
    const broken = await h.call('practice', { action: 'break-app', what })
    expect(broken.doctor?.outcome).toBe('failure')
    const f = finding(broken, check)
    expect(f.status).toBe('failure')
    expect(`${f.reason} ${f.fix ?? ''}`).toMatch(words)
    expect(f.where).toMatch(/^App Dashboard > /)
    if (loginRefused) {
      const state = await loginFails()
      expect(state.wizard.step).toBe('failed')
      if (state.wizard.step !== 'failed') return
      expect(state.wizard.dialog?.shown).toBeDefined()
      expectPlainWords(state.wizard.message)
      expect(state.wizard.message).toMatch(/^Facebook showed “/)
      // The login failure ran the doctor too: its report says the same page.
      expect(finding(state, 'login-dialog').status).toBe('failure')
    }
    // An app-side failure never marks a stored token dead.
    const checked = await h.call('checkNow', {})
    expect(checked.tokens.map((t) => t.id).sort()).toEqual(disk)
    expect(checked.tokens.some((t) => t.status === 'dead')).toBe(false)
    const repaired = await h.call('practice', { action: 'repair-app' })
    expect(repaired.doctor?.outcome).not.toBe('failure')
    await h.call('resetWizard', {})
    const again = await h.call('checkNow', {})
    expect(again.tokens.every((t) => t.status === 'valid')).toBe(true)
  })

  it('looks at the dialog afresh when asked, so a fixed redirect list is seen at once', async () => {
    await h.call('startPractice', {})
    const registered = [...h.sandbox().practiceApp.redirectUris]
    await h.call('practice', { action: 'break-app', what: 'redirect-uri' })
    const failed = await loginFails()
    expect(finding(failed, 'login-dialog').status).toBe('failure')
    // Fixed in the "App Dashboard", not with Repair: Check my app must not repeat the old page.
    h.sandbox().controls.setApp(h.sandbox().practiceApp.id, { redirectUris: registered })
    const checked = await h.call('checkApp', {})
    expect(finding(checked, 'login-dialog').status).toBe('pass')
  })

  it('native-desktop: a warning, and tokens are still checked with the person’s own token', async () => {
    await savedJourney(h)
    const state = await h.call('practice', { action: 'break-app', what: 'native-desktop' })
    expect(finding(state, 'app-type')).toMatchObject({ status: 'warning', where: expect.stringContaining('Native or desktop app') as string })
    expect(finding(state, 'credentials').status).toBe('pass')
    const checked = await h.call('checkNow', {})
    expect(checked.tokens.every((t) => t.status === 'valid')).toBe(true)
  })

  it('a wrong secret is called a wrong secret in the monitor’s notice, never Native/Desktop', async () => {
    await savedJourney(h)
    await h.call('practice', { action: 'break-app', what: 'wrong-secret' })
    const checked = await h.call('checkNow', {})
    const notice = checked.notices.map((n) => n.message).join(' ')
    expect(notice).toMatch(/App Secret: it is wrong/)
    expect(notice).not.toMatch(/Native/)
  })

  it('the embedded-browser block is named, with the paste path offered', async () => {
    await h.call('startPractice', {})
    h.sandbox().controls.blockEmbeddedLogin(true)
    const state = await loginFails()
    if (state.wizard.step !== 'failed') throw new Error('expected failed')
    expect(state.wizard.dialog?.page).toBe('embedded-browser')
    expect(state.wizard.canPaste).toBe(true)
  })
})

describe('Not in the list?', () => {
  it('finds a Page left unticked at login, and one re-request login fixes it', async () => {
    await h.call('startPractice', {})
    const [first, second, third] = h.sandbox().pages
    await h.call('choosePurpose', { purpose: 'manage-pages' })
    h.login.choices.push({ pages: [first!.id, second!.id] })
    const partial = await h.call('login', {})
    if (partial.wizard.step !== 'pages') throw new Error('expected pages')
    expect(partial.wizard.pages.map((p) => p.id)).toEqual([first!.id, second!.id])
    // A name Token Desk never met: the login's target_ids say it was probably not ticked.
    expect(await h.call('whyMissing', { kind: 'page', query: third!.name })).toMatchObject({ case: 'not-selected', action: 'rerequest', asset: null })
    // By its id, certainly.
    const why = await h.call('whyMissing', { kind: 'page', query: third!.id })
    expect(why).toMatchObject({ case: 'not-selected', action: 'rerequest', asset: { id: third!.id } })
    h.login.choices.push({ pages: [first!.id, second!.id, third!.id] })
    const fixed = await h.call('login', { authType: 'rerequest' })
    expect(h.login.urls.at(-1)).toContain('auth_type=rerequest')
    if (fixed.wizard.step !== 'pages') throw new Error('expected pages')
    expect(fixed.wizard.pages.map((p) => p.id)).toEqual([first!.id, second!.id, third!.id])
  })

  it('adds a Page reached through the business, read by its id, and saves its token', async () => {
    await h.call('startPractice', {})
    await h.call('practice', { action: 'add-business-page' })
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const listed = await h.call('login', {})
    if (listed.wizard.step !== 'pages') throw new Error('expected pages')
    expect(listed.wizard.pages.map((p) => p.name)).not.toContain('Practice Business Page')
    const why = await h.call('whyMissing', { kind: 'page', query: 'Practice Business Page' })
    expect(why).toMatchObject({ case: 'through-business', action: 'add-page' })
    const added = await h.call('addMissingPage', { pageId: why.asset!.id })
    if (added.wizard.step !== 'pages') throw new Error('expected pages')
    expect(added.wizard.pages.map((p) => p.name)).toContain('Practice Business Page')
    const saved = await h.call('savePages', { pageIds: [why.asset!.id], saveUserToken: false })
    expect(saved.tokens.map((t) => t.name)).toContain('Practice Business Page')
  })

  it('asks for business_management when the login lacks it', async () => {
    await h.call('startPractice', {})
    await h.call('practice', { action: 'add-business-page' })
    await h.call('choosePurpose', { purpose: 'manage-pages' })
    await h.call('login', {})
    // Ticked at login (target_ids name it) but missing from /me/accounts, and the businesses cannot be read.
    const why = await h.call('whyMissing', { kind: 'page', query: 'Practice Business Page' })
    expect(why).toMatchObject({ case: 'through-business', action: 'rerequest-business', asset: { name: 'Practice Business Page' } })
    const withBm = await h.call('login', { authType: 'rerequest', addScopes: ['business_management'] })
    expect(h.login.urls.at(-1)).toMatch(/scope=[^&]*business_management/)
    expect(withBm.wizard.step).toBe('pages')
    expect((await h.call('whyMissing', { kind: 'page', query: 'Practice Business Page' })).case).toBe('through-business')
  })

  it('says an ad account is disabled, and why, and the Access screen lists statuses in words', async () => {
    await h.call('startPractice', {})
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const pages = await h.call('login', {})
    if (pages.wizard.step !== 'pages') throw new Error('expected pages')
    await h.call('savePages', { pageIds: [], saveUserToken: true })
    await h.call('practice', { action: 'disable-ad-account' })
    const account = h.sandbox().adAccounts[0]!
    const why = await h.call('whyMissing', { kind: 'ad-account', query: account.id })
    expect(why).toMatchObject({ case: 'inactive', status: 'Disabled: payment risk' })
    const access = await h.call('refreshAccess', {})
    const row = access.access!.adAccounts.find((a) => a.id === account.id)
    expect(row).toMatchObject({ statusWords: 'Disabled: payment risk', canRun: false })
    expect(access.access!.adAccounts.filter((a) => a.statusWords === 'Closed: closed for good')).toHaveLength(1)
  })

  it('refuses a token typed into the search box, and asks for a login first', async () => {
    await h.call('startPractice', {})
    expect(await h.fail('whyMissing', { kind: 'page', query: 'Bakery' })).toMatch(/Log in or save a user token first/)
    await savedJourney(h)
    const token = h.sandbox().issueToken({ kind: 'USER' })
    const message = await h.fail('whyMissing', { kind: 'page', query: token })
    expect(message).toMatch(/looks like an access token/)
    expect(message).not.toContain(token)
    expect(JSON.stringify(h.logs)).not.toContain(token)
  })
})
