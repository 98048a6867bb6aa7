// R36/R37: the real app in the real Electron. Needs the Electron binary and an unfused build
// (Playwright drives Electron through --inspect, which the packaged fuses turn off), so it runs
// against `npm run build` output with `args: ['.']`. Where the binary is missing it skips and
// says why.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** Finds the binary without require('electron'), which tries to download it when missing. */
function electronBinary(): { path: string } | { missing: string } {
  const dir = join(ROOT, 'node_modules', 'electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return { missing: `${pathFile} does not exist (the Electron binary was never installed)` }
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { missing: `${binary} does not exist` }
  return { path: binary }
}

const found = electronBinary()
const skipReason = 'missing' in found ? `Electron binary not available: ${found.missing}. Skipping the Electron smoke test.` : null
if (skipReason) console.log(skipReason)

async function launch(extraArgs: string[] = []): Promise<ElectronApplication> {
  if ('missing' in found) throw new Error(found.missing)
  return electron.launch({ executablePath: found.path, args: [...extraArgs, '.'], cwd: ROOT, env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } })
}

test.describe('Electron smoke (R36, R37)', () => {
  test.skip(skipReason !== null, skipReason ?? '')

  test('the window opens sandboxed, and the login window is isolated and fenced in', async () => {
    const app = await launch()
    try {
      const page = await app.firstWindow()
      await expect(page).toHaveTitle('Token Desk')
      expect(page.url()).toBe('app://token-desk/index.html')
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
      expect(await page.evaluate(() => Object.keys((globalThis as unknown as { tokenDesk: object }).tokenDesk).length)).toBeGreaterThan(10)

      // Practice mode serves the dialog from the sandbox on loopback: no Facebook account needed.
      await page.evaluate(async () => {
        const api = (globalThis as unknown as { tokenDesk: Record<string, (input: object) => Promise<unknown>> }).tokenDesk
        await api.startPractice!({})
        await api.choosePurpose!({ purpose: 'manage-ads' })
        void api.login!({})
      })
      const loginPage = await app.waitForEvent('window', { predicate: (p) => p !== page })
      const separate = await app.evaluate(({ BrowserWindow, session }) =>
        BrowserWindow.getAllWindows().some((w) => w.webContents.session !== session.defaultSession),
      )
      expect(separate).toBe(true)
      const before = loginPage.url()
      await loginPage.evaluate(() => {
        ;(globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'
      }).catch(() => undefined)
      await loginPage.waitForTimeout(500)
      expect(loginPage.url()).not.toContain('example.com')
      expect(loginPage.url()).toBe(before)
    } finally {
      await app.close()
    }
  })

  test('with no keyring (--password-store=basic) storage is weak and nothing persists without opt-in', async () => {
    test.skip(process.platform !== 'linux', 'basic_text exists only on Linux')
    const app = await launch(['--password-store=basic'])
    try {
      const page = await app.firstWindow()
      const state = await page.evaluate(async () => {
        const api = (globalThis as unknown as { tokenDesk: { getState(i: object): Promise<{ ok: boolean; value: { storage: unknown } }> } }).tokenDesk
        return (await api.getState({})).value.storage
      })
      expect(state).toMatchObject({ protection: 'weak', persisting: false })
    } finally {
      await app.close()
    }
  })
})
