/**
 * The web host logs in with an app of its own address: `token-desk serve --port N` returns the
 * login to http://localhost:N/login/callback, shown in the start form to register. A practice
 * Business app whose only redirect is that address completes the popup login; registered on
 * another port, "URL Blocked" is explained with the address Token Desk logs in with.
 */
import { createServer } from 'node:net'
import { test as base, expect, type Page } from '@playwright/test'
import { startServe, type Served } from './support/serve'

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

const test = base.extend<{ served: Served & { port: number }; app: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture names from this pattern.
  served: async ({}, use) => {
    const port = await freePort()
    const served = await startServe(['--port', String(port)])
    await use({ ...served, port })
    expect(await served.stop()).toBe(0)
  },
  app: async ({ page, served }, use) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(served.url)
    await expect(page.getByRole('heading', { name: 'Token Desk', level: 1 })).toBeVisible()
    await use(page)
    expect(errors).toEqual([])
  },
})

test('the popup login completes with only http://localhost:N/login/callback registered; another port gives “URL Blocked” naming the address', async ({ app, served }) => {
  const callback = `http://localhost:${served.port}/login/callback`
  // The start form says where the login returns, to register as it is.
  await expect(app.getByText(callback)).toBeVisible()
  await expect(app.getByText(/Register this exact address/)).toBeVisible()

  await app.getByRole('button', { name: 'Practise with a new Business app' }).click()
  // A Business app with a system-user configuration too: the card opens Connect, which offers both logins.
  await app.getByRole('button', { name: /Manage ads/ }).click()
  const opened = app.waitForEvent('popup')
  await app.getByRole('button', { name: 'Log in with Facebook' }).click()
  const popup = await opened
  await popup.waitForURL(/\/dialog\/oauth\?/)
  expect(new URL(popup.url()).searchParams.get('redirect_uri')).toBe(callback)
  await popup.getByRole('button', { name: /^Continue as/ }).click()
  await popup.waitForEvent('close')
  await expect(app.getByRole('heading', { name: 'Choose the Pages to keep tokens for' })).toBeVisible()
  await app.getByRole('button', { name: /^Save 3 Page tokens$/ }).click()
  await expect(app.getByRole('heading', { name: /Saved/ })).toBeVisible()

  await app.getByRole('button', { name: 'Practice' }).click()
  await app.getByText('More practice controls').click()
  await app.getByRole('button', { name: 'Wrong redirect URI' }).click()
  // Add token starts a fresh wizard at Connect, for the purpose chosen before.
  await app.getByRole('button', { name: 'Add token' }).click()
  const refused = app.waitForEvent('popup')
  await app.getByRole('button', { name: 'Log in with Facebook' }).click()
  const explained = await refused
  await expect(explained.locator('body')).toContainText('Facebook showed “URL Blocked”')
  await expect(app.getByRole('heading', { name: 'Facebook showed “URL Blocked”' })).toBeVisible()
  await expect(app.getByRole('alert')).toContainText(`Token Desk logs in with ${callback}.`)
  await expect(app.getByRole('alert')).toContainText('the port included')
  // The paste path is offered beside it.
  await expect(app.getByText('You can also get a token yourself and paste it here:')).toBeVisible()
})
