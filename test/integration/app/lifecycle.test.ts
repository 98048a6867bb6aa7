import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppState } from '../../../preload/api'
import { filesUnder, startHarness, type Harness } from './harness'

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

async function savedJourney(harness: Harness): Promise<AppState> {
  await harness.call('startPractice', {})
  await harness.call('choosePurpose', { purpose: 'manage-pages' })
  const state = await harness.call('login', {})
  if (state.wizard.step !== 'pages') throw new Error(`expected pages, got ${state.wizard.step}`)
  return harness.call('savePages', { pageIds: state.wizard.pages.map((p) => p.id), saveUserToken: true })
}

const statuses = (s: AppState) => s.tokens.map((t) => `${t.kind}:${t.status}:${t.problem?.reason ?? '-'}`).sort()

describe('paste path', () => {
  it('extends a pasted short-lived Explorer token and lists the pages', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    const sandbox = h.sandbox()
    const short = sandbox.issueToken({ kind: 'USER', lifetime: 'short', scopes: ['pages_show_list', 'ads_read'] })
    const state = await h.call('pasteToken', { token: short })
    expect(state.wizard.step).toBe('pages')
    if (state.wizard.step !== 'pages') return
    expect(state.wizard.token.longLived).toBe(true)
    expect(state.wizard.token.scopes.missing).toContain('ads_management')
    expect(state.wizard.token.advice.join(' ')).toMatch(/also needs/)
    expect(sandbox.requests.some((r) => r.params.grant_type === 'fb_exchange_token')).toBe(true)
  })

  it('stores a pasted system-user token as never expiring', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    const su = h.sandbox().issueToken({ kind: 'SYSTEM_USER', lifetime: 'never', scopes: ['ads_management', 'business_management'] })
    const state = await h.call('pasteToken', { token: su, name: 'Reporting robot' })
    expect(state.wizard.step).toBe('inspect')
    const saved = await h.call('savePages', { pageIds: [], saveUserToken: true })
    expect(saved.tokens).toEqual([expect.objectContaining({ kind: 'SYSTEM_USER', neverExpires: true, name: 'Reporting robot', status: 'valid' })])
  })

  it('explains a garbage token and a token of another app, and stores neither', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    const garbage = await h.call('pasteToken', { token: 'EAAnot-a-real-token-at-all' })
    expect(garbage.wizard).toMatchObject({ step: 'failed', canPaste: true })
    const other = h.sandbox().controls.createApp({ name: 'Someone else' })
    const foreign = h.sandbox().issueToken({ kind: 'USER', appId: other.id, lifetime: 'long' })
    const wrong = await h.call('pasteToken', { token: foreign })
    expect(wrong.wizard.step === 'failed' && wrong.wizard.message).toMatch(/different app/)
    expect(wrong.tokens).toHaveLength(0)
  })
})

describe('PKCE', () => {
  it('falls back when the app does not honour PKCE, and remembers it', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    const sandbox = h.sandbox()
    sandbox.controls.setApp(sandbox.practiceApp.id, { honourPkce: false })
    await h.call('choosePurpose', { purpose: 'read-insights' })
    const first = await h.call('login', {})
    expect(first.wizard.step).toBe('pages')
    const exchanges = sandbox.requests.filter((r) => r.path.endsWith('/oauth/access_token') && r.params.code)
    expect(exchanges.map((r) => 'code_verifier' in r.params)).toEqual([true, false])
    await h.call('choosePurpose', { purpose: 'read-insights' })
    await h.call('login', {})
    expect(new URL(h.login.urls[1]!).searchParams.has('code_challenge')).toBe(false)
  })

  it('keeps PKCE when the app honours it', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    await h.call('choosePurpose', { purpose: 'read-insights' })
    await h.call('login', {})
    const exchanges = h.sandbox().requests.filter((r) => r.path.endsWith('/oauth/access_token') && r.params.code)
    expect(exchanges).toHaveLength(1)
    expect(exchanges[0]!.params.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })
})

describe('the monitor finds each death', () => {
  it.each([
    ['change-password', 'password-changed'],
    ['remove-app', 'app-removed'],
  ] as const)('%s marks every token dead with the reason %s: one notification and one banner for the cause', async (action, reason) => {
    h = await startHarness()
    await savedJourney(h)
    const after = await h.call('practice', { action })
    expect(after.tokens.every((t) => t.status === 'dead' && t.problem?.reason === reason)).toBe(true)
    const deaths = h.notifications.filter((n) => n.key.includes(':died:'))
    expect(deaths).toHaveLength(1)
    const user = after.tokens.find((t) => t.kind === 'USER')!
    expect(deaths[0]).toMatchObject({ title: expect.stringMatching(/: 4 tokens stopped$/) as string, tokenId: user.id, action: 'reauthorize' })
    const banners = after.notices.filter((n) => n.tokenIds)
    expect(banners.map((n) => [n.level, n.tokenIds!.length, n.familyId])).toEqual([['error', 4, user.id]])
    expect(banners[0]!.message).toMatch(/: 4 tokens stopped\. Log in again to renew all of them\.$/)
    await h.call('checkNow', {})
    expect(h.notifications.filter((n) => n.key.includes(':died:'))).toHaveLength(1)

    // Dismissing the banner dismisses the group; it stays dismissed while the problem lasts.
    const dismissed = await h.call('dismissNotice', { id: banners[0]!.id })
    expect(dismissed.notices.filter((n) => n.tokenIds)).toEqual([])
    expect((await h.call('checkNow', {})).notices.filter((n) => n.tokenIds)).toEqual([])
  })

  it('a lost page role kills only that page token', async () => {
    h = await startHarness()
    const saved = await savedJourney(h)
    const page = saved.tokens.find((t) => t.kind === 'PAGE')!
    const after = await h.call('practice', { action: 'remove-page-role', pageId: page.profileId! })
    const dead = after.tokens.filter((t) => t.status === 'dead')
    expect(dead.map((t) => [t.id, t.problem?.reason, t.problem?.fix])).toEqual([[page.id, 'no-page-role', 'fix-page-role']])
  })

  it.each([
    ['logout', 'logged-out'],
    ['checkpoint', 'checkpoint'],
    ['unconfirm', 'unconfirmed-user'],
  ] as const)('sandbox %s gives %s', async (control, reason) => {
    h = await startHarness()
    await savedJourney(h)
    const sandbox = h.sandbox()
    const controls = { logout: (id: string) => sandbox.controls.logout(id), checkpoint: (id: string) => sandbox.controls.checkpoint(id), unconfirm: (id: string) => sandbox.controls.unconfirm(id) }
    controls[control](sandbox.practiceUser.id)
    const after = await h.call('checkNow', {})
    expect(after.tokens.find((t) => t.kind === 'USER')?.problem?.reason).toBe(reason)
  })

  it('expiry after the clock passes 60 days: marked expired, never exchanged, announced once', async () => {
    h = await startHarness()
    await savedJourney(h)
    const exchangesBefore = h.sandbox().requests.filter((r) => r.params.grant_type === 'fb_exchange_token').length
    const after = await h.call('practice', { action: 'advance-time', days: 61 })
    expect(statuses(after)).toEqual(['PAGE:valid:-', 'PAGE:valid:-', 'PAGE:valid:-', 'USER:dead:expired'])
    await h.call('checkNow', {})
    expect(h.sandbox().requests.filter((r) => r.params.grant_type === 'fb_exchange_token')).toHaveLength(exchangesBefore)
    expect(h.notifications.filter((n) => n.key.includes(':died:'))).toHaveLength(1)
  })
})

describe('failures never mark a token dead', () => {
  it('throttling: nothing dead, a notice, and recovery when it clears', async () => {
    h = await startHarness()
    await savedJourney(h)
    const throttled = await h.call('practice', { action: 'throttle', on: true })
    expect(throttled.tokens.every((t) => t.status === 'valid')).toBe(true)
    expect(throttled.notices.filter((n) => /Facebook is busy, so the last check waits/.test(n.message))).toHaveLength(1)
    const cleared = await h.call('practice', { action: 'throttle', on: false })
    expect(cleared.tokens.every((t) => t.status === 'valid')).toBe(true)
  })

  it.each([
    [{ kind: 'drop' as const }],
    [{ kind: 'http' as const, status: 503 }],
    [{ kind: 'error' as const, code: 2, message: 'Service temporarily unavailable' }],
  ])('%o', async (fault) => {
    h = await startHarness()
    await savedJourney(h)
    h.sandbox().controls.injectFault({ ...fault, times: Infinity })
    const after = await h.call('checkNow', {})
    expect(after.tokens.every((t) => t.status === 'valid')).toBe(true)
    h.sandbox().controls.clearFaults()
    h.sandbox().controls.changePassword(h.sandbox().practiceUser.id)
    const later = await h.call('checkNow', {})
    expect(later.tokens.every((t) => t.status === 'dead')).toBe(true)
  })
})

describe('reminders as the clock moves', () => {
  it('shows 14, 7, 3 and 1 days before expiry once each', async () => {
    h = await startHarness()
    await savedJourney(h)
    const expiring = () => h!.notifications.filter((n) => n.key.includes(':expires:')).map((n) => n.key.split(':')[2])
    for (const [days, expected] of [
      [46, ['14']],
      [1, ['14']],
      [6, ['14', '7']],
      [4, ['14', '7', '3']],
      [2, ['14', '7', '3', '1']],
    ] as const) {
      await h.call('practice', { action: 'advance-time', days })
      expect(expiring()).toEqual(expected)
    }
  })
})

describe('reminders that go out of date', () => {
  it('a token that stopped loses its reminder, and a grouped reminder is recounted when one of its tokens goes', async () => {
    h = await startHarness()
    await savedJourney(h)
    const reminders = (s: AppState) => s.notices.filter((n) => n.level === 'warning').map((n) => [n.message, n.tokenIds?.length])
    const warned = await h.call('practice', { action: 'advance-time', days: 46 })
    const user = warned.tokens.find((t) => t.kind === 'USER')!
    expect(reminders(warned)).toEqual([[`“${user.name}” stops working in 14 days`, 1]])
    // Thirty days on the user token has expired: its banner says so, and the reminder that it
    // would stop is gone. The Page tokens' data access runs out together: one reminder.
    const later = await h.call('practice', { action: 'advance-time', days: 30 })
    expect(later.notices.filter((n) => n.level === 'error').map((n) => n.message)).toEqual([`“${user.name}” has expired. Log in again to renew it.`])
    expect(reminders(later)).toEqual([['Data access for 3 tokens ends in 14 days', 3]])
    const pageId = later.tokens.find((t) => t.kind === 'PAGE')!.id
    const removed = await h.call('removeToken', { id: pageId })
    expect(reminders(removed)).toEqual([['Data access for 2 tokens ends in 14 days', 2]])
  })
})

describe('re-authorisation', () => {
  it('one call renews the user token and its page tokens after a password change', async () => {
    h = await startHarness()
    await savedJourney(h)
    const dead = await h.call('practice', { action: 'change-password' })
    const user = dead.tokens.find((t) => t.kind === 'USER')!
    expect(user.problem?.fix).toBe('reauthenticate')
    const renewed = await h.call('reauthorize', { id: user.id })
    expect(new URL(h.login.urls.at(-1)!).searchParams.get('auth_type')).toBe('reauthenticate')
    expect(statuses(renewed)).toEqual(['PAGE:valid:-', 'PAGE:valid:-', 'PAGE:valid:-', 'USER:valid:-'])
    expect(renewed.tokens.map((t) => t.id).sort()).toEqual(dead.tokens.map((t) => t.id).sort())
  })

  it('renewing, by a new login or by the wizard again, keeps the names and "used in" notes the person gave', async () => {
    h = await startHarness()
    const saved = await savedJourney(h)
    const user = saved.tokens.find((t) => t.kind === 'USER')!
    const page = saved.tokens.find((t) => t.kind === 'PAGE')!
    await h.call('setUsedIn', { id: user.id, usedIn: 'n8n production' })
    await h.call('setUsedIn', { id: page.id, usedIn: '~/ads/.env' })
    await h.call('renameToken', { id: page.id, name: 'Shop page (reports)' })
    const notes = (s: AppState) => s.tokens.filter((t) => t.usedIn).map((t) => [t.id, t.name, t.usedIn]).sort()
    const expected = [
      [user.id, user.name, 'n8n production'],
      [page.id, 'Shop page (reports)', '~/ads/.env'],
    ].sort()

    await h.call('practice', { action: 'change-password' })
    const renewed = await h.call('reauthorize', { id: user.id })
    expect(statuses(renewed)).toEqual(['PAGE:valid:-', 'PAGE:valid:-', 'PAGE:valid:-', 'USER:valid:-'])
    expect(notes(renewed)).toEqual(expected)

    const again = await savedJourney(h)
    expect(again.tokens).toHaveLength(4)
    expect(notes(again)).toEqual(expected)
    if (again.wizard.step !== 'saved') throw new Error(`expected saved, got ${again.wizard.step}`)
    expect(again.wizard.saved).toContain('Shop page (reports)')
  })
})

describe('leaks', () => {
  it('no token, code, verifier, secret or proof in any file or log line after the journey', async () => {
    h = await startHarness()
    await savedJourney(h)
    await h.call('practice', { action: 'change-password' })
    const sandbox = h.sandbox()
    const secrets = new Set<string>([sandbox.practiceApp.secret])
    for (const r of sandbox.requests) {
      for (const key of ['access_token', 'input_token', 'fb_exchange_token', 'code', 'code_verifier', 'appsecret_proof', 'state', 'client_secret']) {
        const v = r.params[key]
        if (typeof v === 'string' && v.length >= 8 && !/^\d+\|/.test(v)) secrets.add(v)
      }
    }
    expect(secrets.size).toBeGreaterThan(8)
    // Stopping waits for the check results still being written, so the scan sees the final files.
    await h.core.stop()
    const files = await filesUnder(h.home)
    const logs = JSON.stringify(h.logs)
    const states = JSON.stringify(h.states)
    for (const secret of secrets) {
      for (const f of files) expect(f.text.includes(secret), `${f.path} holds a secret`).toBe(false)
      expect(logs.includes(secret), 'a log line holds a secret').toBe(false)
      expect(states.includes(secret), 'a state holds a secret').toBe(false)
    }
  })
})

describe('restart', () => {
  it('starts on defaults when the settings file is corrupt: moved aside, one notice', async () => {
    const home = await mkdtemp(join(tmpdir(), 'token-desk-restart-'))
    try {
      await writeFile(join(home, 'settings.json'), '{"version":1,"settings":{"reminderDays":[14,')
      h = await startHarness({ home })
      const state = await h.call('getState', {})
      expect(state.mode).toBe('none')
      expect(state.notices.filter((n) => /settings/i.test(n.message))).toHaveLength(1)
      expect((await readdir(home)).some((f) => /^settings\.corrupt-.*\.json$/.test(f))).toBe(true)
      await h.close()
      h = null
      expect((await filesUnder(home)).map((f) => f.path).join('\n')).toContain('corrupt')
    } finally {
      await rm(home, { recursive: true, force: true })
    }
  })
})
