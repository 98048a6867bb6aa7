/**
 * Issue 21, "The first hour": the window's side of each numbered point, in Chromium against the
 * built renderer with the fake host (support/fake-desk.ts, which answers as the core does). The
 * core's side is test/integration/app/first-hour.test.ts; the whole walk on `token-desk serve`
 * is first-hour-served.spec.ts.
 */
import type { Page } from '@playwright/test'
import type { AppState, DoctorReport, TokenSummary } from '../../preload/api'
import { callsOf, checkScreen, readClipboard, expect, test } from './support/fixtures'
import { baseState, dashboardState, accessState, NOW, practiceState, token } from './support/states'

const DAY = 86_400_000
const inDays = (days: number): string => new Date(Date.parse(NOW) + days * DAY).toISOString()
const methods = async (page: Page): Promise<string[]> => (await callsOf(page)).map((c) => c.method)
const family = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Token families' }).locator(':scope > li').filter({ has: page.getByRole('button', { name, exact: true }) })
const member = (page: Page, name: string) => page.locator('.member').filter({ has: page.getByRole('button', { name: `Details of ${name}` }) })
const nav = (page: Page, name: string | RegExp) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click()

/** A user token expiring in 9.3 days with a Page that lost its role, and two working Pages. */
function roleAndExpiry(): TokenSummary[] {
  const page = (id: string, name: string, patch: Partial<TokenSummary> = {}) =>
    token({ id, name, kind: 'PAGE', last4: id.slice(-4), profileId: String(100 + id.length), expiresAt: null, neverExpires: true, parentId: 'tok-user', ...patch })
  return [
    token({ name: 'Sam Advertiser (user)', status: 'expiring', expiresAt: inDays(9.3), dataAccessExpiresAt: inDays(40) }),
    page('tok-bakery', 'Corner Bakery'),
    page('tok-market', 'Weekend Market', {
      status: 'dead',
      problem: { reason: 'no-page-role', code: 190, subcode: null, message: 'You no longer have a role on this Page.', fix: 'fix-page-role' },
    }),
    page('tok-events', 'Corner Bakery Events'),
  ]
}

test.describe('point 1: the token can leave the browser app', () => {
  test('Copy token and Copy diagnostics write the browser clipboard from copyInPage, and it clears only if unchanged', async ({ openApp, server }) => {
    const page = await openApp(dashboardState({ host: { copy: 'page', startAtLogin: false } }))
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    await page.evaluate(() => ((globalThis as { __clearsIn?: number }).__clearsIn = 1))
    await family(page, 'Reporting script').getByRole('button', { name: 'Reporting script', exact: true }).click()
    await member(page, 'Reporting script').getByRole('button', { name: /^Copy token/ }).click()
    await expect(member(page, 'Reporting script').getByText('Copied …R3pt, clipboard clears in 1 s')).toBeVisible()
    const copied = await readClipboard(page)
    expect(copied).toBe('EAAfaketokreportsR3pt')
    expect(await page.content()).not.toContain(copied)
    expect(await methods(page)).toEqual(['getState', 'copyInPage'])
    // After the delay it is cleared, because it still holds the token.
    await expect.poll(() => readClipboard(page), { timeout: 5000 }).toBe('')

    // Copied again, then the person copies something else: the clear leaves theirs alone.
    await member(page, 'Reporting script').getByRole('button', { name: /^Copy token/ }).click()
    await expect.poll(() => readClipboard(page)).toBe('EAAfaketokreportsR3pt')
    await page.evaluate('navigator.clipboard.writeText("my own note")')
    await page.waitForTimeout(1500)
    expect(await readClipboard(page)).toBe('my own note')

    await page.evaluate(() => ((globalThis as { __clearsIn?: number }).__clearsIn = 3600))
    await nav(page, 'Settings')
    await page.getByRole('button', { name: 'Copy diagnostics' }).click()
    await expect(page.getByText(/^Copied\. The clipboard is cleared in/)).toBeVisible()
    expect(await readClipboard(page)).toBe('Token Desk diagnostics (fake desk)\n')
    expect((await methods(page)).filter((m) => /^copy/.test(m))).toEqual(['copyInPage', 'copyInPage', 'copyInPage'])
  })

  test('in the desktop app the host copies: the token never comes to the page', async ({ openApp }) => {
    const page = await openApp(dashboardState())
    await family(page, 'Reporting script').getByRole('button', { name: 'Reporting script', exact: true }).click()
    await member(page, 'Reporting script').getByRole('button', { name: /^Copy token/ }).click()
    await expect(member(page, 'Reporting script').getByText('Copied …R3pt, clipboard clears in 30 s')).toBeVisible()
    expect(await methods(page)).toEqual(['getState', 'copyToken'])
  })
})

test.describe('point 2: storage that tells the truth, once, fixable in the window', () => {
  const memoryOnly: AppState['storage'] = { protection: 'unavailable', backend: 'none', persisting: false, unlock: null, scriptPassphrase: 'can-create', reason: 'There is no OS keyring here and TOKEN_DESK_PASSPHRASE is not set.' }

  test('the start screen offers the passphrase before the first token, and says "encrypted" only once it is', async ({ openApp }) => {
    const page = await openApp(baseState({ storage: memoryOnly }))
    await expect(page.getByRole('heading', { name: 'First, a passphrase for your tokens' })).toBeVisible()
    await expect(page.getByText(/keeps them encrypted on this computer once you choose a passphrase/)).toBeVisible()
    await expect(page.getByText('Token Desk checks the secret with Facebook at once and keeps it in memory until it can save it encrypted.')).toBeVisible()
    // One notice about storage, not a banner and a second problem notice.
    await expect(page.locator('.banner')).toHaveCount(0)
    await checkScreen(page, 'first-hour-start-memory-only')
    await page.getByLabel('Passphrase', { exact: true }).fill('a new passphrase')
    await page.getByLabel('Repeat the passphrase').fill('a new passphrase')
    await page.getByRole('button', { name: 'Use this passphrase' }).click()
    await expect(page.getByRole('heading', { name: 'First, a passphrase for your tokens' })).toHaveCount(0)
    await expect(page.getByText(/keeps them encrypted on this computer, and warns/)).toBeVisible()
    expect((await callsOf(page)).find((c) => c.method === 'addVaultPassphrase')?.input).toEqual({ passphrase: 'a new passphrase' })
  })

  test('on every other screen one banner says it in plain words, with the fix as a button, and goes once fixed', async ({ openApp }) => {
    const page = await openApp(dashboardState({ storage: memoryOnly, notices: [] }))
    const banner = page.getByRole('note').filter({ hasText: 'Your tokens are not saved yet.' })
    await expect(banner).toHaveCount(1)
    await expect(page.getByText(/nothing to encrypt/)).toHaveCount(0)
    await banner.getByRole('button', { name: 'Choose a passphrase' }).click()
    await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused()
    await checkScreen(page, 'first-hour-storage-banner')
    await page.getByLabel('Passphrase', { exact: true }).fill('a new passphrase')
    await page.getByLabel('Repeat the passphrase').fill('a new passphrase')
    await page.getByRole('button', { name: 'Save my tokens with this passphrase' }).click()
    await expect(banner).toHaveCount(0)
  })

  test('the Saved step says where the tokens are as it is', async ({ openApp }) => {
    const saved: AppState['wizard'] = { step: 'saved', purpose: 'manage-pages', saved: ['tok-user'] }
    const page = await openApp({ ...dashboardState({ storage: memoryOnly, notices: [] }), wizard: saved })
    await expect(page.getByText('It is in memory only, until Token Desk stops: choose a passphrase above to save it.')).toBeVisible()
    await expect(page.getByText(/encrypted on this computer/)).toHaveCount(0)
  })
})

test.describe('points 3 and 4: a fix per token, a badge that says what is true, one count of days', () => {
  test('beside a lost Page role, the expiring user token has its own Renew, in its row and its detail view', async ({ openApp }) => {
    const page = await openApp(dashboardState({ tokens: roleAndExpiry(), notices: [] }))
    const sam = family(page, 'Sam Advertiser (user)')
    await expect(sam.locator('.family-head .badge')).toHaveText('✕ 1 of 4 stopped')
    await expect(sam.locator('.family-fix').getByRole('button')).toHaveText('Role given back? Check again')
    await sam.getByRole('button', { name: 'Sam Advertiser (user)', exact: true }).click()
    await expect(member(page, 'Sam Advertiser (user)').getByRole('button', { name: 'Renew “Sam Advertiser (user)”' })).toBeVisible()
    await expect(member(page, 'Weekend Market').getByRole('button', { name: 'Role given back? Check again “Weekend Market”' })).toBeVisible()
    // 9.3 days: "in 10 days", as the reminder counts it.
    await expect(member(page, 'Sam Advertiser (user)').locator('.member-clocks')).toHaveText('Stops working in 10 days · data access ends in 40 days')
    await checkScreen(page, 'first-hour-fix-per-token')
    await page.getByRole('button', { name: 'Details of Sam Advertiser (user)' }).click()
    await page.getByRole('button', { name: 'Log in again to renew “Sam Advertiser (user)”' }).click()
    expect((await callsOf(page)).at(-1)).toEqual({ method: 'reauthorize', input: { id: 'tok-user' } })
  })

  test('a family of 58 with one stopped says "1 of 58 stopped", not "Stopped working"', async ({ openApp }) => {
    const tokens = [
      token({}),
      ...Array.from({ length: 57 }, (_, i) =>
        token({ id: `p${i}`, name: `Page ${i}`, kind: 'PAGE', last4: `P${i}`.padEnd(4, '0'), profileId: String(500 + i), expiresAt: null, neverExpires: true, parentId: 'tok-user', ...(i === 3 ? { status: 'dead' as const, problem: { reason: 'no-page-role' as const, code: 190, subcode: null, message: 'No role.', fix: 'fix-page-role' as const } } : {}) }),
      ),
    ]
    const page = await openApp(dashboardState({ tokens, notices: [] }))
    await expect(page.locator('.family-head .badge')).toHaveText('✕ 1 of 58 stopped')
    await expect(page.locator('.family-facts')).toHaveText(/^User token and 57 Page tokens · /)
  })
})

test.describe('point 5: notices that end', () => {
  test('a success note fades by itself', async ({ openApp }) => {
    const page = await openApp(dashboardState({ notices: [{ id: 'n9', level: 'info', message: 'Renewed Sam Advertiser (user) and 2 Page tokens.' }] }))
    await page.clock.install()
    await page.reload()
    await expect(page.getByText('Renewed Sam Advertiser (user) and 2 Page tokens.')).toBeVisible()
    await page.clock.fastForward(13_000)
    await expect(page.getByText('Renewed Sam Advertiser (user) and 2 Page tokens.')).toHaveCount(0)
    expect((await callsOf(page)).filter((c) => c.method === 'dismissNotice')).toEqual([{ method: 'dismissNotice', input: { id: 'n9' } }])
  })

  test('Settings takes a new App Secret for the app in use, checked before it replaces the old one', async ({ openApp }) => {
    const page = await openApp(dashboardState({ mode: 'production', app: { appId: '1234567890', redirectUri: 'https://example.com/cb', apiVersion: 'v27.0' }, practiceNow: null }))
    await nav(page, 'Settings')
    const form = page.getByRole('form', { name: 'New App Secret' })
    await form.getByLabel('App Secret').fill('hunter2')
    await form.getByRole('button', { name: 'Check and use this secret' }).click()
    await expect(form.getByText(/An App Secret is 32 characters/)).toBeVisible()
    await form.getByLabel('App Secret').fill('0123456789abcdef0123456789ABCDEF')
    await form.getByRole('button', { name: 'Check and use this secret' }).click()
    await expect(form.getByText('Saved: Facebook accepted the new App Secret.')).toBeVisible()
    expect((await callsOf(page)).find((c) => c.method === 'configureApp')?.input).toEqual({
      appId: '1234567890',
      appSecret: '0123456789abcdef0123456789ABCDEF',
      redirectUri: 'https://example.com/cb',
      apiVersion: 'v27.0',
    })
  })
})

test.describe('point 6: from practice to my own app without deleting', () => {
  test('the practice badge leads to "Use my own app"; kept practice tokens are cleared only when asked', async ({ openApp }) => {
    const page = await openApp(dashboardState())
    await page.getByRole('banner').getByRole('button', { name: 'Use my own app' }).click()
    await expect(page.getByRole('heading', { name: 'Use my own app', level: 3 })).toBeFocused()
    await expect(page.getByText('Your practice tokens stay apart, not mixed with your own, until you clear them.')).toBeVisible()
  })

  test('in your own app, Settings counts the practice tokens kept apart and clears them on request', async ({ openApp }) => {
    const page = await openApp(dashboardState({ mode: 'production', app: { appId: '1234567890', redirectUri: 'https://example.com/cb', apiVersion: 'v27.0' }, practiceNow: null, practiceTokensKept: 4 }))
    await nav(page, 'Settings')
    await expect(page.getByText(/^4 tokens from practice mode are kept apart from your own/)).toBeVisible()
    await page.getByRole('button', { name: 'Clear practice tokens' }).click()
    await expect(page.getByRole('heading', { name: 'Practice tokens' })).toHaveCount(0)
    expect(await methods(page)).toContain('clearPracticeTokens')
  })
})

test.describe('points 7, 8 and 11: screens that reset', () => {
  test('"Add token" after a saved wizard starts a fresh one, never the old Saved screen', async ({ openApp }) => {
    const page = await openApp({ ...dashboardState({ notices: [] }), wizard: { step: 'saved', purpose: 'manage-pages', saved: ['tok-user'] } })
    await nav(page, /^Dashboard/)
    await nav(page, 'Add token')
    await expect(page.getByRole('heading', { name: 'What is the token for?' })).toBeVisible()
    await expect(page.getByRole('heading', { name: /Saved/ })).toHaveCount(0)
    expect(await methods(page)).toEqual(['getState', 'resetWizard'])
  })

  test('a token that took another one\'s place is said to have done so', async ({ openApp }) => {
    const page = await openApp({ ...dashboardState({ notices: [] }), wizard: { step: 'saved', purpose: 'manage-pages', saved: ['Sam Advertiser (user)', 'Corner Bakery'], renewed: ['Corner Bakery'] } })
    await expect(page.getByRole('listitem').filter({ hasText: 'Corner Bakery' })).toContainText('renewed: it took the place of the one saved before')
    await expect(page.getByRole('listitem').filter({ hasText: 'Sam Advertiser (user)' })).not.toContainText('renewed')
  })

  const report = (): DoctorReport => ({
    appId: '1234567890',
    appName: 'Token Desk Practice',
    checkedAt: NOW,
    outcome: 'failure',
    findings: [
      { check: 'app-type', title: 'App type', status: 'warning', reason: 'A warning.', fix: 'Do this.', where: 'There' },
      { check: 'credentials', title: 'App ID and secret', status: 'pass', reason: 'Fine.', fix: null, where: null },
      { check: 'login-dialog', title: 'Login dialog', status: 'failure', reason: 'URL Blocked.', fix: 'Add the address.', where: 'Facebook Login > Settings' },
    ],
  })

  test('no stale app report on the Purpose step; the report lists failures first', async ({ openApp }) => {
    const page = await openApp(practiceState({ doctor: report() }))
    await expect(page.getByRole('heading', { name: 'What is the token for?' })).toBeVisible()
    await expect(page.getByText('URL Blocked.')).toHaveCount(0)
    await nav(page, 'Settings')
    await expect(page.locator('.finding .badge')).toHaveText(['✕ Failure', '! Warning', '✓ Pass'])
  })
})

test.describe('point 9: words', () => {
  test('rows say when a token stops working, without a data clock where it does not apply; the legend says each thing once', async ({ openApp }) => {
    const page = await openApp(dashboardState({ notices: [] }))
    await family(page, 'Sam Advertiser (user)').getByRole('button', { name: 'Sam Advertiser (user)', exact: true }).click()
    await expect(member(page, 'Sam Advertiser (user)').locator('.member-clocks')).toHaveText('Stops working in 52 days · data access ends in 80 days')
    await expect(member(page, 'Corner Bakery').locator('.member-clocks')).toHaveText('No expiry date')
    await expect(page.locator('.member-clocks').filter({ hasText: /works in|data no limit|works no expiry/ })).toHaveCount(0)
    await page.getByText('Why each token has two clocks').click()
    await expect(page.locator('.explain')).toContainText('“No expiry date” is not forever: It still stops working if')
    await expect(page.locator('.explain')).not.toContainText('No expiry date: No expiry date')
    await page.getByRole('button', { name: 'Details of Corner Bakery' }).click()
    await expect(page.locator('.clocks dt')).toHaveText(['Stops working'])
  })

  test('a short-lived token lasts "1 to 2 hours" everywhere, and the practice Explorer is a link', async ({ openApp }) => {
    const page = await openApp(practiceState({ practiceExplorerUrl: 'http://127.0.0.1:9/tools/explorer' }))
    await page.getByText('Or paste a token you already have').click()
    await expect(page.getByRole('link', { name: 'http://127.0.0.1:9/tools/explorer' })).toHaveAttribute('href', 'http://127.0.0.1:9/tools/explorer')
    await expect(page.getByText(/It lasts 1 to 2 hours/)).toBeVisible()
  })
})

test.describe('point 10: practice as stories', () => {
  test('six stories, each one click, each result in its own card; the busy switch shows its state', async ({ openApp }) => {
    const page = await openApp(dashboardState({ notices: [], practiceSwitches: { busy: false, limitedAccess: false, employee: false, smallAllowance: false, approvalLimited: false, broken: [] } }))
    await nav(page, 'Practice')
    const stories = page.getByRole('list', { name: 'Practice stories' }).locator(':scope > li')
    await expect(stories.locator('h3')).toHaveText([
      'Your password changes',
      'A token is about to expire',
      'A Page admin removes you',
      'Facebook is busy',
      'Your app is misconfigured',
      'A bigger business',
    ])
    await checkScreen(page, 'first-hour-practice-stories')
    const story = (title: string) => stories.filter({ has: page.getByRole('heading', { name: title }) })
    const busy = story('Facebook is busy').getByRole('button', { name: 'Facebook is busy' })
    await expect(busy).toHaveAttribute('aria-pressed', 'false')
    await busy.click()
    await expect(busy).toHaveAttribute('aria-pressed', 'true')
    await expect(story('Facebook is busy').getByRole('status')).toContainText('Facebook is busy now.')
    await story('A token is about to expire').getByRole('button', { name: /^Move \d+ days forward$/ }).click()
    await expect(story('A token is about to expire').getByRole('status')).toContainText('Done. It is now')
    // Each click is one practice action, and nothing else.
    const practice = (await callsOf(page)).filter((c) => c.method === 'practice').map((c) => c.input)
    expect(practice).toEqual([{ action: 'throttle', on: true }, { action: 'advance-time', days: 47 }])
  })
})

test.describe('points 12 and 13: Access and Settings say what is true here', () => {
  test('the tiers table agrees with its note, and "Not in the list?" comes only after a list', async ({ openApp }) => {
    const before = await openApp(dashboardState({ notices: [] }))
    await nav(before, 'Access')
    await expect(before.getByText(/Not in the list\?|Expected an ad account/)).toHaveCount(0)
    await expect(before.locator('table.levels')).not.toContainText('Up to 5')
    await expect(before.locator('table.levels tbody tr')).toHaveCount(2)
  })

  test('with the accounts listed, "Not in the list?" follows them', async ({ openApp }) => {
    const page = await openApp(accessState())
    await nav(page, 'Access')
    await expect(page.getByText('Not in the list?')).toBeVisible()
    await expect(page.getByText(/of 5/)).toHaveCount(0)
  })

  test('start at login is offered only where it can work', async ({ openApp }) => {
    const served = await openApp(dashboardState({ host: { copy: 'page', startAtLogin: false } }))
    await nav(served, 'Settings')
    await expect(served.getByRole('checkbox', { name: /Start Token Desk when I log in/ })).toHaveCount(0)
  })

  test('Settings names where the key is kept without calling a passphrase a keyring', async ({ openApp }) => {
    const page = await openApp(dashboardState({ storage: { protection: 'os-keystore', backend: 'a passphrase', persisting: true, unlock: null, scriptPassphrase: 'set' } }))
    await nav(page, 'Settings')
    await expect(page.getByText('Storage now: encrypted on this computer; its key opens with a passphrase.')).toBeVisible()
    await expect(page.getByText(/secure keyring\)/)).toHaveCount(0)
  })

  test('Settings says memory only while nothing can keep the key', async ({ openApp }) => {
    const memory = await openApp(dashboardState({ storage: { protection: 'unavailable', backend: 'none', persisting: false, unlock: null, scriptPassphrase: 'can-create' } }))
    await nav(memory, 'Settings')
    await expect(memory.getByText('Storage now: in memory only, until Token Desk quits.')).toBeVisible()
  })

  test('the desktop app offers it', async ({ openApp }) => {
    const desktop = await openApp(dashboardState())
    await nav(desktop, 'Settings')
    await expect(desktop.getByRole('checkbox', { name: /Start Token Desk when I log in/ })).toBeVisible()
  })
})

test('a family of 500 Page tokens draws only the rows in view, walks by arrow keys to its end, and passes axe', async ({ openApp }) => {
  const tokens: TokenSummary[] = [
    token({ name: 'Big login (user token)' }),
    ...Array.from({ length: 500 }, (_, i) =>
      token({ id: `big-${i}`, name: `Brand Page ${String(i + 1).padStart(3, '0')}`, kind: 'PAGE', last4: String(1000 + i).slice(-4), profileId: String(800000 + i), expiresAt: null, neverExpires: true, parentId: 'tok-user' }),
    ),
  ]
  const page = await openApp(dashboardState({ tokens, notices: [] }))
  await family(page, 'Big login (user token)').getByRole('button', { name: 'Big login (user token)', exact: true }).click()
  const rows = page.getByRole('list', { name: 'Tokens of Big login (user token)' }).getByRole('listitem')
  await expect(rows.first()).toBeVisible()
  expect(await rows.count()).toBeLessThan(60)
  await expect(rows.first()).toHaveAttribute('aria-setsize', '501')
  await checkScreen(page, 'first-hour-family-500')
  // The walk goes on past the rows first drawn, to the last of the 501.
  await page.getByRole('button', { name: 'Details of Big login (user token)' }).focus()
  for (let i = 0; i < 80; i++) await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('button', { name: 'Details of Brand Page 080' })).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(page.getByRole('button', { name: 'Details of Brand Page 079' })).toBeFocused()
  for (let i = 0; i < 421; i++) await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('button', { name: 'Details of Brand Page 500' })).toBeFocused()
  expect(await rows.count()).toBeLessThan(60)
})
