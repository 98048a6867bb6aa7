import { afterEach, describe, expect, it } from 'vitest'
import type { AppState, TokenSummary } from '../../../preload/api'
import { savedJourney, storedOnDisk } from '../../abuse/support/app'
import { startHarness, type Harness } from './harness'

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

const byKind = (state: AppState, kind: TokenSummary['kind']) => state.tokens.filter((t) => t.kind === kind)

/** Practice, the system-user wizard, and a minted token for the Reporting Server. */
async function mintedSystemUser(harness: Harness, expiresIn60Days = false): Promise<AppState> {
  await harness.call('startPractice', {})
  await harness.call('choosePurpose', { purpose: 'manage-ads' })
  const listed = await harness.call('startSystemUser', {})
  if (listed.wizard.step !== 'system-users') throw new Error(listed.wizard.step)
  const business = listed.wizard.businesses[0]!
  const systemUser = business.systemUsers.find((u) => u.name === 'Practice Reporting Server')!
  return harness.call('mintSystemUser', { businessId: business.id, systemUserId: systemUser.id, expiresIn60Days })
}

const notices = (state: AppState) => state.notices.map((n) => n.message).join('\n')

describe('removing with "Also revoke it at Facebook"', () => {
  it('revokes a user login: debug_token reports it, and its Page tokens are shown ended', async () => {
    h = await startHarness()
    const saved = await savedJourney(h)
    const user = byKind(saved, 'USER')[0]!
    const secrets = await storedOnDisk(h.home)
    const told = h.notifications.length
    const state = await h.call('removeToken', { id: user.id, revoke: true })
    expect(state.tokens.map((t) => t.id)).not.toContain(user.id)
    expect(h.sandbox().tokenInfo(secrets.get(user.id)!)?.deadSubcode).toBe(466)
    // The Page tokens made from that login died with it, and a check says so at once.
    expect(byKind(state, 'PAGE').map((t) => [t.status, t.problem?.reason])).toEqual([
      ['dead', 'invalidated'],
      ['dead', 'invalidated'],
      ['dead', 'invalidated'],
    ])
    expect(notices(state)).toMatch(/Revoked “Pat Practice \(user token\)” at Facebook and removed it here\. The token was revoked\. It also ended “Practice/)
    // Ended from the window, seconds ago: the window says so; no OS notification repeats it.
    expect(h.notifications.slice(told)).toEqual([])
    const deletes = h.sandbox().requests.filter((r) => r.method === 'DELETE')
    expect(deletes.map((r) => r.path.replace(/^\/v\d+\.\d+/, ''))).toEqual([`/${h.sandbox().practiceUser.id}/permissions`])
  })

  it('takes back one permission only: the token keeps working without it', async () => {
    h = await startHarness()
    const saved = await savedJourney(h)
    const user = byKind(saved, 'USER')[0]!
    const secret = (await storedOnDisk(h.home)).get(user.id)!
    const state = await h.call('removeToken', { id: user.id, revoke: true, permission: 'pages_manage_posts' })
    expect(state.tokens).toHaveLength(3)
    const info = h.sandbox().tokenInfo(secret)!
    expect(info.deadSubcode).toBeNull()
    expect(info.scopes).not.toContain('pages_manage_posts')
    expect(notices(state)).toMatch(/It still works, without pages_manage_posts\./)
  })

  it('revokes a Page token as the login it came from, with the app token', async () => {
    h = await startHarness()
    const saved = await savedJourney(h)
    const page = byKind(saved, 'PAGE')[0]!
    const secrets = await storedOnDisk(h.home)
    const state = await h.call('removeToken', { id: page.id, revoke: true })
    expect(h.sandbox().tokenInfo(secrets.get(page.id)!)?.deadSubcode).toBe(466)
    expect(byKind(state, 'USER')[0]!.status).toBe('dead')
  })

  it("revokes a system user's tokens for the app and debug_token reports it", async () => {
    h = await startHarness()
    const minted = await mintedSystemUser(h)
    const id = minted.tokens[0]!.id
    const secret = (await storedOnDisk(h.home)).get(id)!
    const state = await h.call('removeToken', { id, revoke: true })
    expect(state.tokens).toEqual([])
    expect(h.sandbox().tokenInfo(secret)?.deadSubcode).toBe(466)
    const deletes = h.sandbox().requests.filter((r) => r.method === 'DELETE').map((r) => r.path.replace(/^\/v\d+\.\d+/, ''))
    expect(deletes).toEqual([`/${minted.tokens[0]!.userId}/access_tokens`])
    expect(notices(state)).toMatch(/Revoked “Practice Reporting Server \(system-user token\)” at Facebook and removed it here\. The token was revoked\./)
  })

  it('removes nothing when the revoke fails, and says so in plain words', async () => {
    h = await startHarness()
    const saved = await savedJourney(h)
    const user = byKind(saved, 'USER')[0]!
    const before = await storedOnDisk(h.home)
    h.sandbox().controls.injectFault({ kind: 'error', code: 2, method: 'DELETE', times: Infinity })
    const message = await h.fail('removeToken', { id: user.id, revoke: true })
    expect(message).toMatch(/^Facebook had a temporary problem\. Try again in a moment\.$/)
    expect(await storedOnDisk(h.home)).toEqual(before)
    expect(h.sandbox().tokenInfo(before.get(user.id)!)?.deadSubcode).toBeNull()
  })
})

describe('rotating a token that may have leaked', () => {
  it('a system-user token: replaced, stored in place, the old one revoked, and where to update it said', async () => {
    h = await startHarness()
    const minted = await mintedSystemUser(h, true)
    const id = minted.tokens[0]!.id
    await h.call('setUsedIn', { id, usedIn: '~/ads/.env' })
    const old = (await storedOnDisk(h.home)).get(id)!
    const state = await h.call('rotateToken', { id })
    const now = (await storedOnDisk(h.home)).get(id)!
    expect(now).not.toBe(old)
    expect(h.sandbox().tokenInfo(old)?.deadSubcode).toBe(466)
    expect(h.sandbox().tokenInfo(now)).toMatchObject({ kind: 'SYSTEM_USER', deadSubcode: null })
    // The same kind of token: 60 days, as the old one was.
    expect(h.sandbox().tokenInfo(now)!.expiresAt).toBeGreaterThan(0)
    const token = state.tokens[0]!
    expect(token).toMatchObject({ id, status: 'valid', usedIn: '~/ads/.env', last4: now.slice(-4) })
    expect(notices(state)).toMatch(/Replaced “Practice Reporting Server \(system-user token\)”: the new token is stored and checked, and the old one is revoked at Facebook \(debug_token now says: The token was revoked\.\)\. Update it where it is used: ~\/ads\/\.env/)
    // Facebook ended the first replacement with the old one, so a second was minted.
    const mints = h.sandbox().requests.filter((r) => r.method === 'POST' && r.path.endsWith('/access_tokens'))
    expect(mints).toHaveLength(3)
  })

  it('a user token: the replacement first; the revoke ends the whole login, so one more login finishes it', async () => {
    h = await startHarness()
    const saved = await savedJourney(h)
    const user = byKind(saved, 'USER')[0]!
    const old = await storedOnDisk(h.home)
    const told = h.notifications.length
    const rotated = await h.call('rotateToken', { id: user.id })
    expect(h.sandbox().tokenInfo(old.get(user.id)!)?.deadSubcode).toBe(466)
    expect(byKind(rotated, 'USER')[0]).toMatchObject({ id: user.id, status: 'dead' })
    expect(notices(rotated)).toMatch(/The old token is revoked\. Facebook ends every token of a login at once, so it ended the replacement too\. To finish, log in again/)
    // The whole family waits for that login: one alarm says why, about all four tokens, and leads to
    // the family's row; the person did this in the window, so no OS notification repeats it.
    const alarms = rotated.notices.filter((n) => n.tokenId !== undefined || (n.tokenIds?.length ?? 0) > 0)
    expect(alarms.map((n) => [n.level, n.familyId, [...(n.tokenIds ?? [])].sort()])).toEqual([['warning', user.id, rotated.tokens.map((t) => t.id).sort()]])
    expect(h.notifications.slice(told)).toEqual([])
    // The offered fix is the usual one-click renewal: the user token and its Page tokens, in place.
    const finished = await h.call('reauthorize', { id: user.id })
    expect(finished.tokens.map((t) => t.status)).toEqual(['valid', 'valid', 'valid', 'valid'])
    expect(finished.notices.filter((n) => n.tokenIds !== undefined || n.tokenId !== undefined)).toEqual([])
    const now = await storedOnDisk(h.home)
    expect([...now.keys()].sort()).toEqual([...old.keys()].sort())
    for (const [id, secret] of now) {
      expect(secret).not.toBe(old.get(id))
      expect(h.sandbox().tokenInfo(secret)?.deadSubcode).toBeNull()
      expect(h.sandbox().tokenInfo(old.get(id)!)?.deadSubcode).toBe(466)
    }
    expect(h.login.urls).toHaveLength(3)
  })

  it('a user token with "revoke first": one login, and the new token and its Pages stored', async () => {
    h = await startHarness()
    const saved = await savedJourney(h)
    const user = byKind(saved, 'USER')[0]!
    const old = await storedOnDisk(h.home)
    const state = await h.call('rotateToken', { id: user.id, revokeFirst: true })
    expect(state.tokens.map((t) => t.status)).toEqual(['valid', 'valid', 'valid', 'valid'])
    for (const [id, secret] of await storedOnDisk(h.home)) {
      expect(h.sandbox().tokenInfo(secret)?.deadSubcode).toBeNull()
      expect(h.sandbox().tokenInfo(old.get(id)!)?.deadSubcode).toBe(466)
    }
    expect(notices(state)).toMatch(/3 Page tokens made from it were renewed too/)
    expect(h.login.urls).toHaveLength(2)
  })

  it.each([
    ['the login window is closed', 'close' as const, /^No replacement was stored: The Facebook login was closed before it finished\. Nothing was changed/],
    ['Facebook refuses the code exchange', 'exchange' as const, /^No replacement was stored: Facebook had a temporary problem\. Try again in a moment\. Nothing was changed/],
  ])('a user-token replacement that fails (%s) changes nothing: the old token stays stored and working', async (_label, how, words) => {
    h = await startHarness()
    const saved = await savedJourney(h)
    const user = byKind(saved, 'USER')[0]!
    const before = await storedOnDisk(h.home)
    if (how === 'close') h.login.choices.push('close')
    else h.sandbox().controls.injectFault({ kind: 'error', code: 2, path: 'oauth/access_token', times: Infinity })
    const message = await h.fail('rotateToken', { id: user.id })
    expect(message).toMatch(words)
    expect(message).toMatch(/the old token is still stored and still works\.$/)
    expect(await storedOnDisk(h.home)).toEqual(before)
    expect(h.sandbox().tokenInfo(before.get(user.id)!)?.deadSubcode).toBeNull()
    expect(h.sandbox().requests.filter((r) => r.method === 'DELETE')).toEqual([])
    expect(h.core.state().tokens.every((t) => t.status === 'valid')).toBe(true)
  })

  it('a replacement that cannot stand in for the old one (a permission short) is refused and changes nothing', async () => {
    h = await startHarness()
    const saved = await savedJourney(h)
    const user = byKind(saved, 'USER')[0]!
    const before = await storedOnDisk(h.home)
    // The person took back a permission at Facebook; a login without re-request does not ask again.
    h.sandbox().controls.revokePermission(h.sandbox().practiceUser.id, 'pages_manage_posts')
    const message = await h.fail('rotateToken', { id: user.id })
    expect(message).toMatch(/^No replacement was stored: the new token cannot stand in for the old one: it lacks pages_manage_posts, which the old token had\. Nothing was changed/)
    expect(await storedOnDisk(h.home)).toEqual(before)
    expect(h.sandbox().requests.filter((r) => r.method === 'DELETE')).toEqual([])
  })

  it('a system-user replacement Facebook will not mint changes nothing', async () => {
    h = await startHarness()
    const minted = await mintedSystemUser(h)
    const id = minted.tokens[0]!.id
    const before = await storedOnDisk(h.home)
    await h.call('practice', { action: 'access-tier', tier: 'limited' })
    const message = await h.fail('rotateToken', { id })
    expect(message).toMatch(/^No replacement was stored: Your app has Limited Marketing API access.*Nothing was changed: the old token is still stored and still works\.$/)
    expect(await storedOnDisk(h.home)).toEqual(before)
    expect(h.sandbox().tokenInfo(before.get(id)!)?.deadSubcode).toBeNull()
  })

  it.each([
    ['a user token', 'USER' as const, 'permissions'],
    ['a system-user token', 'SYSTEM_USER' as const, 'access_tokens'],
  ])('%s whose revoke fails: the old token is put back in place and still works', async (_label, kind, edge) => {
    h = await startHarness()
    const state = kind === 'USER' ? await savedJourney(h) : await mintedSystemUser(h)
    const id = byKind(state, kind)[0]!.id
    const before = await storedOnDisk(h.home)
    h.sandbox().controls.injectFault({ kind: 'error', code: 2, method: 'DELETE', path: edge, times: Infinity })
    const message = await h.fail('rotateToken', { id })
    expect(message).toMatch(/^Revoking the old token failed: Facebook had a temporary problem\. Try again in a moment\. Nothing was changed: the old token is back in place and still works\. Try again\.$/)
    expect(await storedOnDisk(h.home)).toEqual(before)
    expect(h.sandbox().tokenInfo(before.get(id)!)?.deadSubcode).toBeNull()
    const checked = await h.call('checkNow', {})
    expect(checked.tokens.every((t) => t.status === 'valid')).toBe(true)
    // Once Facebook answers again, the same rotation goes through.
    h.sandbox().controls.clearFaults()
    await h.call('rotateToken', { id, ...(kind === 'USER' ? { revokeFirst: true } : {}) })
    expect(h.sandbox().tokenInfo(before.get(id)!)?.deadSubcode).toBe(466)
  })
})
