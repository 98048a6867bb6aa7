import { expect, test } from '@playwright/test'
import { fakeWebHost } from './support/fake-web-host'
import { serveBuiltRenderer } from './support/static-server'
import { baseState } from './support/states'

/** Without a preload the renderer talks to the web host over HTTP and server-sent events. */
test('the HTTP bridge speaks the web host protocol', async ({ page }) => {
  const host = fakeWebHost(baseState())
  const server = await serveBuiltRenderer(host.routes)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    await page.goto(host.launchUrl(server.url))
    expect(await page.evaluate('typeof tokenDesk')).toBe('undefined')
    // The key left the address bar at once; the page holds its session in memory only.
    await expect.poll(() => new URL(page.url()).hash).toBe('')

    await page.getByRole('button', { name: 'Start practising' }).click()
    await expect(page.getByRole('heading', { name: 'What is the token for?' })).toBeVisible()
    // The popup must open inside the click, before the bridge call, or the browser blocks it:
    // the purpose card is that click (it chooses the purpose and logs in at once).
    const popup = page.waitForEvent('popup')
    await page.getByRole('button', { name: /Manage ads/ }).click()
    const login = await popup
    await login.waitForURL(/\/login\/start\?ticket=/)
    expect(new URL(login.url()).pathname).toBe('/login/start')
    expect(host.popupOpened()).toBe(true)

    // States pushed over SSE while the call is still pending are shown as they come.
    await expect(page.getByRole('status').filter({ hasText: 'Waiting for the popup…' })).toBeVisible()
    await expect(page.getByText('Simulated: the popup was closed.')).toBeVisible()

    expect(host.calls.map((c) => c.method)).toEqual(['getState', 'startPractice', 'login'])
    for (const call of host.calls) {
      expect(call.headers).toEqual({ contentType: 'application/json', marker: '1', origin: server.url, session: host.session, cookie: undefined })
    }
    expect(host.calls.find((c) => c.method === 'login')?.body).toEqual({ purpose: 'manage-ads' })
    expect(await page.context().cookies()).toEqual([])
    expect(errors).toEqual([])
  } finally {
    await server.close()
  }
})
