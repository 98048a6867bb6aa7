import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'
import { checkScreen } from './support/fixtures'
import { servedAppTest } from './support/served-app'

/** Every action a person takes, counted, so the happy path's length is measured, not claimed. */
class Person {
  actions = 0
  constructor(readonly page: Page) {}
  async click(page: Page, name: string | RegExp, options: { first?: boolean } = {}): Promise<void> {
    this.actions += 1
    const target = page.getByRole('button', { name })
    await (options.first ? target.first() : target).click()
  }
}

const test = servedAppTest()

async function startPractice(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start practising' }).click()
  await expect(page.getByRole('heading', { name: 'What is the token for?' })).toBeVisible()
}

/**
 * Log in through the simulated Facebook's consent popup; `trigger` opens it (a purpose card
 * opens the login at once), `answer` is the button to press there.
 */
async function consent(person: Person, answer: RegExp, trigger: string | RegExp = 'Log in with Facebook'): Promise<void> {
  const popupPromise = person.page.waitForEvent('popup')
  await person.click(person.page, trigger)
  const popup = await popupPromise
  await expect(popup.getByRole('button', { name: answer })).toBeVisible()
  await person.click(popup, answer)
  // The popup closes itself once the host caught the redirect; the main window's next screen is what counts.
}

async function happyPath(page: Page): Promise<Person> {
  const person = new Person(page)
  await startPractice(page)
  await consent(person, /^Continue as/, /Manage Pages/)
  await expect(page.getByRole('heading', { name: 'Choose the Pages to keep tokens for' })).toBeVisible()
  await person.click(page, /^Save 3 Page tokens$/)
  await expect(page.getByRole('heading', { name: /Saved/ })).toBeVisible()
  return person
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    // The app keeps running: a temporary file may be renamed into place between readdir and read.
    const info = await stat(path).catch(() => null)
    if (!info) continue
    if (info.isDirectory()) out.push(...(await filesUnder(path)))
    else {
      const bytes = await readFile(path).catch(() => null)
      if (bytes) out.push(bytes.toString('latin1'))
    }
  }
  return out
}

test('the whole wizard to saved page tokens takes 3 actions after the start click (4 with it)', async ({ app, served }) => {
  const person = await happyPath(app)
  expect(person.actions).toBe(3)
  await checkScreen(app, 'real-saved')
  await app.getByRole('button', { name: 'Go to the dashboard' }).click()
  await expect(app.getByRole('heading', { name: 'Your tokens' })).toBeVisible()
  await expect(app.getByText(/User token and 3 Page tokens/)).toBeVisible()
  await checkScreen(app, 'real-dashboard')
  // Nothing the browser got, nor any file, holds a token: the dashboard shows only last fours.
  const html = await app.content()
  expect(html).not.toMatch(/EAA[A-Za-z0-9_-]{10,}/)
  for (const text of await filesUnder(served.home)) expect(text).not.toMatch(/EAA[A-Za-z0-9_-]{10,}/)
  expect(served.stderr.join('')).not.toMatch(/EAA[A-Za-z0-9_-]{10,}/)
})

test('a denied login goes back to Connect and says so', async ({ app }) => {
  const person = new Person(app)
  await startPractice(app)
  await consent(person, /^Cancel$/, /Manage ads/)
  await expect(app.getByRole('heading', { name: 'Connect to Facebook' })).toBeVisible()
  await expect(app.getByText(/cancelled|declined/i).first()).toBeVisible()
})

test('the paste path: a token from the practice Graph API Explorer', async ({ app, context }) => {
  await startPractice(app)
  // The paste form is right on the first step, beside the purposes.
  await app.getByText('Or paste a token you already have').click()
  const explorerUrl = await app.getByText(/\/tools\/explorer/).first().innerText()
  const explorer = await context.newPage()
  await explorer.goto(explorerUrl.trim())
  await explorer.getByRole('button', { name: 'Generate Access Token' }).click()
  const token = await explorer.getByLabel('Access Token').inputValue()
  expect(token).toMatch(/^EAA/)
  await explorer.close()
  await app.getByLabel('Token', { exact: true }).fill(token)
  await app.getByRole('button', { name: 'Check this token' }).click()
  await expect(app.getByRole('heading', { name: 'Choose the Pages to keep tokens for' })).toBeVisible()
  await expect(app.getByText(/60 days|long-lived/i).first()).toBeVisible()
})

test('a password change after saving shows on the dashboard with its reason, then one re-authorisation fixes it', async ({ app }) => {
  await happyPath(app)
  await app.getByRole('button', { name: 'Practice' }).click()
  await app.getByRole('button', { name: 'Change the password' }).click()
  await app.getByRole('button', { name: /^Dashboard/ }).click()
  await expect(app.getByText(/password changed: 4 tokens stopped/i)).toHaveCount(1)
  await checkScreen(app, 'real-dashboard-dead')
  const person = new Person(app)
  const popupPromise = app.waitForEvent('popup')
  // One cause, one fix: the user token's login renews it and all its Page tokens.
  await expect(app.getByRole('button', { name: /^Log in again/ })).toHaveCount(1)
  await person.click(app, /^Log in again/)
  const popup = await popupPromise
  await person.click(popup, /^Continue as/)
  await expect(app.getByText(/password changed/i)).toHaveCount(0, { timeout: 15_000 })
  expect(person.actions).toBe(2)
})

test('a reminder appears as the simulated clock moves', async ({ app }) => {
  await happyPath(app)
  await app.getByRole('button', { name: 'Practice' }).click()
  await app.getByText('More practice controls').click()
  await app.getByLabel('Days to move forward').fill('50')
  await app.getByRole('button', { name: 'Move time forward' }).click()
  await app.getByRole('button', { name: /^Dashboard/ }).click()
  await expect(app.getByText(/stops working in \d+ days/).first()).toBeVisible()
})

test('a throttled check is shown without marking anything dead', async ({ app }) => {
  await happyPath(app)
  await app.getByRole('button', { name: 'Practice' }).click()
  await app.getByRole('button', { name: 'Facebook is busy' }).click()
  await expect(app.getByRole('button', { name: 'Facebook is busy' })).toHaveAttribute('aria-pressed', 'true')
  await app.getByRole('button', { name: /^Dashboard/ }).click()
  await expect(app.getByText(/Facebook is busy, so the last check waits/)).toHaveCount(1, { timeout: 15_000 })
  await expect(app.getByText(/^Dead$|Stopped working/)).toHaveCount(0)
})

test('the host refuses requests without the key, with a foreign Origin or a foreign Host', async ({ served, request }) => {
  // The page and its files hold no secret and need no key (issue 20, item 1); the bridge does.
  const bare = await request.get(`${served.origin}/`, { maxRedirects: 0 })
  expect(bare.status()).toBe(200)
  expect(bare.headers()['set-cookie']).toBeUndefined()
  const keyless = await request.post(`${served.origin}/api/call/getState`, { data: {}, headers: { 'x-token-desk': '1', origin: served.origin } })
  expect(keyless.status()).toBe(401)
  const api = await request.post(`${served.origin}/api/call/getState`, { data: {}, headers: { 'x-token-desk': '1', origin: 'https://evil.example' } })
  expect(api.status()).toBe(403)
  const host = await request.get(served.url, { headers: { host: 'evil.example' }, maxRedirects: 0 })
  expect([403, 421]).toContain(host.status())
})
