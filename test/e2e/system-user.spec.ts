import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { checkScreen } from './support/fixtures'
import { startServe, type Served } from './support/serve'

/** Every action a person takes, counted: clicks and choices, in the app and in the Facebook popup. */
class Person {
  actions = 0
  constructor(readonly page: Page) {}
  async click(on: Page | Locator, name: string | RegExp): Promise<void> {
    this.actions += 1
    await on.getByRole('button', { name }).click()
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

const test = base.extend<{ served: Served; app: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture names from this pattern.
  served: async ({}, use) => {
    const served = await startServe()
    await use(served)
    expect(await served.stop()).toBe(0)
  },
  app: async ({ page, served }, use) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(served.url)
    await expect(page.getByRole('heading', { name: 'Token Desk', level: 1 })).toBeVisible()
    await page.getByRole('button', { name: 'Start practising' }).click()
    await expect(page.getByRole('heading', { name: 'What is the token for?' })).toBeVisible()
    await use(page)
    expect(errors).toEqual([])
  },
})

const TOKEN_SHAPE = /EAA[A-Za-z0-9_-]{10,}/

async function mintedThroughWizard(app: Page): Promise<Person> {
  const person = new Person(app)
  await person.click(app, /Manage ads/)
  await expect(app.getByRole('heading', { name: 'Connect to Facebook' })).toBeVisible()
  await person.logInThroughPopup('Make a system-user token')
  await expect(app.getByRole('heading', { name: 'Choose a system user' })).toBeVisible()
  await expect(app.getByText('The Standard level (Full today) allows 10 system users and 1 admin system user.')).toBeVisible()
  await person.choose(app, /Practice Reporting Server/)
  await person.click(app, 'Make a token for Practice Reporting Server')
  await expect(app.getByRole('heading', { name: /Saved 1 token/ })).toBeVisible()
  return person
}

test('the system-user path: from the wizard to a saved, verified token in 5 actions after the start screen', async ({ app, served }) => {
  const person = new Person(app)
  await person.click(app, /Manage ads/)
  await person.logInThroughPopup('Make a system-user token')
  await expect(app.getByRole('heading', { name: 'Choose a system user' })).toBeVisible()
  await expect(app.getByRole('group', { name: 'Practice Business' }).getByRole('radio')).toHaveCount(3)
  await expect(app.getByText(/Logged in as Pat Practice/)).toBeVisible()
  await checkScreen(app, 'real-system-users')
  await person.choose(app, /Practice Reporting Server/)
  await person.click(app, 'Make a token for Practice Reporting Server')
  await expect(app.getByRole('heading', { name: /Saved 1 token/ })).toBeVisible()
  await expect(app.getByText('Practice Reporting Server (system-user token)')).toBeVisible()
  expect(person.actions).toBe(5)
  await app.getByRole('button', { name: 'Go to the dashboard' }).click()
  const row = app.getByRole('listitem').filter({ has: app.getByRole('heading', { name: 'Practice Reporting Server (system-user token)' }) })
  await expect(row.getByText(/System-user token/)).toBeVisible()
  await expect(row.locator('.badge')).toHaveText('✓ Working')
  await checkScreen(app, 'real-dashboard-system-user')
  expect(await app.content()).not.toMatch(TOKEN_SHAPE)
  expect(served.stderr.join('')).not.toMatch(TOKEN_SHAPE)
})

test('a limited tier is explained, with Business Settings and the paste form', async ({ app }) => {
  await app.getByRole('button', { name: 'Practice' }).click()
  await app.getByRole('button', { name: 'Limited access' }).click()
  await expect(app.getByText(/Limited access: done/)).toBeVisible()
  await app.getByRole('button', { name: /^Add token/ }).click()
  await app.getByRole('button', { name: /Manage ads/ }).click()
  const person = new Person(app)
  await person.logInThroughPopup('Make a system-user token')
  await expect(app.getByText(/Facebook lets only apps with Full access make system-user tokens through the API/)).toBeVisible()
  await expect(app.getByText('Or paste a token you already have')).toBeVisible()
  await app.getByRole('radio', { name: /Practice Reporting Server/ }).check()
  await app.getByRole('button', { name: 'Make a token for Practice Reporting Server' }).click()
  await expect(app.getByRole('heading', { name: 'That did not work' })).toBeVisible()
  await expect(app.getByRole('alert').first()).toContainText('Limited Marketing API access')
})

test('a leaked system-user token is replaced and the old one revoked, in 3 actions', async ({ app }) => {
  await mintedThroughWizard(app)
  await app.getByRole('button', { name: 'Go to the dashboard' }).click()
  const row = app.getByRole('listitem').filter({ has: app.getByRole('heading', { name: 'Practice Reporting Server (system-user token)' }) })
  await row.getByRole('button', { name: /Note it/ }).click()
  await row.getByLabel('Used in').fill('n8n production')
  await row.getByRole('button', { name: 'Save note' }).click()
  await expect(row.getByText('n8n production')).toBeVisible()
  const before = await row.locator('.mono').first().innerText()
  const person = new Person(app)
  await person.click(app, 'This token may have leaked')
  await expect(row.getByText(/Facebook ends every token of the system user for this app at once/)).toBeVisible()
  await person.logInThroughPopup('Replace it now')
  await expect(app.getByText(/Replaced “Practice Reporting Server \(system-user token\)”: the new token is stored and checked, and the old one is revoked at Facebook/)).toBeVisible({ timeout: 15_000 })
  await expect(app.getByText(/Update it where it is used: n8n production/)).toBeVisible()
  expect(person.actions).toBe(3)
  await expect(row.locator('.badge')).toHaveText('✓ Working')
  expect(await row.locator('.mono').first().innerText()).not.toBe(before)
})

test('a leaked user token: the replacement first, the revoke, then one more login finishes it, in 5 actions', async ({ app }) => {
  const setup = new Person(app)
  await setup.click(app, /Manage Pages/)
  await setup.logInThroughPopup('Log in with Facebook')
  await setup.click(app, /^Save 3 Page tokens$/)
  await app.getByRole('button', { name: 'Go to the dashboard' }).click()
  const user = app.getByRole('listitem').filter({ has: app.getByRole('heading', { name: 'Pat Practice (user token)' }) })
  const person = new Person(app)
  await person.click(user, 'This token may have leaked')
  await expect(user.getByText(/Revoking a login ends every token of it, the new one too/)).toBeVisible()
  await person.logInThroughPopup('Replace it now', user)
  await expect(app.getByText(/Facebook ends every token of a login at once, so it ended the replacement too\. To finish, log in again/)).toBeVisible({ timeout: 15_000 })
  await expect(user.locator('.badge')).toHaveText(/Stopped working/)
  await person.logInThroughPopup(/^Log in again/, user)
  await expect(app.getByText(/Stopped working/)).toHaveCount(0, { timeout: 15_000 })
  await expect(app.locator('.badge').filter({ hasText: 'Working' })).toHaveCount(4)
  expect(person.actions).toBe(5)
})
