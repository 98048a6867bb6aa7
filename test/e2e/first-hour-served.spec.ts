/**
 * Issue 21's acceptance walk, in real Chromium against the built `token-desk serve --sandbox` on
 * a machine with no OS keyring and no TOKEN_DESK_PASSPHRASE: a passphrase chosen in the window,
 * a Page token saved in at most four actions and copied to the browser's clipboard, then the
 * built `token-desk token NAME` on the same home printing the same token. On the way, the
 * screens the issue names are checked with axe in both colour schemes and photographed,
 * the consent and refusal popups included.
 */
import { execFile } from 'node:child_process'
import { copyFile, mkdir } from 'node:fs/promises'
import { promisify } from 'node:util'
import { expect, type Page } from '@playwright/test'
import { checkScreen, readClipboard, SCREENS_DIR } from './support/fixtures'
import { servedAppTest } from './support/served-app'

const run = promisify(execFile)
const PASSPHRASE = 'first hour passphrase 4c1e'
const NO_KEYRING = { TOKEN_DESK_KEYRING: 'off', TOKEN_DESK_PASSPHRASE: undefined }

const test = servedAppTest({ viewport: { width: 1100, height: 800 }, env: NO_KEYRING })

/** Every action a person takes, counted. */
class Person {
  actions = 0
  async click(page: Page, name: string | RegExp): Promise<void> {
    this.actions += 1
    await page.getByRole('button', { name }).click()
  }
}

const nav = (page: Page, name: string | RegExp) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click()

test('the first hour: a passphrase in the window, a Page token in four actions, copied in the browser and read by token-desk', async ({ app, served, context }) => {
  test.setTimeout(240_000)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin })

  // Start screen without a keyring: the passphrase is offered before the first token, and no
  // sentence says "encrypted" of tokens that are not.
  await expect(app.getByRole('heading', { name: 'First, a passphrase for your tokens' })).toBeVisible()
  await expect(app.getByText(/keeps them encrypted on this computer once you choose a passphrase/)).toBeVisible()
  await expect(app.getByText(/There is nothing to encrypt/)).toHaveCount(0)
  await checkScreen(app, 'first-hour-start-no-keyring')
  await app.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
  await app.getByLabel('Repeat the passphrase').fill(PASSPHRASE)
  await app.getByRole('button', { name: 'Use this passphrase' }).click()
  await expect(app.getByRole('heading', { name: 'First, a passphrase for your tokens' })).toHaveCount(0)
  await expect(app.getByText(/keeps them encrypted on this computer, and warns/)).toBeVisible()

  // Start click, purpose (which opens the login), Continue in the popup, Save: four actions.
  const person = new Person()
  await person.click(app, 'Start practising')
  await expect(app.getByRole('heading', { name: 'What is the token for?' })).toBeVisible()
  const popupOpened = app.waitForEvent('popup')
  await person.click(app, /Manage Pages/)
  const consent = await popupOpened
  await expect(consent.getByRole('button', { name: /^Continue as/ })).toBeVisible()
  await expect(consent.getByRole('checkbox', { name: 'Allow pages_show_list' })).toBeChecked()
  await checkScreen(consent, 'first-hour-consent')
  await person.click(consent, /^Continue as/)
  await expect(app.getByRole('heading', { name: 'Choose the Pages to keep tokens for' })).toBeVisible()
  await person.click(app, /^Save 3 Page tokens$/)
  await expect(app.getByRole('heading', { name: /Saved 4 tokens/ })).toBeVisible()
  expect(person.actions).toBeLessThanOrEqual(4)
  await expect(app.getByText('They are saved on this computer, encrypted.')).toBeVisible()

  // The dashboard as the README shows it.
  await app.getByRole('button', { name: 'Go to the dashboard' }).click()
  await app.getByRole('button', { name: 'Pat Practice (user token)', exact: true }).click()
  await expect(app.getByRole('list', { name: /^Tokens of / }).getByRole('listitem')).toHaveCount(4)
  await checkScreen(app, 'readme-dashboard')
  await mkdir('docs/screenshots', { recursive: true })
  await copyFile(`${SCREENS_DIR}/readme-dashboard-light.png`, 'docs/screenshots/dashboard.png')
  await copyFile(`${SCREENS_DIR}/readme-dashboard-dark.png`, 'docs/screenshots/dashboard-dark.png')

  // Copy a Page token: it reaches the browser's clipboard, never the page's text.
  await app.getByRole('button', { name: 'Copy token Practice Bakery' }).click()
  await expect(app.getByText(/^Copied …\S{4}, clipboard clears in 30 s/)).toBeVisible()
  const copied = await readClipboard(app)
  expect(copied).toMatch(/^EAA[A-Za-z0-9_-]{10,}$/)
  expect(await app.content()).not.toContain(copied)

  // The command line on the same home opens the vault with the passphrase and prints it.
  const env = { ...process.env, TOKEN_DESK_HOME: served.home, TOKEN_DESK_KEYRING: 'off', TOKEN_DESK_PASSPHRASE: PASSPHRASE }
  const printed = await run(process.execPath, ['out/cli/token-desk.js', 'token', 'Practice Bakery'], { env })
  expect(printed.stdout).toBe(`${copied}\n`)

  // A Page-role problem beside an expiring user token: each row has its own fix, the family's
  // badge counts what stopped, and the banner and the row count the same days.
  await nav(app, 'Practice')
  await checkScreen(app, 'first-hour-practice')
  await app.getByRole('button', { name: 'Remove my role on Practice Bakery' }).click()
  await expect(app.getByText('Done. 1 of 4 tokens stopped.')).toBeVisible()
  await app.getByRole('button', { name: /^Move \d+ days forward$/ }).click()
  await expect(app.getByText(/1 token expires soon/)).toBeVisible()
  await checkScreen(app, 'first-hour-practice-after')
  await nav(app, /^Dashboard/)
  await app.getByRole('button', { name: 'Pat Practice (user token)', exact: true }).click()
  await expect(app.locator('.family .badge').first()).toHaveText(/1 of 4 stopped/)
  await expect(app.getByRole('button', { name: 'Role given back? Check again “Practice Bakery”' })).toBeVisible()
  await expect(app.getByRole('button', { name: 'Renew “Pat Practice (user token)”' })).toBeVisible()
  const banner = await app.getByText(/“Pat Practice \(user token\)” stops working in \d+ days/).innerText()
  const row = await app.locator('.member').filter({ hasText: 'User token' }).locator('.member-clocks').innerText()
  expect(row).toContain(`Stops working in ${/in (\d+) days/.exec(banner)![1]} days`)
  await checkScreen(app, 'first-hour-dashboard-role-and-expiring')

  // The refusal popup: Facebook's "URL Blocked", explained on a page of Token Desk's own.
  await nav(app, 'Practice')
  await app.getByRole('button', { name: 'Break the redirect URI' }).click()
  await expect(app.getByText('Done. The app check:')).toBeVisible()
  await nav(app, 'Add token')
  const refusalOpened = app.waitForEvent('popup')
  await app.getByRole('button', { name: 'Log in with Facebook' }).click()
  const refusal = await refusalOpened
  await expect(refusal.getByRole('heading', { name: 'Facebook refused this login', level: 1 })).toBeVisible()
  await checkScreen(refusal, 'first-hour-refusal')
  await refusal.close()
  await expect(app.getByRole('heading', { name: 'That did not work' })).toBeVisible()
  await nav(app, 'Practice')
  await app.getByText('More practice controls').click()
  await app.getByRole('button', { name: 'Repair my app' }).click()

  // The consent page with its password box: after a password change, one login renews them all.
  await app.getByRole('button', { name: 'Change the password' }).click()
  await expect(app.getByText(/^Done\. \d+ tokens stopped/)).toBeVisible()
  await nav(app, /^Dashboard/)
  const againOpened = app.waitForEvent('popup')
  await app.locator('.family-fix').getByRole('button', { name: /^Log in again/ }).click()
  const again = await againOpened
  await expect(again.getByLabel('Practice password (any text)')).toBeVisible()
  await checkScreen(again, 'first-hour-consent-password')
  await again.getByLabel('Practice password (any text)').fill('anything')
  await again.getByRole('button', { name: /^Continue as/ }).click()
  await expect(app.getByText(/password changed/i)).toHaveCount(0, { timeout: 15_000 })
})
