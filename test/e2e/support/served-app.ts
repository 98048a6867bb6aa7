import { test as base, expect, type Page } from '@playwright/test'
import { startServe, type Served } from './serve'

export interface ServedAppOptions {
  viewport?: { width: number; height: number }
  /** Press "Start practising" and wait for the wizard's first question. */
  practice?: boolean
  /** Changes to serve's environment (see startServe). */
  env?: Record<string, string | undefined>
}

/**
 * A test with the real app: the built `token-desk serve --sandbox` (`served`, which must exit 0)
 * and a page opened on it (`app`) that fails the test on any uncaught page error.
 */
export function servedAppTest(options: ServedAppOptions = {}) {
  return base.extend<{ served: Served; app: Page }>({
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture names from this pattern.
    served: async ({}, use) => {
      const served = await startServe([], options.env)
      await use(served)
      expect(await served.stop()).toBe(0)
    },
    app: async ({ page, served }, use) => {
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      if (options.viewport) await page.setViewportSize(options.viewport)
      await page.goto(served.url)
      await expect(page.getByRole('heading', { name: 'Token Desk', level: 1 })).toBeVisible()
      if (options.practice) {
        await page.getByRole('button', { name: 'Start practising' }).click()
        await expect(page.getByRole('heading', { name: 'What is the token for?' })).toBeVisible()
      }
      await use(page)
      expect(errors).toEqual([])
    },
  })
}
