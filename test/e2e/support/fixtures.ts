import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import type { AppState } from '../../../preload/api'
import { fakeDesk, type FakeDeskHandle, type FakeDeskOptions } from './fake-desk'
import { inspected, PAGES } from './states'
import { serveBuiltRenderer, type StaticServer } from './static-server'

export const SCREENS_DIR = 'test-results/screens'

interface Fixtures {
  /** Loads the built renderer with a fake host holding `state`; fails the test on any page error. */
  openApp: (state: AppState, options?: Partial<Omit<FakeDeskOptions, 'state'>>) => Promise<Page>
  consoleErrors: string[]
}

export const test = base.extend<Fixtures, { server: StaticServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture names from this pattern.
    async ({}, use) => {
      if (!existsSync('out/renderer/index.html')) throw new Error('Build the renderer first: npx electron-vite build')
      const server = await serveBuiltRenderer()
      await use(server)
      await server.close()
    },
    { scope: 'worker' },
  ],
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await use(errors)
  },
  openApp: async ({ page, server, consoleErrors }, use) => {
    await use(async (state, options = {}) => {
      const desk: FakeDeskOptions = {
        state,
        loginOutcome: 'pages',
        loginToken: inspected(),
        pages: PAGES,
        loginDelayMs: 150,
        ...options,
      }
      await page.addInitScript(fakeDesk, desk)
      await page.goto(`${server.url}/`)
      await expect(page.getByRole('heading', { name: 'Token Desk', level: 1 })).toBeVisible()
      expect(consoleErrors).toEqual([])
      return page
    })
  },
})

export { expect }

/** Calls the renderer made on the fake host, in order. */
export const callsOf = (page: Page): Promise<FakeDeskHandle['calls']> =>
  page.evaluate(() => {
    const desk = (globalThis as unknown as { tokenDesk: Record<symbol, FakeDeskHandle> }).tokenDesk
    return desk[Symbol.for('fake-desk')]!.calls
  })

export const pushState = (page: Page, state: AppState): Promise<void> =>
  page.evaluate((next) => {
    const desk = (globalThis as unknown as { tokenDesk: Record<symbol, FakeDeskHandle> }).tokenDesk
    desk[Symbol.for('fake-desk')]!.push(next)
  }, state)

/** What the browser's clipboard holds now (the context needs the clipboard-read permission). */
export const readClipboard = (page: Page): Promise<string> => page.evaluate<string>('navigator.clipboard.readText()')

/** axe on the page as it stands, in both colour schemes, with a screenshot of each. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true })
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' })
    const results = await new AxeBuilder({ page }).analyze()
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    expect(summary, `axe on ${name} (${colorScheme})`).toEqual([])
    await page.screenshot({ path: `${SCREENS_DIR}/${name}-${colorScheme}.png`, fullPage: true })
  }
}
