import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'
import { checkScreen } from './support/fixtures'
import { servedAppTest } from './support/served-app'
import { servedCli, type Served } from './support/serve'

const test = servedAppTest({ practice: true })
const USER = 'Pat Practice (user token)'
const TOKEN_SHAPE = /EAA[A-Za-z0-9_-]{10,}/

/** The stored token, read as a script would: the built CLI on the served home. */
const storedToken = (served: Served, name: string): string => servedCli(served, ['token', name]).trim()

async function savedPages(app: Page): Promise<void> {
  // The purpose card logs in at once.
  const popup = app.waitForEvent('popup')
  await app.getByRole('button', { name: /Manage Pages/ }).click()
  await (await popup).getByRole('button', { name: /^Continue as/ }).click()
  await app.getByRole('button', { name: /^Save 3 Page tokens$/ }).click()
  await expect(app.getByRole('heading', { name: /Saved/ })).toBeVisible()
  await app.getByRole('button', { name: 'Go to the dashboard' }).click()
}

async function openDetail(app: Page, name: string): Promise<void> {
  const row = app.getByRole('list', { name: 'Token families' }).locator(':scope > li').filter({ has: app.getByRole('button', { name, exact: true }) })
  if (!(await app.getByRole('button', { name: `Details of ${name}` }).isVisible())) await row.getByRole('button', { name, exact: true }).click()
  await app.getByRole('button', { name: `Details of ${name}` }).click()
  await expect(app.getByRole('heading', { name: 'Where it is used' })).toBeVisible()
}

async function addEnvFile(app: Page, path: string): Promise<void> {
  await app.getByRole('button', { name: 'Add a destination' }).click()
  await expect(app.getByLabel('Deliver to')).toHaveValue('env-file')
  await app.getByLabel('File', { exact: true }).fill(path)
  await app.getByRole('button', { name: 'Add this place' }).click()
  await expect(app.getByRole('list', { name: `Where “${USER}” is delivered` }).locator("strong", { hasText: `${path} (FB_ACCESS_TOKEN)` })).toBeVisible()
}

let folder: string
test.beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'token-desk-e2e-dest-'))
})
test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

test('a .env destination added in the window holds the new token after Log in again, every other byte kept', async ({ app, served }) => {
  await savedPages(app)
  await openDetail(app, USER)
  const path = join(folder, '.env')
  const before = '# reporting job\nAPI_VERSION=v27.0\nFB_ACCESS_TOKEN=EAAoldTokenFromLastMonth0001 # keep this comment\nTAIL=1\n'
  await writeFile(path, before)
  await addEnvFile(app, path)
  await expect(app.getByText('Not delivered yet: it gets the token at the next renewal, or now with Test.')).toBeVisible()
  await checkScreen(app, 'real-where-used')

  await app.getByRole('button', { name: 'Practice', exact: true }).click()
  await app.getByRole('button', { name: 'Change the password' }).click()
  await app.getByRole('button', { name: /^Dashboard/ }).click()
  await expect(app.getByText(/password changed: 4 tokens stopped/i)).toHaveCount(1)
  const popup = app.waitForEvent('popup')
  await app.getByRole('button', { name: /^Log in again/ }).click()
  await (await popup).getByRole('button', { name: /^Continue as/ }).click()
  await expect(app.getByText(/password changed/i)).toHaveCount(0, { timeout: 15_000 })

  const token = storedToken(served, USER)
  expect(await readFile(path, 'utf8')).toBe(before.replace('EAAoldTokenFromLastMonth0001', token))
  await openDetail(app, USER)
  await expect(app.locator('.destination').getByText(/^Delivered /)).toBeVisible()
  // The window got where and when, never the token.
  expect(await app.content()).not.toMatch(TOKEN_SHAPE)
  expect(served.stderr.join('')).not.toMatch(TOKEN_SHAPE)
})

test('a failing destination: its notice on the dashboard, then Try again once it is fixed', async ({ app, served }) => {
  await savedPages(app)
  await openDetail(app, USER)
  const later = join(folder, 'not-yet')
  await addEnvFile(app, join(later, '.env'))
  await app.getByRole('button', { name: `Test delivery to ${join(later, '.env')} (FB_ACCESS_TOKEN)` }).click()
  await expect(app.locator('.destination').getByText(`Failed`, { exact: false })).toContainText(`The folder ${later} does not exist.`)

  await app.getByRole('button', { name: 'All tokens' }).click()
  const alerts = app.getByRole('list', { name: 'Alerts about your tokens' })
  const notice = alerts.locator('li').filter({ hasText: `“${USER}” could not be delivered to its destination.` })
  await expect(notice).toHaveCount(1)
  await expect(notice).toContainText('Create the folder, or change the path of this destination.')
  await checkScreen(app, 'real-delivery-failed')

  await mkdir(later)
  await notice.getByRole('button', { name: 'Try again' }).click()
  await expect(notice).toHaveCount(0)
  expect(await readFile(join(later, '.env'), 'utf8')).toBe(`FB_ACCESS_TOKEN=${storedToken(served, USER)}\n`)
  expect(await app.content()).not.toMatch(TOKEN_SHAPE)
})

test('Settings: the alert command, one word per line; a test alert says why it failed', async ({ app }) => {
  await app.getByRole('button', { name: 'Settings' }).click()
  await app.getByLabel('Alert command, one word per line').fill('no-such-alert-program\n--flag')
  await app.getByRole('button', { name: 'Save alert command' }).click()
  await expect(app.getByText('Saved.')).toBeVisible()
  await app.getByRole('button', { name: 'Send a test alert' }).click()
  await expect(app.getByRole('alert')).toContainText('The alert command no-such-alert-program was not found.')
})
