import { expect, type Page } from '@playwright/test'
import { checkScreen } from './support/fixtures'
import { servedAppTest } from './support/served-app'
import { servedCli, type Served } from './support/serve'

/**
 * Token Desk at the scale of a real advertiser: one login with 57 Pages, listed by the practice
 * Facebook as the real one does (25, an empty page that still has `next`, 25, 7).
 */
const PAGES = 57
const TOKENS = PAGES + 1

const test = servedAppTest({ viewport: { width: 1100, height: 800 } })

const nav = (page: Page, name: string | RegExp) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name })

/** What the web host's notifier port recorded: its log lines named "notification". */
function notifications(served: Served): { title: string; body: string }[] {
  return served.stderr
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { message: string; fields?: { title: string; body: string } })
    .filter((record) => record.message === 'notification')
    .map((record) => record.fields!)
}

async function loginWithManyPages(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start practising' }).click()
  await nav(page, 'Practice').click()
  await page.getByText('More practice controls').click()
  await page.getByLabel('Pages to add').fill(String(PAGES - 3))
  await page.getByRole('button', { name: 'Add Pages' }).click()
  await expect(page.getByText(`Added ${PAGES - 3} Pages.`)).toBeVisible()
  await nav(page, 'Add token').click()
  const popup = page.waitForEvent('popup')
  await page.getByRole('button', { name: /Manage Pages/ }).click()
  await (await popup).getByRole('button', { name: /^Continue as/ }).click()
  await expect(page.getByRole('heading', { name: 'Choose the Pages to keep tokens for' })).toBeVisible()
  await page.getByRole('button', { name: `Save ${PAGES} Page tokens` }).click()
  await expect(page.getByRole('heading', { name: /Saved/ })).toBeVisible({ timeout: 20_000 })
  await page.getByRole('button', { name: 'Go to the dashboard' }).click()
  await expect(page.getByRole('heading', { name: 'Your tokens' })).toBeVisible()
}

/** The family's own row: its name is the button that opens and closes it. */
const toggle = (page: Page) => page.getByRole('button', { name: /\(user token\)$/ }).and(page.locator('[aria-expanded]'))

const search = (page: Page) => page.getByRole('searchbox', { name: 'Find a token' })

const fullHeight = (page: Page): Promise<number> => page.evaluate<number>('document.documentElement.scrollHeight')

test('58 tokens fit on two screens, are found by part of a Page name, and one password change is one alarm', async ({ app, served }) => {
  test.setTimeout(120_000)
  await loginWithManyPages(app)
  const summary = app.locator('.summary')
  await expect(summary).toContainText(`${TOKENS} tokens: ${TOKENS} work`)
  const families = app.getByRole('list', { name: 'Token families' }).locator(':scope > li')
  await expect(families).toHaveCount(1)
  await expect(families.first()).toContainText(`User token and ${PAGES} Page tokens`)

  // Closed, the whole dashboard is at most two screens at 1100×800.
  const closed = await fullHeight(app)
  const content = await app.evaluate<number>('Math.ceil(document.querySelector(".app").getBoundingClientRect().height)')
  console.log(`dashboard height with families closed: ${closed} px (the page's content: ${content} px)`)
  expect(closed).toBeLessThanOrEqual(1600)
  await checkScreen(app, 'scale-dashboard-closed')

  // Opened, every member is a compact row, each reachable by keyboard.
  await toggle(app).click()
  const members = app.getByRole('list', { name: /^Tokens of / }).getByRole('listitem')
  await expect(members.filter({ has: app.locator('.member-name') })).toHaveCount(TOKENS)
  console.log(`dashboard height with the family open: ${await fullHeight(app)} px`)
  await checkScreen(app, 'scale-dashboard-open')
  await toggle(app).click()

  // Find a Page by part of its name.
  // The names as stored, read with the command line on the same home (the page's bridge session
  // lives in the page's memory only, so the test does not call the bridge itself).
  const listed = JSON.parse(servedCli(served, ['list', '--json'])) as { name: string; kind: string }[]
  const pages = listed.filter((t) => t.kind === 'PAGE').map((t) => t.name)
  expect(pages).toHaveLength(PAGES)
  const wanted = pages.find((name) => /\s\S+\s\S+$/.test(name) && pages.filter((p) => p.includes(name.split(' ').slice(-2).join(' '))).length === 1)!
  // Part of two words, in lower case: "station road florist" is found by "road flori".
  const part = wanted.split(' ').slice(-2).join(' ').toLowerCase().slice(0, -1)
  await search(app).fill(part)
  await expect(members).toHaveCount(1)
  await expect(members.first()).toContainText(wanted)

  // The detail view, by keyboard: Enter on the row's name, back with the button.
  await app.getByRole('button', { name: `Details of ${wanted}` }).focus()
  await app.keyboard.press('Enter')
  await expect(app.getByRole('heading', { name: wanted, level: 2 })).toBeFocused()
  await expect(app.locator('.clocks')).toContainText('loses their role on the Page')
  await checkScreen(app, 'scale-detail')
  await app.getByRole('button', { name: 'All tokens' }).click()
  await expect(app.getByRole('button', { name: `Details of ${wanted}` })).toBeFocused()
  await search(app).fill('')

  // One password change: one banner, one notification, one fix button.
  const before = notifications(served).length
  await nav(app, 'Practice').click()
  await app.getByRole('button', { name: 'Change the password' }).click()
  await expect(app.getByText(/1 alert about your tokens is on the dashboard/)).toBeVisible({ timeout: 15_000 })
  await nav(app, /^Dashboard/).click()
  const banners = app.getByRole('list', { name: 'Alerts about your tokens' }).getByRole('listitem')
  await expect(banners).toHaveCount(1)
  await expect(banners.first()).toContainText(`Your Facebook password changed: ${TOKENS} tokens stopped. Log in again to renew all of them.`)
  await expect(app.getByRole('button', { name: /^Log in again/ })).toHaveCount(1)
  const told = notifications(served).slice(before)
  expect(told).toEqual([{ title: `Your Facebook password changed: ${TOKENS} tokens stopped`, body: 'Log in again to renew all of them.' }])
  await expect(summary).toContainText(`${TOKENS} stopped`)
  await checkScreen(app, 'scale-banner')

  // One re-authorisation renews all 58.
  const popup = app.waitForEvent('popup')
  await app.getByRole('button', { name: `Log in again to renew all ${TOKENS}` }).click()
  await (await popup).getByRole('button', { name: /^Continue as/ }).click()
  await expect(app.getByText(new RegExp(`Renewed .* and ${PAGES} Page tokens`))).toBeVisible({ timeout: 30_000 })
  await nav(app, /^Dashboard/).click()
  await expect(summary).toContainText(`${TOKENS} tokens: ${TOKENS} work`)
  await expect(banners).toHaveCount(0)
  expect(notifications(served).slice(before)).toHaveLength(1)
})
