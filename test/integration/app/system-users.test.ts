import { afterEach, describe, expect, it } from 'vitest'
import type { AppState } from '../../../preload/api'
import { storedOnDisk } from '../../abuse/support/app'
import { startHarness, type Harness } from './harness'

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

const DAY = 86_400_000

type SystemUsersStep = Extract<AppState['wizard'], { step: 'system-users' }>

async function toSystemUsers(harness: Harness, purpose: 'manage-ads' | 'read-insights' = 'manage-ads'): Promise<SystemUsersStep> {
  await harness.call('startPractice', {})
  await harness.call('choosePurpose', { purpose })
  const state = await harness.call('startSystemUser', {})
  if (state.wizard.step !== 'system-users') throw new Error(`expected system-users, got ${JSON.stringify(state.wizard)}`)
  return state.wizard
}

const reporting = (w: SystemUsersStep) => {
  const business = w.businesses[0]!
  return { business, systemUser: business.systemUsers.find((u) => u.name === 'Practice Reporting Server')! }
}

describe('system-user tokens from the wizard', () => {
  it('lists the businesses and system users with roles and the allowance, then mints a never-expiring token, verified and watched', async () => {
    h = await startHarness()
    const w = await toSystemUsers(h)
    // The admin logged in with the purpose's scopes and business_management.
    const dialog = new URL(h.login.urls[0]!)
    const asked = dialog.searchParams.get('scope')?.split(',') ?? []
    expect(['ads_management', 'business_management'].filter((s) => !asked.includes(s))).toEqual([])
    expect(w.adminName).toBe('Pat Practice')
    expect(w.businesses).toEqual([
      {
        id: h.sandbox().businesses[0]!.id,
        name: 'Practice Business',
        admin: true,
        note: 'It has 1 admin system user and 2 system users.',
        systemUsers: [
          { id: h.sandbox().systemUsers[0]!.id, name: 'Practice System User', role: 'ADMIN' },
          { id: h.sandbox().systemUsers[1]!.id, name: 'Practice Reporting Server', role: 'EMPLOYEE' },
          { id: h.sandbox().systemUsers[2]!.id, name: 'Practice Night Batch', role: 'EMPLOYEE' },
        ],
      },
    ])
    expect(w.allowance).toMatchObject({ tierName: 'Full', levelTitle: 'Standard', regular: 10, admin: 1, apiMinting: true })
    expect(w.scopes).not.toContain('public_profile')
    expect(w.createSteps.join(' ')).toMatch(/Users > System users/)

    const { business, systemUser } = reporting(w)
    const seen = h.sandbox().requests.length
    const saved = await h.call('mintSystemUser', { businessId: business.id, systemUserId: systemUser.id, expiresIn60Days: false, usedIn: 'n8n production' })
    expect(saved.wizard).toEqual({ step: 'saved', purpose: 'manage-ads', saved: ['Practice Reporting Server (system-user token)'] })
    const token = saved.tokens[0]!
    expect(token).toMatchObject({ kind: 'SYSTEM_USER', neverExpires: true, expiresAt: null, status: 'valid', userId: systemUser.id, usedIn: 'n8n production' })
    expect(token.systemUser).toEqual({ businessId: business.id, id: systemUser.id, name: 'Practice Reporting Server' })
    expect(token.scopes).toEqual(w.scopes)
    // Installed first, then minted with a proof, then checked with debug_token before saving.
    const calls = h.sandbox().requests.slice(seen).map((r) => `${r.method} ${r.path.replace(/^\/v\d+\.\d+/, '')}`)
    expect(calls).toEqual([`POST /${systemUser.id}/applications`, `POST /${systemUser.id}/access_tokens`, 'GET /debug_token'])
    const mint = h.sandbox().requests.slice(seen).find((r) => r.path.endsWith('/access_tokens'))!
    expect(mint.params.appsecret_proof).toMatch(/^[0-9a-f]{64}$/)
    expect(mint.params.set_token_expires_in_60_days).toBeUndefined()
    const stored = [...(await storedOnDisk(h.home)).values()][0]!
    expect(h.sandbox().tokenInfo(stored)).toMatchObject({ kind: 'SYSTEM_USER', expiresAt: 0, deadSubcode: null })
    // Watched like any other token: a check confirms it.
    const checked = await h.call('checkNow', {})
    expect(checked.tokens[0]!.lastCheckedAt).not.toBeNull()
  })

  it('mints a 60-day token that gets reminders and a one-click renewal', async () => {
    h = await startHarness()
    const w = await toSystemUsers(h)
    const { business, systemUser } = reporting(w)
    const saved = await h.call('mintSystemUser', { businessId: business.id, systemUserId: systemUser.id, expiresIn60Days: true, name: 'Nightly report' })
    const token = saved.tokens[0]!
    expect(token.neverExpires).toBe(false)
    expect((Date.parse(token.expiresAt!) - Date.parse(saved.practiceNow!)) / DAY).toBeCloseTo(60, 1)
    const first = [...(await storedOnDisk(h.home)).values()][0]!

    h.sandbox().clock.advance(50 * DAY)
    const later = await h.call('checkNow', {})
    expect(later.tokens[0]!.status).toBe('expiring')
    expect(h.notifications.some((n) => /Nightly report/.test(n.title) && /stops working in 10 days/.test(`${n.title} ${n.body}`))).toBe(true)

    // One click: a business admin logs in, a new 60-day token is minted for the same system user.
    const renewed = await h.call('reauthorize', { id: token.id })
    expect(renewed.wizard.step).toBe('saved')
    expect(renewed.tokens).toHaveLength(1)
    const fresh = renewed.tokens[0]!
    expect(fresh).toMatchObject({ id: token.id, name: 'Nightly report', kind: 'SYSTEM_USER', status: 'valid' })
    expect((Date.parse(fresh.expiresAt!) - Date.parse(renewed.practiceNow!)) / DAY).toBeCloseTo(60, 1)
    const second = [...(await storedOnDisk(h.home)).values()][0]!
    expect(second).not.toBe(first)
    // Renewal does not revoke: the old token keeps working until its own expiry.
    expect(h.sandbox().tokenInfo(first)?.deadSubcode).toBeNull()
    expect(renewed.notices.map((n) => n.message).join(' ')).toMatch(/was not revoked/)
  })

  it('says what to do when the tier forbids minting through the API, and offers Business Settings and the paste form', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    await h.call('practice', { action: 'access-tier', tier: 'limited' })
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const listed = await h.call('startSystemUser', {})
    if (listed.wizard.step !== 'system-users') throw new Error(listed.wizard.step)
    expect(listed.wizard.allowance).toMatchObject({ tierName: 'Limited', levelTitle: 'Development', regular: 1, admin: 1, apiMinting: false })
    const { business, systemUser } = reporting(listed.wizard)
    const reply = await h.core.call('mintSystemUser', { businessId: business.id, systemUserId: systemUser.id, expiresIn60Days: false })
    expect(reply.ok).toBe(false)
    const state = h.core.state()
    expect(state.wizard).toMatchObject({ step: 'failed', canPaste: true })
    if (state.wizard.step !== 'failed') return
    expect(state.wizard.message).toMatch(/Limited Marketing API access/)
    expect(state.wizard.message).toMatch(/Business Settings/)
    expect(state.tokens).toEqual([])
  })

  it('says so when the system-user allowance of the level is used up', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    await h.call('practice', { action: 'system-user-allowance', level: 'development' })
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const listed = await h.call('startSystemUser', {})
    if (listed.wizard.step !== 'system-users') throw new Error(listed.wizard.step)
    const { business, systemUser } = reporting(listed.wizard)
    await h.core.call('mintSystemUser', { businessId: business.id, systemUserId: systemUser.id, expiresIn60Days: false })
    const state = h.core.state()
    expect(state.wizard.step === 'failed' && state.wizard.message).toMatch(/reached the number of system users its access level allows \(1 system user and 1 admin system user\).*Assigned assets/)
    // Night Batch already has the app: minting for it works under the same allowance.
    await h.call('startSystemUser', {})
    const night = listed.wizard.businesses[0]!.systemUsers.find((u) => u.name === 'Practice Night Batch')!
    const saved = await h.call('mintSystemUser', { businessId: business.id, systemUserId: night.id, expiresIn60Days: false })
    expect(saved.tokens.map((t) => t.name)).toEqual(['Practice Night Batch (system-user token)'])
  })

  it('says so when the person is not an admin of the business', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    await h.call('practice', { action: 'business-admin', admin: false })
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const listed = await h.call('startSystemUser', {})
    if (listed.wizard.step !== 'system-users') throw new Error(listed.wizard.step)
    expect(listed.wizard.businesses.map((b) => [b.name, b.admin, b.systemUsers])).toEqual([['Practice Business', false, []]])
    expect(listed.wizard.businesses[0]!.note).toMatch(/not an admin of the business “Practice Business”.*Business Settings > Users > People/)
    const refused = await h.fail('mintSystemUser', { businessId: h.sandbox().businesses[0]!.id, systemUserId: h.sandbox().systemUsers[1]!.id, expiresIn60Days: false })
    expect(refused).toMatch(/not in the list/)
  })

  it('says which permission App Review did not approve', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    await h.call('practice', { action: 'limit-approval', on: true })
    const w = await toSystemUsers(h)
    const { business, systemUser } = reporting(w)
    await h.core.call('mintSystemUser', { businessId: business.id, systemUserId: systemUser.id, expiresIn60Days: false })
    const state = h.core.state()
    expect(state.wizard.step === 'failed' && state.wizard.message).toMatch(/Facebook refused ads_management: the app is not approved for it.*App Review/)
    expect(state.tokens).toEqual([])
  })

  it('goes back to Connect when the admin closes the login window', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    await h.call('choosePurpose', { purpose: 'read-insights' })
    h.login.choices.push('close')
    const state = await h.call('startSystemUser', {})
    expect(state.wizard.step).toBe('connect')
    expect(await h.fail('mintSystemUser', { businessId: '1', systemUserId: '2', expiresIn60Days: false })).toMatch(/Log in as an admin/)
  })
})
