import { expect, type Locator, type Page } from '@playwright/test'
import { checkScreen } from './support/fixtures'
import { servedAppTest } from './support/served-app'
import type { Served } from './support/serve'

/** Every action a person takes, counted: clicks and choices, in the app and in the Facebook popup. */
class Person {
  actions = 0
  constructor(readonly page: Page) {}
  async click(on: Page | Locator, name: string | RegExp): Promise<void> {
    this.actions += 1
    await on.getByRole('button', { name }).click()
  }
  /** Opens a disclosure (a token's "More" menu). */
  async open(on: Locator, summary: string): Promise<void> {
    this.actions += 1
    await on.locator('summary', { hasText: summary }).click()
  }
  async choose(on: Page, name: string | RegExp): Promise<void> {
    this.actions += 1
    await on.getByRole('radio', { name }).check()
  }
  /** A click that opens the Facebook popup, then Continue in it. */
  async logInThroughPopup(button: string | RegExp, within: Page | Locator = this.page): Promise<void> {
    const popup = this.page.waitForEvent('popup')
    await this.click(within, button)
    const dialog = await popup
    await expect(dialog.getByRole('button', { name: /^Continue as/ })).toBeVisible()
    await this.click(dialog, /^Continue as/)
  }
}

const test = servedAppTest({ practice: true })

const TOKEN_SHAPE = /EAA[A-Za-z0-9_-]{10,}/

/** A family's row on the dashboard, found by its name. */
const family = (app: Page, name: string): Locator =>
  app.getByRole('list', { name: 'Token families' }).locator(':scope > li').filter({ has: app.getByRole('button', { name, exact: true }) })

/** How many notifications the web host's notifier port logged (its lines named "notification"). */
const notificationCount = (served: Served): number =>
  served.stderr
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{') && (JSON.parse(line) as { message?: string }).message === 'notification').length

/** Another screen and back: the dashboard as a person finds it, every family closed. */
async function freshDashboard(app: Page): Promise<void> {
  const nav = app.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('button', { name: 'Settings' }).click()
  await nav.getByRole('button', { name: 'Dashboard' }).click()
  await expect(app.getByRole('heading', { name: 'Your tokens' })).toBeVisible()
}

async function mintedThroughWizard(app: Page): Promise<Person> {
  const person = new Person(app)
  // The system-user offer is on the first step: no purpose to choose first.
  await person.logInThroughPopup('Make a system-user token')
  await expect(app.getByRole('heading', { name: 'Choose a system user' })).toBeVisible()
  await expect(app.getByText('The Standard level (Full today) allows 10 system users and 1 admin system user.')).toBeVisible()
  await person.choose(app, /Practice Reporting Server/)
  await person.click(app, 'Make a token for Practice Reporting Server')
  await expect(app.getByRole('heading', { name: /Saved 1 token/ })).toBeVisible()
  return person
}

test('the system-user path: from the wizard to a saved, verified token in 4 actions after the start screen', async ({ app, served }) => {
  const person = new Person(app)
  await person.logInThroughPopup('Make a system-user token')
  await expect(app.getByRole('heading', { name: 'Choose a system user' })).toBeVisible()
  await expect(app.getByRole('group', { name: 'Practice Business' }).getByRole('radio')).toHaveCount(3)
  await expect(app.getByText(/Logged in as Pat Practice/)).toBeVisible()
  await checkScreen(app, 'real-system-users')
  await person.choose(app, /Practice Reporting Server/)
  await person.click(app, 'Make a token for Practice Reporting Server')
  await expect(app.getByRole('heading', { name: /Saved 1 token/ })).toBeVisible()
  await expect(app.getByText('Practice Reporting Server (system-user token)')).toBeVisible()
  expect(person.actions).toBe(4)
  await app.getByRole('button', { name: 'Go to the dashboard' }).click()
  const row = family(app, 'Practice Reporting Server (system-user token)')
  await expect(row.getByText(/System-user token/)).toBeVisible()
  await expect(row.locator('.badge')).toHaveText('✓ Working')
  await checkScreen(app, 'real-dashboard-system-user')
  // Its menu: where it is used, leaked, remove with the revoke at Facebook.
  await row.getByRole('button', { name: 'Practice Reporting Server (system-user token)', exact: true }).click()
  await row.locator('.member').getByText('More').click()
  await expect(row.getByRole('button', { name: /Note it/ })).toBeVisible()
  await expect(row.getByRole('button', { name: 'This token may have leaked' })).toBeVisible()
  await checkScreen(app, 'real-dashboard-system-user-menu')
  // Its detail names what can end a system-user token, not a password change or a Page role.
  await app.getByRole('button', { name: 'Details of Practice Reporting Server (system-user token)' }).click()
  const clocks = app.locator('.clocks')
  await expect(clocks).toContainText('no password to change')
  await expect(clocks).toContainText('the system user is deleted')
  await expect(clocks).not.toContainText('role on the Page')
  expect(await app.content()).not.toMatch(TOKEN_SHAPE)
  expect(served.stderr.join('')).not.toMatch(TOKEN_SHAPE)
})

test('a limited tier is explained, with Business Settings and the paste form', async ({ app }) => {
  await app.getByRole('button', { name: 'Practice' }).click()
  await app.getByText('More practice controls').click()
  const limited = app.getByRole('button', { name: 'Limited access' })
  await expect(limited).toHaveAttribute('aria-pressed', 'false')
  await limited.click()
  await expect(app.getByText(/Limited access: now on/)).toBeVisible()
  await expect(limited).toHaveAttribute('aria-pressed', 'true')
  await app.getByRole('button', { name: /^Add token/ }).click()
  const person = new Person(app)
  await person.logInThroughPopup('Make a system-user token')
  await expect(app.getByText(/Facebook lets only apps with Full access make system-user tokens through the API/)).toBeVisible()
  await expect(app.getByText('Or paste a token you already have')).toBeVisible()
  await app.getByRole('radio', { name: /Practice Reporting Server/ }).check()
  await app.getByRole('button', { name: 'Make a token for Practice Reporting Server' }).click()
  await expect(app.getByRole('heading', { name: 'That did not work' })).toBeVisible()
  await expect(app.getByRole('alert').first()).toContainText('Limited Marketing API access')
})

test('a leaked system-user token is replaced and the old one revoked, in 5 actions from the dashboard', async ({ app }) => {
  await mintedThroughWizard(app)
  await app.getByRole('button', { name: 'Go to the dashboard' }).click()
  const name = 'Practice Reporting Server (system-user token)'
  const row = family(app, name)
  await row.getByRole('button', { name, exact: true }).click()
  await row.locator('.member').getByText('More').click()
  await row.getByRole('button', { name: /Note it/ }).click()
  await row.getByLabel('Used in').fill('n8n production')
  await row.getByRole('button', { name: 'Save note' }).click()
  await expect(row.getByText('n8n production')).toBeVisible()
  const before = await row.locator('.member .mono').first().innerText()
  await freshDashboard(app)
  // Counted from the dashboard as a person finds it: the family, its menu, then the leak.
  const person = new Person(app)
  await person.click(row, name)
  await person.open(row.locator('.member'), 'More')
  await person.click(row, 'This token may have leaked')
  await expect(row.getByText(/Facebook ends every token of the system user for this app at once/)).toBeVisible()
  await checkScreen(app, 'real-dashboard-leak-dialog')
  await person.logInThroughPopup('Replace it now', row)
  await expect(app.getByText(/Replaced “Practice Reporting Server \(system-user token\)”: the new token is stored and checked, and the old one is revoked at Facebook/)).toBeVisible({ timeout: 15_000 })
  await expect(app.getByText(/Update it where it is used: n8n production/)).toBeVisible()
  expect(person.actions).toBe(5)
  await expect(row.locator('.member .badge')).toHaveText('✓ Working')
  expect(await row.locator('.member .mono').first().innerText()).not.toBe(before)
})

test('a leaked user token: the replacement first, the revoke, then one more login finishes it, in 7 actions from the dashboard', async ({ app, served }) => {
  const setup = new Person(app)
  await setup.logInThroughPopup(/Manage Pages/)
  await setup.click(app, /^Save 3 Page tokens$/)
  await app.getByRole('button', { name: 'Go to the dashboard' }).click()
  const name = 'Pat Practice (user token)'
  const user = family(app, name)
  const person = new Person(app)
  await person.click(user, name)
  const userRow = user.locator('.member').filter({ has: app.getByRole('button', { name: `Details of ${name}` }) })
  await person.open(userRow, 'More')
  await person.click(userRow, 'This token may have leaked')
  await expect(userRow.getByText(/Revoking a login ends every token of it, the new one too/)).toBeVisible()
  const told = notificationCount(served)
  await person.logInThroughPopup('Replace it now', userRow)
  await expect(app.getByText(/Facebook ends every token of a login at once, so it ended the replacement too\. To finish, log in again/)).toBeVisible({ timeout: 15_000 })
  await expect(user.locator('.badge').first()).toHaveText(/Stopped working/)
  // One alarm for the family, saying why, and one fix on its row; no OS notification for it.
  const alarms = app.getByRole('list', { name: 'Alerts about your tokens' }).getByRole('listitem')
  await expect(alarms).toHaveCount(1)
  await expect(alarms.getByRole('button', { name: 'Show the tokens' })).toBeVisible()
  // The family's one fix renews them all (each open row has its own too).
  await expect(user.locator('.family-fix').getByRole('button', { name: /^Log in again/ })).toHaveCount(1)
  await checkScreen(app, 'real-dashboard-rotation-waiting')
  expect(notificationCount(served)).toBe(told)
  await person.logInThroughPopup(/^Log in again/, user.locator('.family-fix'))
  await expect(app.getByText(/Stopped working/)).toHaveCount(0, { timeout: 15_000 })
  await expect(user.locator('.member .badge').filter({ hasText: 'Working' })).toHaveCount(4)
  await expect(alarms).toHaveCount(0)
  expect(person.actions).toBe(7)
})
