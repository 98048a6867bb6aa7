/**
 * Facebook Login for Business as a person meets it, in Chromium against `token-desk serve
 * --sandbox`: a new Business practice app logs in through its user-token configuration to saved,
 * verified Page tokens (the dialog asked with config_id and no scope) and is renewed once after a
 * password change; the same app without a Configuration ID ends on the refusal page, explained by
 * the wizard and the doctor; its system-user configuration gives a never-expiring business
 * integration token with its business.
 */
import { expect, type Page } from '@playwright/test'
import { checkScreen } from './support/fixtures'
import { servedAppTest } from './support/served-app'
import type { Served } from './support/serve'

const test = servedAppTest()

async function startBusinessPractice(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Practise with a new Business app' }).click()
  await expect(app.getByRole('heading', { name: 'What is the token for?' })).toBeVisible()
}

/** The login popup, once it reached the simulated Facebook's dialog. */
async function dialogPopup(app: Page, button: string | RegExp): Promise<Page> {
  const opened = app.waitForEvent('popup')
  await app.getByRole('button', { name: button }).click()
  const popup = await opened
  await popup.waitForURL(/\/dialog\/oauth\?/)
  return popup
}

/** The dialog parameters the web host logged: names only, never their values. */
function loggedDialogs(served: Served): { kind: string; parameters: string }[] {
  return served.stderr
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { message?: string; fields?: { kind?: string; parameters?: string } })
    .filter((r) => r.message === 'login dialog opened')
    .map((r) => ({ kind: r.fields?.kind ?? '', parameters: r.fields?.parameters ?? '' }))
}

test('a Business app’s user-token configuration, from the start screen to saved verified Page tokens, and one renewal after a password change', async ({ app, served }) => {
  await startBusinessPractice(app)
  await app.getByRole('button', { name: /Manage Pages/ }).click()
  await expect(app.getByRole('heading', { name: 'Facebook Login for Business' })).toBeVisible()
  // No permission picker: the configuration decides.
  await expect(app.getByText(/Permissions Facebook will ask for/)).toHaveCount(0)
  await checkScreen(app, 'business-connect')

  const popup = await dialogPopup(app, 'Log in with Facebook')
  const dialog = new URL(popup.url()).searchParams
  expect(dialog.get('config_id')).toMatch(/^\d{16}$/)
  expect(dialog.get('response_type')).toBe('code')
  for (const absent of ['scope', 'code_challenge']) expect(dialog.has(absent), absent).toBe(false)
  await expect(popup.getByText(/configuration “Token Desk: ads and Pages \(user token\)”/)).toBeVisible()
  await popup.getByRole('button', { name: /^Continue as/ }).click()

  await expect(app.getByRole('heading', { name: 'Choose the Pages to keep tokens for' })).toBeVisible()
  const grant = app.getByLabel('What the configuration granted')
  await expect(grant).toContainText(dialog.get('config_id')!)
  await expect(grant).toContainText('3 chosen')
  await checkScreen(app, 'business-pages')
  await app.getByRole('button', { name: /^Save 3 Page tokens$/ }).click()
  await expect(app.getByRole('heading', { name: /Saved/ })).toBeVisible()
  // The host logged the dialog's parameter names: config_id, and never scope.
  const logged = loggedDialogs(served)
  expect(logged.at(-1)?.kind).toBe('business')
  expect(logged.at(-1)?.parameters.split(',')).toContain('config_id')
  expect(logged.at(-1)?.parameters.split(',')).not.toContain('scope')

  await app.getByRole('button', { name: 'Practice' }).click()
  await app.getByRole('button', { name: 'Change the password' }).click()
  await app.getByRole('button', { name: /^Dashboard/ }).click()
  await expect(app.getByText(/password changed: 4 tokens stopped/i)).toHaveCount(1)
  const again = await dialogPopup(app, /^Log in again/)
  expect(new URL(again.url()).searchParams.get('config_id')).toBe(dialog.get('config_id'))
  await again.getByRole('button', { name: /^Continue as/ }).click()
  await expect(app.getByText(/password changed/i)).toHaveCount(0, { timeout: 15_000 })
  expect(served.stderr.join('')).not.toMatch(/EAA[A-Za-z0-9_-]{10,}|AQ[A-Za-z0-9_-]{40,}/)
})

test('the same app without a Configuration ID ends on the refusal page, explained by the wizard and the doctor with the fix', async ({ app }) => {
  await startBusinessPractice(app)
  await app.getByRole('button', { name: 'Practice' }).click()
  await app.getByText('More practice controls').click()
  await app.getByRole('button', { name: 'Login for Business without a configuration' }).click()
  await app.getByRole('button', { name: 'Add token' }).click()
  // Without a configuration there is one login again, the classic dialog: the card starts it at once.
  const card = app.getByRole('button', { name: /Manage ads/ })
  await expect(card).toContainText('Log in with Facebook')
  const opened = app.waitForEvent('popup')
  await card.click()
  const popup = await opened
  // The popup never shows Facebook's page: it explains it, both causes in order.
  await expect(popup.locator('body')).toContainText('Facebook showed “App isn\'t available”')
  await expect(popup.locator('body')).toContainText('1. The app is a Business app with Facebook Login for Business')

  await expect(app.getByRole('heading', { name: 'Facebook showed “App isn\'t available”' })).toBeVisible()
  const refusal = app.getByRole('alert')
  await expect(refusal).toContainText('1. The app is a Business app with Facebook Login for Business')
  await expect(refusal).toContainText('2. The Facebook account logging in has no role on the app')
  await expect(refusal).toContainText('Configuration ID')
  await app.getByText('What else Token Desk found about your app').click()
  await expect(app.getByText(/asks with a list of permissions, and Facebook refused the login/)).toBeVisible()
  await checkScreen(app, 'business-refused')

  // The fix, as the page says it: the Configuration ID under Settings.
  await app.getByRole('button', { name: 'Settings' }).click()
  await expect(app.getByRole('heading', { name: 'Facebook Login for Business' })).toBeVisible()
  await expect(app.getByLabel('Configuration ID', { exact: true })).toHaveValue('')
})

test('a system-user configuration gives a stored never-expiring business integration token with its business', async ({ app }) => {
  await startBusinessPractice(app)
  await app.getByRole('button', { name: /Manage ads/ }).click()
  await expect(app.getByText(/If you own both the app and the business, choose the system-user token above instead/)).toBeVisible()
  const popup = await dialogPopup(app, 'Log in through the system-user configuration')
  await expect(popup.getByRole('group', { name: 'Choose the business portfolio' })).toBeVisible()
  await expect(popup.getByLabel('Practice Business')).toBeChecked()
  await popup.getByRole('button', { name: /^Continue as/ }).click()

  await expect(app.getByRole('heading', { name: 'Choose the Pages to keep tokens for' })).toBeVisible()
  await expect(app.getByRole('heading', { name: /^Business integration token/ })).toBeVisible()
  await expect(app.getByText(/For the business \d+, through a Login for Business configuration/)).toBeVisible()
  await app.getByRole('button', { name: 'Select none' }).click()
  await app.getByRole('button', { name: 'Save the business integration token' }).click()
  await expect(app.getByRole('heading', { name: /Saved/ })).toBeVisible()
  await app.getByRole('button', { name: 'Go to the dashboard' }).click()
  const row = app.getByRole('list', { name: 'Token families' }).getByRole('listitem').first()
  await expect(row).toContainText('Working')
  await expect(row).toContainText('Business integration token · No deadline')
  await row.getByRole('heading', { level: 3 }).getByRole('button').click()
  await row.getByRole('button', { name: /^Details of / }).click()
  await expect(app.getByText(/Business integration token …\w{4} · app \d+ · business \d+ · Login for Business configuration \d+/)).toBeVisible()
  await checkScreen(app, 'business-integration-dashboard')
})
