import { DEFAULT_API_VERSION } from '../../preload/versions'
import type { AppState } from '../../preload/api'
import { callsOf, checkScreen, expect, pushState, test } from './support/fixtures'
import { BLANK_PATH } from './support/static-server'
import { accessState, baseState, dashboardState, inspected, manyTokens, NOW, PAGES, practiceState } from './support/states'

/**
 * The built renderer, served with the production CSP, against a fake host in the page.
 * The web host's own end-to-end suite covers the real thing; this one covers the screens.
 */

test.describe('screens', () => {
  const wizard = (w: AppState['wizard']) => practiceState({ wizard: w })
  const cases: [string, AppState, string | RegExp][] = [
    ['start', baseState(), 'Practice with a simulated Facebook'],
    ['wizard-purpose', practiceState(), 'What is the token for?'],
    ['wizard-connect', wizard({ step: 'connect', purpose: 'manage-ads', scopes: ['ads_management', 'ads_read'] }), 'Connect to Facebook'],
    ['wizard-working', wizard({ step: 'working', purpose: 'manage-ads', label: 'Swapping for a long-lived token…' }), 'Swapping for a long-lived token…'],
    ['wizard-inspect', wizard({ step: 'inspect', purpose: 'manage-pages', token: inspected({ longLived: false, expiresAt: new Date(Date.parse(NOW) + 5_400_000).toISOString(), scopes: { granted: ['pages_show_list'], declined: [], missing: ['pages_manage_posts'] } }) }), 'Here is what Facebook says about this token'],
    ['wizard-pages', wizard({ step: 'pages', purpose: 'manage-pages', token: inspected(), pages: PAGES }), 'Choose the Pages to keep tokens for'],
    ['wizard-pages-none', wizard({ step: 'pages', purpose: 'manage-pages', token: inspected(), pages: [] }), 'Facebook listed no Pages for this login.'],
    ['wizard-saved', { ...dashboardState({ notices: [] }), wizard: { step: 'saved', purpose: 'manage-pages', saved: ['tok-user', 'tok-page-1'] } }, /Saved 2 tokens/],
    ['wizard-failed', wizard({ step: 'failed', purpose: 'manage-ads', message: 'You pressed Cancel in the Facebook window, so no token was made.', canPaste: true }), 'That did not work'],
    ['dashboard', dashboardState(), 'Your tokens'],
    ['dashboard-weak-storage', dashboardState({ storage: { protection: 'weak', backend: 'basic_text', persisting: false, unlock: null, scriptPassphrase: null }, online: false }), /only weak storage/],
  ]
  for (const [name, state, text] of cases) {
    test(name, async ({ openApp }) => {
      const page = await openApp(state)
      await expect(page.getByText(text).first()).toBeVisible()
      await checkScreen(page, name)
    })
  }

  for (const [name, label, heading] of [
    ['access', 'Access', 'Access level'],
    ['settings', 'Settings', 'Settings'],
    ['practice', 'Practice', 'Practice: see what happens'],
  ] as const) {
    test(name, async ({ openApp }) => {
      const page = await openApp(accessState())
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label }).click()
      await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible()
      await checkScreen(page, name)
    })
  }
})

test('happy path in practice mode takes at most 4 user actions, the start click included', async ({ openApp }) => {
  const page = await openApp(baseState())
  let actions = 0
  const act = async (step: () => Promise<void>) => {
    actions += 1
    await step()
  }
  await act(() => page.getByRole('button', { name: 'Start practising' }).click())
  await expect(page.getByRole('heading', { name: 'What is the token for?' })).toBeVisible()
  // Choosing the purpose is the login's start: one click, not two.
  await act(() => page.getByRole('button', { name: /Manage Pages/ }).click())
  await expect(page.getByRole('status').filter({ hasText: 'Facebook window' }).first()).toBeVisible()
  // Continue on the simulated consent popup: the fake host plays that part.
  actions += 1
  await expect(page.getByRole('heading', { name: 'Choose the Pages to keep tokens for' })).toBeVisible()
  await expect(page.getByRole('checkbox', { name: 'Corner Bakery · Bakery' })).toBeChecked()
  await act(() => page.getByRole('button', { name: 'Save 3 Page tokens' }).click())
  await expect(page.getByRole('heading', { name: /Saved 4 tokens/ })).toBeVisible()

  expect(actions).toBeLessThanOrEqual(4)
  const calls = await callsOf(page)
  expect(calls.map((c) => c.method)).toEqual(['getState', 'startPractice', 'login', 'savePages'])
  expect(calls[2]!.input).toEqual({ purpose: 'manage-pages' })

  await page.getByRole('button', { name: 'Go to the dashboard' }).click()
  await expect(page.getByRole('heading', { name: 'Your tokens' })).toBeVisible()
  await expect(page.getByText('User token and 3 Page tokens')).toBeVisible()
  await page.getByRole('button', { name: 'Sam Advertiser (user)', exact: true }).click()
  await expect(page.getByRole('listitem').filter({ hasText: 'Corner Bakery Events' }).first()).toBeVisible()
})

test('a denied login lands on a plain explanation with the paste path open', async ({ openApp }) => {
  const page = await openApp(practiceState(), { loginOutcome: 'denied' })
  await page.getByRole('button', { name: /Manage ads/ }).click()
  await expect(page.getByRole('heading', { name: 'That did not work' })).toBeVisible()
  await expect(page.getByText('You pressed Cancel in the Facebook window')).toBeVisible()
  await expect(page.getByLabel('Token', { exact: true })).toBeVisible()
})

test('the paste path validates inline, then inspects and extends', async ({ openApp }) => {
  const page = await openApp(practiceState({ wizard: { step: 'connect', purpose: 'manage-ads', scopes: ['ads_management'] } }))
  await page.getByText('Or paste a token you already have').click()
  await page.getByLabel('Token', { exact: true }).fill('short')
  await page.getByRole('button', { name: 'Check this token' }).click()
  await expect(page.getByText('That does not look like a whole token')).toBeVisible()
  await page.getByLabel('Token', { exact: true }).fill('EAAB' + 'x'.repeat(40))
  await page.getByRole('button', { name: 'Check this token' }).click()
  await expect(page.getByRole('heading', { name: 'Here is what Facebook says about this token' })).toBeVisible()
  await page.getByRole('button', { name: 'Make it last 60 days and find my Pages' }).click()
  await expect(page.getByRole('heading', { name: 'Choose the Pages to keep tokens for' })).toBeVisible()
  const calls = await callsOf(page)
  expect(calls.map((c) => c.method)).toEqual(['getState', 'pasteToken', 'extendToken'])
})

test('start screen validates the Meta app form with the contract schema', async ({ openApp }) => {
  const page = await openApp(baseState())
  // The placeholder is the version Token Desk really uses when the field is left empty.
  await expect(page.getByLabel('API version (optional)')).toHaveAttribute('placeholder', DEFAULT_API_VERSION)
  expect(DEFAULT_API_VERSION).toBe('v27.0')
  await page.getByLabel('App ID').fill('12ab')
  await page.getByLabel('App Secret').fill('not-a-secret')
  await page.getByRole('button', { name: 'Check and use this app' }).click()
  await expect(page.getByText('An App ID is the number at the top')).toBeVisible()
  await expect(page.getByText('An App Secret is 32 characters')).toBeVisible()
  await expect(page.getByLabel('App ID')).toHaveAttribute('aria-invalid', 'true')
  await page.getByLabel('App ID').fill('1234567890')
  await page.getByLabel('App Secret').fill('0123456789abcdef0123456789abcdef')
  await page.getByRole('button', { name: 'Check and use this app' }).click()
  await expect(page.getByText('App 1234567890 · v25.0')).toBeVisible()
  const configure = (await callsOf(page)).find((c) => c.method === 'configureApp')
  expect(configure?.input).toEqual({
    appId: '1234567890',
    appSecret: '0123456789abcdef0123456789abcdef',
    redirectUri: 'https://www.facebook.com/connect/login_success.html',
  })
})

test('dashboard: families, the one fix, copy, snippets, the detail view, rename, remove and alarms', async ({ openApp }) => {
  const page = await openApp(dashboardState())
  const family = (name: string) => page.getByRole('list', { name: 'Token families' }).locator(':scope > li').filter({ has: page.getByRole('button', { name, exact: true }) })
  const member = (name: string) => page.locator('.member').filter({ has: page.getByRole('button', { name: `Details of ${name}` }) })
  await expect(page.getByRole('list', { name: 'Token families' }).locator(':scope > li')).toHaveCount(3)
  await expect(page.locator('.summary')).toHaveText(/^5 tokens: 2 work, 1 needs attention soon, 2 stopped\. Last check: /)

  // A lone token opens to its own row: copy the token, and a snippet from its menu.
  await family('Reporting script').getByRole('button', { name: 'Reporting script', exact: true }).click()
  await member('Reporting script').getByRole('button', { name: 'Copy token' }).click()
  await expect(member('Reporting script').getByText('Copied …R3pt, clipboard clears in 30 s')).toBeVisible()
  await member('Reporting script').getByText('More').click()
  await member('Reporting script').getByLabel('Snippet').selectOption('curl')
  await member('Reporting script').getByRole('button', { name: 'Copy snippet' }).click()
  await expect(member('Reporting script').getByText('Copied a curl command with …R3pt, clipboard clears in 30 s')).toBeVisible()

  // Each family has one fix; a login fix renews it.
  await expect(family('Old campaign tool').getByRole('button', { name: /^Log in again/ })).toHaveCount(1)
  await family('Old campaign tool').getByRole('button', { name: 'Log in again to renew' }).click()
  await expect(family('Old campaign tool').locator('.badge').first()).toHaveText('✓ Working')
  await expect(family('Sam Advertiser (user)').getByRole('button', { name: 'Role given back? Check again' })).toBeVisible()

  // The alarm links to its family; the detail view says why and what to do.
  await page.getByRole('button', { name: 'Show the tokens' }).click()
  await expect(page.getByRole('button', { name: 'Sam Advertiser (user)', exact: true })).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByRole('button', { name: 'Sam Advertiser (user)', exact: true })).toBeFocused()
  await page.getByRole('button', { name: 'Details of Weekend Market' }).click()
  await expect(page.getByRole('heading', { name: 'Weekend Market', level: 2 })).toBeFocused()
  await expect(page.getByText('Why it stopped:')).toBeVisible()
  await expect(page.getByText('Ask an admin of this Page')).toBeVisible()
  await expect(page.getByRole('button', { name: 'I have done it: check again' })).toBeVisible()
  await page.getByRole('button', { name: 'All tokens' }).click()
  await expect(page.getByRole('button', { name: 'Details of Weekend Market' })).toBeFocused()

  await member('Corner Bakery').getByText('More').click()
  await member('Corner Bakery').getByRole('button', { name: 'Rename' }).click()
  await member('Corner Bakery').getByLabel('New name').fill('Bakery Page')
  await member('Corner Bakery').getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByRole('button', { name: 'Details of Bakery Page' })).toBeVisible()

  // The detail view replaced the list for a moment: the menu starts closed again.
  await member('Reporting script').getByText('More').click()
  await member('Reporting script').getByRole('button', { name: 'Remove' }).click()
  // Revoking at Facebook is on by default, and says what it ends.
  const revoke = member('Reporting script').getByRole('checkbox', { name: 'Also revoke it at Facebook' })
  await expect(revoke).toBeChecked()
  await expect(member('Reporting script').getByText(/^Ends the whole login/)).toBeVisible()
  await member('Reporting script').getByLabel('What to revoke').selectOption('read_insights')
  await expect(member('Reporting script').getByText(/^Takes back only read_insights/)).toBeVisible()
  await revoke.uncheck()
  await expect(member('Reporting script').getByText('Without revoking, it keeps working wherever it is used until it expires.')).toBeVisible()
  await page.getByRole('button', { name: 'Yes, remove it' }).click()
  await expect(page.getByRole('button', { name: 'Reporting script', exact: true })).toHaveCount(0)

  await page.getByRole('button', { name: 'Dismiss this warning' }).click()
  await expect(page.getByText('stops working in 5 days')).toHaveCount(0)

  const calls = await callsOf(page)
  expect(calls.map((c) => c.method)).toEqual(['getState', 'copyToken', 'copySnippet', 'reauthorize', 'renameToken', 'removeToken', 'dismissNotice'])
  expect(calls.find((c) => c.method === 'removeToken')?.input).toEqual({ id: 'tok-reports' })
})

test('alarms stay on the dashboard: other screens show one line that leads there', async ({ openApp }) => {
  const page = await openApp(dashboardState())
  await expect(page.getByRole('list', { name: 'Alerts about your tokens' }).getByRole('listitem')).toHaveCount(2)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('list', { name: 'Alerts about your tokens' })).toHaveCount(0)
  await expect(page.getByText('2 alerts about your tokens are on the dashboard.')).toBeVisible()
  await page.getByRole('button', { name: 'See them on the dashboard' }).click()
  await expect(page.getByRole('heading', { name: 'Your tokens' })).toBeVisible()
})

test('500 tokens: ten closed families, found by part of a name, every row reachable by keyboard', async ({ openApp }) => {
  const page = await openApp(dashboardState({ tokens: manyTokens(500, 10), notices: [] }))
  const families = page.getByRole('list', { name: 'Token families' }).locator(':scope > li')
  await expect(families).toHaveCount(10)
  await expect(page.locator('.summary')).toHaveText(/^500 tokens: 500 work, none need attention soon, none stopped\./)

  // From the search box, Tab walks the filters and then every family, in order.
  await page.getByRole('searchbox', { name: 'Find a token' }).focus()
  const focusedText = () => page.evaluate<string>('document.activeElement ? (document.activeElement.getAttribute("aria-label") || document.activeElement.textContent || "").trim() : ""')
  const walked: string[] = []
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab')
    walked.push(await focusedText())
  }
  expect(walked.slice(0, 2)).toEqual([expect.stringContaining('All tokens'), expect.stringContaining('Nearest deadline')])
  expect(walked.slice(2)).toEqual(Array.from({ length: 10 }, (_, i) => `Login ${i + 1} (user token)`))

  // Enter opens a family; its members follow it in the tab order, each with its details, copy, check and menu.
  await page.keyboard.press('Enter')
  const members = page.getByRole('list', { name: 'Tokens of Login 10 (user token)' }).getByRole('listitem')
  await expect(members).toHaveCount(50)
  await page.keyboard.press('Tab')
  expect(await focusedText()).toBe('Details of Login 10 (user token)')
  for (const expected of ['Copy token Login 10 (user token)', 'Check Login 10 (user token)', 'More for Login 10 (user token)', 'Details of Brand 10 Page 1']) {
    await page.keyboard.press('Tab')
    expect((await focusedText()).replace(/\s+/g, ' ')).toBe(expected)
  }
  // Nothing in the list is taken out of the tab order.
  expect(await page.locator('.families [tabindex="-1"]').count()).toBe(0)

  // Up and Down walk the rows (families and open members), Home and End go to the ends.
  await page.getByRole('button', { name: 'Details of Login 10 (user token)' }).focus()
  const press = async (key: string) => {
    await page.keyboard.press(key)
    return (await focusedText()).replace(/\s+/g, ' ')
  }
  expect(await press('ArrowDown')).toBe('Details of Brand 10 Page 1')
  expect(await press('ArrowUp')).toBe('Details of Login 10 (user token)')
  expect(await press('ArrowUp')).toBe('Login 10 (user token)')
  expect(await press('ArrowUp')).toBe('Login 9 (user token)')
  expect(await press('Home')).toBe('Login 1 (user token)')
  expect(await press('ArrowUp')).toBe('Login 1 (user token)')
  const lastMember = ((await page.locator('.member-name').last().textContent()) ?? '').replace(/\s+/g, ' ').trim()
  expect(lastMember).toMatch(/^Details of Brand 10 Page \d+$/)
  expect(await press('End')).toBe(lastMember)
  expect(await press('ArrowDown')).toBe(lastMember)
  // In a control that is not a row's name, the keys keep their meaning.
  await page.getByRole('button', { name: 'Check Login 10 (user token)' }).focus()
  expect(await press('ArrowDown')).toBe('Check Login 10 (user token)')

  // By part of a Page's name (any case), by Page id, and by family: matching families open by themselves.
  await page.getByRole('searchbox', { name: 'Find a token' }).fill('brand 7 PAGE 45')
  await expect(page.locator('.member')).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Details of Brand 7 Page 45' })).toBeVisible()
  await page.getByRole('searchbox', { name: 'Find a token' }).fill('705012')
  await expect(page.locator('.member')).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Details of Brand 6 Page 12' })).toBeVisible()
  await page.getByRole('searchbox', { name: 'Find a token' }).fill('brand 3 page 1')
  await expect(page.locator('.member')).toHaveCount(11)
  await page.getByRole('searchbox', { name: 'Find a token' }).fill('no such page')
  await expect(page.getByText('No token matches.')).toBeVisible()
  await checkScreen(page, 'dashboard-500-no-match')
})

test('a state pushed by the host replaces what is shown', async ({ openApp }) => {
  const page = await openApp(practiceState())
  await pushState(page, practiceState({ wizard: { step: 'working', purpose: 'manage-ads', label: 'Listing your Pages…' } }))
  await expect(page.getByRole('status').filter({ hasText: 'Listing your Pages…' })).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('heading', { name: 'What is the token for?' })).toBeVisible()
})

test('settings: delete everything needs DELETE typed', async ({ openApp }) => {
  const page = await openApp(dashboardState())
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
  const wipe = page.getByRole('button', { name: 'Delete everything' })
  await expect(wipe).toBeDisabled()
  await page.getByLabel('Type DELETE to confirm').fill('DELETE')
  await wipe.click()
  await expect(page.getByRole('button', { name: 'Start practising' })).toBeVisible()
})

test('settings: copy diagnostics and open the logs folder go to the host; the report can be read first', async ({ openApp }) => {
  const page = await openApp(dashboardState())
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByText('Log files: /home/u/.config/token-desk/logs')).toBeVisible()
  await page.getByText('Show the diagnostics').click()
  await expect(page.getByLabel('Diagnostics', { exact: true })).toContainText('Token Desk diagnostics (fake desk)')
  await checkScreen(page, 'settings-diagnostics')
  await page.getByRole('button', { name: 'Copy diagnostics' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible()
  await page.getByRole('button', { name: 'Open logs folder' }).click()
  await expect.poll(async () => (await callsOf(page)).map((c) => c.method).filter((m) => /Diagnostics|Logs/.test(m))).toEqual(['getDiagnostics', 'copyDiagnostics', 'openLogsFolder'])
})

test('a vault locked by its passphrase: the unlock form sends what was typed, shows a refusal, and goes once open', async ({ openApp }) => {
  const locked = dashboardState({ storage: { protection: 'unavailable', backend: 'a passphrase', persisting: false, unlock: 'passphrase', scriptPassphrase: 'set' } })
  const page = await openApp(locked, { vaultPassphrase: 'the right passphrase' })
  const field = page.getByLabel('Vault passphrase')
  await expect(page.getByRole('heading', { name: 'Unlock with your passphrase', level: 2 })).toBeVisible()
  await expect(field).toHaveAttribute('type', 'password')
  await expect(field).toHaveAttribute('autocomplete', 'off')
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeDisabled()
  await checkScreen(page, 'vault-locked')

  // By keyboard: type, Enter submits; the field is emptied at once.
  await field.focus()
  await page.keyboard.type('a wrong passphrase')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert')).toHaveText(/That passphrase does not open this vault\. Nothing was changed\./)
  await expect(field).toHaveValue('')
  await field.fill('the right passphrase')
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('heading', { name: 'Unlock with your passphrase' })).toHaveCount(0)
  await expect(page.getByText(/Storage:/)).toHaveCount(0)
  const unlocks = (await callsOf(page)).filter((c) => c.method === 'unlockVault')
  expect(unlocks).toEqual([
    { method: 'unlockVault', input: { passphrase: 'a wrong passphrase' } },
    { method: 'unlockVault', input: { passphrase: 'the right passphrase' } },
  ])
})

test('settings: a passphrase for scripts needs 8 characters and the same text twice before the host is asked', async ({ openApp }) => {
  const page = await openApp(dashboardState({ storage: { protection: 'weak', backend: 'safeStorage:basic_text', persisting: true, unlock: null, scriptPassphrase: 'can-add' } }))
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Add a passphrase so scripts can read this vault' })).toBeVisible()
  await expect(page.getByText('TOKEN_DESK_PASSPHRASE').first()).toBeVisible()
  const first = page.getByLabel('Passphrase', { exact: true })
  const repeat = page.getByLabel('Repeat the passphrase')
  await expect(first).toHaveAttribute('type', 'password')
  await expect(repeat).toHaveAttribute('autocomplete', 'off')
  const add = page.getByRole('button', { name: 'Add the passphrase' })

  await first.fill('short')
  await repeat.fill('short')
  await add.click()
  await expect(page.getByText('Choose a passphrase of 8 to 1024 characters.')).toBeVisible()
  await first.fill('for my cron jobs')
  await repeat.fill('for my cron job')
  await add.click()
  await expect(page.getByText('The two passphrases are not the same.')).toBeVisible()
  await expect(repeat).toHaveAttribute('aria-invalid', 'true')
  await checkScreen(page, 'settings-script-passphrase')
  expect((await callsOf(page)).filter((c) => c.method === 'addVaultPassphrase')).toEqual([])

  await repeat.fill('for my cron jobs')
  await add.click()
  await expect(page.getByText(/A passphrase opens this vault for the command line/)).toBeVisible()
  expect((await callsOf(page)).filter((c) => c.method === 'addVaultPassphrase')).toEqual([{ method: 'addVaultPassphrase', input: { passphrase: 'for my cron jobs' } }])
})

test.describe('sandbox of the page', () => {
  test('an injected inline script does not run and a CSP violation fires', async ({ openApp }) => {
    const page = await openApp(practiceState())
    const outcome = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: window.__inlineRan === true, directive: e.effectiveDirective }), { once: true })
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.body.appendChild(script)
      setTimeout(() => resolve({ ran: window.__inlineRan === true, directive: null }), 2000)
    })`)
    expect(outcome).toEqual({ ran: false, directive: 'script-src-elem' })
  })

  test('no Node and no globals beyond tokenDesk and the DOM', async ({ openApp, server, browser }) => {
    const page = await openApp(practiceState())
    expect(await page.evaluate('typeof require')).toBe('undefined')
    expect(await page.evaluate('typeof process')).toBe('undefined')
    const names = 'Object.getOwnPropertyNames(globalThis)'
    const appGlobals = await page.evaluate<string[]>(names)

    const blankContext = await browser.newContext()
    const blank = await blankContext.newPage()
    await blank.goto(`${server.url}${BLANK_PATH}`)
    const blankGlobals = new Set(await blank.evaluate<string[]>(names))
    await blankContext.close()

    // zod keeps its config on globalThis: data, not a capability. (Classic zod also made a schema
    // registry there; the contract's zod/mini does not, and classic zod must stay out of the page.)
    const ZOD = ['__zod_globalConfig']
    const extra = appGlobals.filter((name) => !blankGlobals.has(name)).sort()
    expect(extra).toEqual(['tokenDesk', ...ZOD].sort())
  })
})
