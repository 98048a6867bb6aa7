/**
 * Issue 21, "The first hour": the app core's side of each point, over the practice sandbox on
 * real HTTP, real crypto and real files (the window's side is in test/e2e/first-hour*.spec.ts).
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AppState } from '../../../preload/api'
import type { Sandbox } from '../../../main/core/sandbox'
import { practiceKeptDir } from '../../../main/core/app/practice-kept'
import { startTestSandbox } from '../cli/support'
import { startHarness, type Harness } from './harness'

const DAY = 86_400_000
let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

async function savedPages(harness: Harness, purpose: 'manage-pages' | 'manage-ads' = 'manage-pages'): Promise<AppState> {
  await harness.call('startPractice', {})
  const state = await harness.call('login', { purpose })
  if (state.wizard.step !== 'pages') throw new Error(`expected pages, got ${state.wizard.step}`)
  return harness.call('savePages', { pageIds: state.wizard.pages.map((p) => p.id), saveUserToken: true })
}

describe('point 1: copy where the page writes the clipboard', () => {
  it('a browser host hands the page the token, a snippet and the diagnostics on copyInPage, and refuses the host copy', async () => {
    h = await startHarness({ clipboard: 'page' })
    const saved = await savedPages(h)
    expect(saved.host).toEqual({ copy: 'page', startAtLogin: true })
    const user = saved.tokens.find((t) => t.kind === 'USER')!
    const token = await h.call('copyInPage', { what: 'token', id: user.id })
    expect(token.text).toMatch(/^EAA/)
    expect(token.text.endsWith(user.last4)).toBe(true)
    expect(token).toMatchObject({ masked: expect.stringContaining(user.last4) as string, clearsInSeconds: 30 })
    const snippet = await h.call('copyInPage', { what: 'snippet', id: user.id, format: 'env' })
    expect(snippet.text).toContain(token.text)
    const diagnostics = await h.call('copyInPage', { what: 'diagnostics' })
    expect(diagnostics.text).toContain('Token Desk diagnostics')
    expect(diagnostics.text).not.toContain(token.text)
    expect(diagnostics.clearsInSeconds).toBe(3600)
    // Never part of the state: not in any state the core pushed, before or after.
    expect(JSON.stringify(h.states)).not.toContain(token.text)
    expect(await h.fail('copyToken', { id: user.id })).toMatch(/the page copies the text itself/)
  })

  it('the desktop app keeps the token in main: copyInPage is refused and the host clipboard gets it', async () => {
    h = await startHarness()
    const saved = await savedPages(h)
    const user = saved.tokens.find((t) => t.kind === 'USER')!
    expect(await h.fail('copyInPage', { what: 'token', id: user.id })).toMatch(/copies to the clipboard itself/)
    expect(await h.fail('copyInPage', { what: 'diagnostics' })).toMatch(/copies to the clipboard itself/)
    const copied = await h.call('copyToken', { id: user.id })
    expect(copied).not.toHaveProperty('text')
    expect(h.clipboard.at(-1)).toMatch(/^EAA/)
  })
})

describe('point 3: one count of days', () => {
  it('a reminder banner counts down with the clock, as the rows do, and a later reminder replaces it', async () => {
    h = await startHarness()
    await savedPages(h, 'manage-ads')
    const user = h.core.state().tokens.find((t) => t.kind === 'USER')!
    const left = (Date.parse(user.expiresAt!) - Date.parse(h.core.state().practiceNow!)) / DAY
    // Into the 14-day reminder: 10 days and a few hours left.
    await h.call('practice', { action: 'advance-time', days: Math.floor(left) - 10 })
    const first = h.core.state().notices.filter((n) => /stops working/.test(n.message))
    expect(first.map((n) => n.message)).toEqual([`“${user.name}” stops working in 11 days`])
    await h.call('practice', { action: 'advance-time', days: 2 })
    // Two days on, the same banner says 9; no second banner for the same token and clock.
    const later = h.core.state().notices.filter((n) => /stops working/.test(n.message))
    expect(later.map((n) => n.message)).toEqual([`“${user.name}” stops working in 9 days`])
    await h.call('practice', { action: 'advance-time', days: 3 })
    const seven = h.core.state().notices.filter((n) => /stops working/.test(n.message))
    expect(seven.map((n) => n.message)).toEqual([`“${user.name}” stops working in 6 days`])
  })
})

describe('point 5: notices that end', () => {
  it('a success note lasts until the next action', async () => {
    h = await startHarness()
    await savedPages(h)
    const user = h.core.state().tokens.find((t) => t.kind === 'USER')!
    const renewed = await h.call('reauthorize', { id: user.id })
    expect(renewed.notices.filter((n) => n.level === 'info').map((n) => n.message)).toEqual([expect.stringMatching(/^Renewed /)])
    // Reading the state is no action; checking is.
    expect((await h.call('getState', {})).notices.some((n) => /^Renewed /.test(n.message))).toBe(true)
    const checked = await h.call('checkNow', {})
    expect(checked.notices.some((n) => /^Renewed /.test(n.message))).toBe(false)
  })

  it('the wrong-secret warning is one notice, says what Facebook said, and goes with Repair my app', async () => {
    h = await startHarness()
    await savedPages(h)
    await h.call('practice', { action: 'break-app', what: 'wrong-secret' })
    await h.call('checkNow', {})
    const once = await h.call('checkNow', {})
    const warnings = once.notices.filter((n) => /App Secret/.test(n.message))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).not.toMatch(/did not reach Facebook/)
    expect(warnings[0]!.message).toMatch(/^The last check could not finish: Facebook rejected the App Secret/)
    const repaired = await h.call('practice', { action: 'repair-app' })
    expect(repaired.notices.filter((n) => /App Secret/.test(n.message))).toEqual([])
    expect((await h.call('checkNow', {})).notices.filter((n) => /App Secret/.test(n.message))).toEqual([])
  })

  it('a dismissed check warning stays away while the cause lasts, and comes back after it ended and returned', async () => {
    h = await startHarness()
    await savedPages(h)
    await h.call('practice', { action: 'break-app', what: 'wrong-secret' })
    const failing = await h.call('checkNow', {})
    const warning = failing.notices.find((n) => /App Secret/.test(n.message))!
    await h.call('dismissNotice', { id: warning.id })
    expect((await h.call('checkNow', {})).notices.filter((n) => /App Secret/.test(n.message))).toEqual([])
    await h.call('practice', { action: 'repair-app' })
    await h.call('checkNow', {})
    await h.call('practice', { action: 'break-app', what: 'wrong-secret' })
    expect((await h.call('checkNow', {})).notices.filter((n) => /App Secret/.test(n.message))).toHaveLength(1)
  })
})

describe('point 6: from practice to your own app without deleting', () => {
  let real: Sandbox
  beforeAll(async () => {
    real = await startTestSandbox()
  })
  afterAll(() => real.close())

  /** Facebook itself, played by a second sandbox: graph.facebook.com is sent there. */
  const toReal: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    if (url.hostname === 'graph.facebook.com') {
      const target = new URL(real.graphUrl)
      url.protocol = target.protocol
      url.host = target.host
    }
    return fetch(url, init)
  }

  it('keeps practice tokens apart, out of the dashboard, the checks and the vault, until they are cleared', async () => {
    h = await startHarness({ fetch: toReal })
    const practiced = await savedPages(h)
    expect(practiced.tokens).toHaveLength(4)
    const own = await h.call('configureApp', { appId: real.practiceApp.id, appSecret: real.practiceApp.secret })
    expect(own.mode).toBe('production')
    expect(own.tokens).toEqual([])
    expect(own.practiceTokensKept).toBe(4)
    expect(own.notices.map((n) => n.message)).toContain('Your 4 practice tokens are kept apart from your own: Settings can clear them.')
    expect(await readdir(join(h.home, 'vault', 'tokens'))).toEqual([])
    expect((await readdir(practiceKeptDir(h.home))).filter((f) => f.endsWith('.json'))).toHaveLength(4)
    // The checks never send a practice token to the real Facebook.
    const before = real.requests.length
    await h.call('checkNow', {})
    expect(real.requests.slice(before).filter((r) => r.path.endsWith('/debug_token'))).toEqual([])
    const cleared = await h.call('clearPracticeTokens', {})
    expect(cleared.practiceTokensKept).toBe(0)
    expect((await readdir(practiceKeptDir(h.home))).filter((f) => f.endsWith('.json'))).toEqual([])
  })
})

describe('point 8: a typed name is kept', () => {
  it('a pasted token named by the person is saved as its own token beside the stored one of the same person', async () => {
    h = await startHarness()
    const saved = await savedPages(h)
    const stored = saved.tokens.find((t) => t.kind === 'USER')!
    const pasted = h.sandbox().issueToken({ kind: 'USER', lifetime: 'long' })
    await h.call('pasteToken', { token: pasted, name: 'Reporting script' })
    const after = await h.call('savePages', { pageIds: [], saveUserToken: true })
    const users = after.tokens.filter((t) => t.kind === 'USER')
    expect(users.map((t) => t.name).sort()).toEqual(['Reporting script', stored.name].sort())
    expect(users.find((t) => t.name === 'Reporting script')!.last4).toBe(pasted.slice(-4))
    expect(users.find((t) => t.id === stored.id)!.last4).toBe(stored.last4)
    expect(after.wizard).toMatchObject({ step: 'saved', saved: ['Reporting script'] })
    expect(after.wizard.step === 'saved' && after.wizard.renewed).toBeFalsy()
  })

  it('without a typed name, a newer token of the same person renews the stored one and the Saved step says so', async () => {
    h = await startHarness()
    const saved = await savedPages(h)
    const stored = saved.tokens.find((t) => t.kind === 'USER')!
    await h.call('pasteToken', { token: h.sandbox().issueToken({ kind: 'USER', lifetime: 'long' }) })
    const after = await h.call('savePages', { pageIds: [], saveUserToken: true })
    expect(after.tokens.filter((t) => t.kind === 'USER').map((t) => t.id)).toEqual([stored.id])
    expect(after.wizard).toMatchObject({ step: 'saved', saved: [stored.name], renewed: [stored.name] })
  })
})

describe('points 7 and 11: screens that reset, a doctor for the chosen purpose', () => {
  it('the purpose chosen once is remembered: the next wizard starts at Connect for it, or asks with askPurpose', async () => {
    h = await startHarness()
    await savedPages(h)
    expect((await h.call('resetWizard', {})).wizard).toMatchObject({ step: 'connect', purpose: 'manage-pages' })
    expect((await h.call('resetWizard', { askPurpose: true })).wizard).toEqual({ step: 'purpose' })
  })

  it('Check my app checks the permissions of the purpose chosen, not always those of managing ads', async () => {
    h = await startHarness()
    await savedPages(h)
    await h.call('resetWizard', { askPurpose: true })
    const state = await h.call('checkApp', {})
    const permissions = state.doctor!.findings.find((f) => f.check === 'permissions')!
    expect(permissions.reason).not.toMatch(/manage ads|ads_management/)
    expect(`${permissions.title} ${permissions.reason}`).toMatch(/pages|Pages/)
  })
})

describe('point 13: start at login only where it can work', () => {
  it('a host without start at login says so in the state, and refuses the setting in plain words', async () => {
    h = await startHarness({ noStartAtLogin: true })
    expect(h.core.state().host).toEqual({ copy: 'host', startAtLogin: false })
    expect(await h.fail('updateSettings', { startAtLogin: true })).toMatch(/desktop app only/)
  })
})
