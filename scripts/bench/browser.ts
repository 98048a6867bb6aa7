import { chromium, type Browser } from '@playwright/test'
import config, { chromiumPath } from '../../playwright.config'

/** Debian Chromium with the same flags the end-to-end tests use. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: config.use?.launchOptions?.args ?? [] })
}
