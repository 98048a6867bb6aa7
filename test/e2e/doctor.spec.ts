/**
 * The app doctor and "Not in the list?" as a person meets them, in Chromium against
 * `token-desk serve --sandbox`: a login Facebook refuses with "URL Blocked", explained with its
 * fix; a Page left unticked at login, found and brought back by one re-request login.
 */
import { expect } from '@playwright/test'
import { checkScreen } from './support/fixtures'
import { servedAppTest } from './support/served-app'

const test = servedAppTest({ practice: true })

test('a login Facebook refuses with "URL Blocked" is explained, with where to fix it', async ({ app }) => {
  await app.getByRole('button', { name: 'Practice' }).click()
  await app.getByText('More practice controls').click()
  await app.getByRole('button', { name: 'Wrong redirect URI' }).click()
  // The doctor ran at once: the Practice screen shows its failure before any login.
  await expect(app.getByText(/Facebook’s login page says “URL Blocked”/).first()).toBeVisible()

  await app.getByRole('button', { name: 'Add token' }).click()
  const popupPromise = app.waitForEvent('popup')
  await app.getByRole('button', { name: /Manage Pages/ }).click()
  const popup = await popupPromise
  // The popup never shows Facebook's page: it says why, in Token Desk's words.
  await expect(popup.locator('body')).toContainText('Facebook showed “URL Blocked”')
  await expect(popup.locator('body')).toContainText('Valid OAuth Redirect URIs')

  await expect(app.getByRole('heading', { name: 'Facebook showed “URL Blocked”' })).toBeVisible()
  await expect(app.getByRole('alert').getByText(/not on the app’s list of Valid OAuth Redirect URIs/)).toBeVisible()
  await expect(app.getByText(/App Dashboard > Facebook Login > Settings > Valid OAuth Redirect URIs/).first()).toBeVisible()
  await checkScreen(app, 'doctor-url-blocked')

  // Settings holds the whole report, with the API version.
  await app.getByRole('button', { name: 'Settings' }).click()
  await expect(app.getByRole('heading', { name: 'Your Meta app' })).toBeVisible()
  await expect(app.getByText(/Token Desk asks for v27\.0/).first()).toBeVisible()
  await app.getByRole('button', { name: 'Practice' }).click()
  await app.getByText('More practice controls').click()
  await app.getByRole('button', { name: 'Repair my app' }).click()
  await app.getByRole('button', { name: 'Settings' }).click()
  await app.getByRole('button', { name: 'Check my app' }).click()
  await expect(app.getByText(/Every check passed|warning/).first()).toBeVisible()
  await checkScreen(app, 'doctor-settings')
})

test('a Page left unticked at login is found through "Not in the list?" and brought back by one re-request login', async ({ app }) => {
  const first = app.waitForEvent('popup')
  await app.getByRole('button', { name: /Manage Pages/ }).click()
  const popup = await first
  // In Facebook's "Choose the Pages" list the person unticks one Page.
  await popup.getByLabel('Practice Book Club').uncheck()
  await popup.getByRole('button', { name: /^Continue as/ }).click()

  await expect(app.getByRole('heading', { name: 'Choose the Pages to keep tokens for' })).toBeVisible()
  await expect(app.getByRole('list', { name: 'Pages' }).getByRole('listitem')).toHaveCount(2)
  await app.getByText('Not in the list?').click()
  await app.getByLabel('Which Page is missing?').fill('Practice Book Club')
  await app.getByRole('button', { name: 'Find out why' }).click()
  await expect(app.getByText(/Probably not selected when you logged in/)).toBeVisible()
  await expect(app.getByText(/auth_type=rerequest/)).toBeVisible()
  await checkScreen(app, 'doctor-not-in-list')

  const again = app.waitForEvent('popup')
  await app.getByRole('button', { name: 'Log in again and tick it' }).click()
  const second = await again
  const box = second.getByLabel('Practice Book Club')
  await expect(box).not.toBeChecked()
  await box.check()
  await second.getByRole('button', { name: /^Continue as/ }).click()

  await expect(app.getByRole('list', { name: 'Pages' }).getByRole('listitem')).toHaveCount(3)
  await expect(app.getByRole('list', { name: 'Pages' })).toContainText('Practice Book Club')
  await app.getByRole('button', { name: /^Save 3 Page tokens$/ }).click()
  await expect(app.getByRole('heading', { name: /Saved/ })).toBeVisible()
})
