import { afterEach, describe, expect, it } from 'vitest'
import { filesUnder, startHarness, type Harness } from './harness'

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

async function practiceToPages(harness: Harness) {
  await harness.call('startPractice', {})
  await harness.call('choosePurpose', { purpose: 'manage-pages' })
  return harness.call('login', {})
}

describe('the practice journey', () => {
  it('logs in with consent, exchanges, extends, lists and saves page tokens', async () => {
    h = await startHarness()
    const state = await practiceToPages(h)
    expect(state.wizard.step).toBe('pages')
    if (state.wizard.step !== 'pages') return
    expect(state.wizard.token.kind).toBe('USER')
    expect(state.wizard.token.longLived).toBe(true)
    expect(state.wizard.pages).toHaveLength(3)
    // The dialog asked for exactly the purpose's scopes, with state and an S256 challenge.
    const dialog = new URL(h.login.urls[0]!)
    expect(dialog.searchParams.get('scope')).toBe('pages_show_list,pages_read_engagement,pages_manage_posts,pages_manage_metadata')
    expect(dialog.searchParams.get('code_challenge_method')).toBe('S256')
    expect(dialog.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const saved = await h.call('savePages', { pageIds: state.wizard.pages.map((p) => p.id), saveUserToken: true })
    expect(saved.wizard.step).toBe('saved')
    expect(saved.tokens).toHaveLength(4)
    const pages = saved.tokens.filter((t) => t.kind === 'PAGE')
    expect(pages).toHaveLength(3)
    expect(pages.every((p) => p.neverExpires && p.status === 'valid')).toBe(true)
    const user = saved.tokens.find((t) => t.kind === 'USER')!
    expect(user.neverExpires).toBe(false)
    const days = (Date.parse(user.expiresAt!) - Date.parse(saved.practiceNow!)) / 86_400_000
    expect(days).toBeGreaterThan(59)
    expect(days).toBeLessThan(61)
    expect(pages.every((p) => p.parentId === user.id)).toBe(true)
  })

  it('never hands the renderer a token, and writes none in plain text', async () => {
    h = await startHarness()
    const state = await practiceToPages(h)
    if (state.wizard.step !== 'pages') throw new Error('no pages')
    const saved = await h.call('savePages', { pageIds: state.wizard.pages.map((p) => p.id), saveUserToken: true })
    const copied = await h.call('copyToken', { id: saved.tokens[0]!.id })
    expect(h.clipboard).toHaveLength(1)
    const token = h.clipboard[0]!
    expect(token).toMatch(/^EAA/)
    expect(copied.masked).toBe(`…${token.slice(-4)}`)
    const everything = JSON.stringify(h.states) + JSON.stringify(saved) + JSON.stringify(h.logs)
    expect(everything).not.toContain(token)
    await h.core.stop()
    for (const file of await filesUnder(h.home)) expect(file.text, file.path).not.toContain(token)
  })

  it('pastes a short-lived token and extends it', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    // The practice app's own Graph API Explorer stand-in: issue a token directly.
    const sandboxState = await h.call('getState', {})
    expect(sandboxState.mode).toBe('practice')
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const login = await h.call('login', {})
    expect(login.wizard.step).toBe('pages')
  })

  it('turns a cancelled consent into a cancel, and a closed window too', async () => {
    h = await startHarness()
    await h.call('startPractice', {})
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    h.login.choices.push({ cancel: true })
    const denied = await h.call('login', {})
    expect(denied.wizard.step).toBe('connect')
    expect(denied.notices.some((n) => /cancelled|declined/i.test(n.message))).toBe(true)
    h.login.choices.push('close')
    const closed = await h.call('login', {})
    expect(closed.wizard.step).toBe('connect')
    expect(closed.tokens).toHaveLength(0)
  })

  it('refuses methods that need an app before one is set up', async () => {
    h = await startHarness()
    expect(await h.fail('choosePurpose', { purpose: 'manage-ads' })).toMatch(/Set up your Meta app first/)
    expect(await h.fail('practice', { action: 'change-password' })).toMatch(/practice mode/)
  })
})
