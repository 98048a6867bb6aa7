/**
 * The real entry, launched: the BUILT out/main/index.js in plain Node, with `electron` resolved
 * to the strict stand-in (test/fakes/electron.ts), once per platform the code branches on. It is
 * driven as a person and the OS would: ready, the main window on app://, a bridge call through
 * the registered IPC handler, the tray, a practice login through the login window against the
 * sandbox (the stand-in window loads the dialog and presses Continue, as the consent client
 * does), a second launch, a macOS Dock click, and a quit whose cleanup finishes. Any uncaught
 * exception, unhandled rejection or refused Electron call fails it.
 *
 * Against main/index.ts before this test existed, the launch died at module top level with
 * "TypeError: Session can only be received when app is ready" and never opened a window.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHODS, channelOf, type AppState } from '../../../preload/api'
import type { StandInSnapshot } from '../../fakes/electron/control'
import { launch, prepareApp, type LaunchedApp } from './launched'

const APP_URL = 'app://token-desk/index.html'
let appDir: string
const homes: string[] = []

beforeAll(async () => {
  appDir = await prepareApp()
}, 240_000)
afterAll(() => {
  rmSync(appDir, { recursive: true, force: true })
  for (const home of homes) rmSync(home, { recursive: true, force: true })
})

function newHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'td-launch-home-'))
  homes.push(home)
  return home
}

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

async function call<T = AppState>(app: LaunchedApp, windowId: number, method: string, input: object = {}): Promise<T> {
  const reply = await app.send<Reply<T>>({ cmd: 'invoke', windowId, channel: channelOf(method as never), args: [input] })
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`)
  return reply.value
}

function expectClean(app: LaunchedApp, state?: StandInSnapshot): void {
  expect(app.errors().uncaught, 'uncaught exceptions').toEqual([])
  expect(app.errors().unhandledRejections, 'unhandled rejections').toEqual([])
  if (state) expect(state.violations, 'Electron calls the stand-in refused').toEqual([])
}

const mainWindow = (s: StandInSnapshot) => s.windows.find((w) => w.url === APP_URL)

describe.each(['linux', 'darwin', 'win32'] as const)('the built app launched under the stand-in, on %s', (platform) => {
  it('starts, answers the bridge, logs in through the login window, hands over a second launch, and quits cleanly', async () => {
    const home = newHome()
    const desk = join(home, 'desk')
    const app = launch(appDir, { platform, home, env: { TOKEN_DESK_HOME: desk } })
    try {
      // Through ready to the main window, loaded from app:// (the protocol handler serving out/renderer).
      const first = await app.until('the main window on app://', (s) => {
        const win = mainWindow(s)
        return win && win.visible && win.httpStatus === 200 && s.trays.length > 0 ? s : null
      })
      expectClean(app, first)
      expect(first.ready).toBe(true)
      // Electron reads desktopName from package.json (lib/browser/init.ts): the Linux launcher's .desktop file.
      expect(first.timeline).toContain('desktopName token-desk.desktop')
      const win = mainWindow(first)!
      expect(win.partition).toBe('')
      expect(win.title).toBe('Token Desk')
      expect([...first.handlers].sort()).toEqual(METHODS.map((m) => channelOf(m)).sort())

      // A bridge call, through the registered handler and its sender check.
      const state = await call(app, win.id, 'getState')
      expect(state.mode).toBeDefined()
      expect(state.storage.protection).not.toBe('unavailable')

      // The tray: its menu has every action; a click opens the window where a click exists.
      const tray = first.trays[0]!
      expect(tray.destroyed).toBe(false)
      expect(tray.menu).toEqual(expect.arrayContaining(['Open Token Desk', 'Quit']))
      await app.send({ cmd: 'closeWindow', windowId: win.id })
      await app.until('the window hidden on close', (s) => !mainWindow(s)?.visible)
      const menuShown = await app.send<string[]>({ cmd: 'clickTray' })
      if (platform === 'linux') {
        expect(menuShown).toContain('Open Token Desk')
        await app.send({ cmd: 'clickTrayItem', label: 'Open Token Desk' })
      }
      await app.until('the window shown from the tray', (s) => mainWindow(s)?.visible)

      // A practice login through the login window against the sandbox.
      await call(app, win.id, 'startPractice')
      await call(app, win.id, 'choosePurpose', { purpose: 'manage-pages' })
      const loggedIn = call(app, win.id, 'login')
      const dialog = await app.until('the consent page in the login window', (s) =>
        s.windows.find((w) => w.id !== win.id && w.pageText.includes('is requesting access')),
      )
      expect(dialog.partition).toMatch(/^fb-login-/)
      await app.send({ cmd: 'submitForm', windowId: dialog.id, button: { name: 'action', value: 'continue' } })
      const afterLogin = await loggedIn
      if (afterLogin.wizard.step !== 'pages') throw new Error(`expected the Page chooser, got ${afterLogin.wizard.step}`)
      const loginGone = await app.until('the login window destroyed', (s) => (s.windows.every((w) => w.id !== dialog.id) ? s : null))
      expectClean(app, loginGone)
      const saved = await call(app, win.id, 'savePages', { pageIds: afterLogin.wizard.pages.slice(0, 1).map((p) => p.id), saveUserToken: true })
      const page = saved.tokens.find((t) => t.kind === 'PAGE')
      expect(page?.status).toBe('valid')

      // Copy the Page token: the clipboard holds it until it is cleared (at the latest at quit).
      await call(app, win.id, 'copyToken', { id: page!.id })
      const copied = await app.until('the token on the clipboard', (s) => (s.clipboard.length > 20 ? s.clipboard : null))
      expect(copied.slice(-4)).toBe(page!.last4)

      // A second launch with the same home: it hands over and exits; the first shows its window.
      await app.send({ cmd: 'closeWindow', windowId: win.id })
      await app.until('the window hidden', (s) => !mainWindow(s)?.visible)
      const second = launch(appDir, { platform, home, env: { TOKEN_DESK_HOME: desk } })
      const secondEnd = await second.exited
      expect(secondEnd.code).toBe(0)
      expect(secondEnd.report?.windows).toEqual([])
      expect(secondEnd.report?.trays).toEqual([])
      expect(secondEnd.report?.errors.uncaught).toEqual([])
      const handedOver = await app.until('the window shown for the second launch', (s) => (mainWindow(s)?.visible ? s : null))
      expect(handedOver.timeline).toContain('second-instance')

      // macOS: a Dock click after the window was closed shows it again.
      if (platform === 'darwin') {
        await app.send({ cmd: 'closeWindow', windowId: win.id })
        await app.until('the window hidden', (s) => !mainWindow(s)?.visible)
        await app.send({ cmd: 'activate' })
        await app.until('the window shown on activate', (s) => mainWindow(s)?.visible)
      }

      // Quit from the tray: the cleanup finishes before the process exits.
      await app.send({ cmd: 'clickTrayItem', label: 'Quit' }).catch(() => undefined)
      const end = await app.exited
      expect(end.code).toBe(0)
      const report = end.report!
      expect(report.errors.uncaught).toEqual([])
      expect(report.errors.unhandledRejections).toEqual([])
      expect(report.violations).toEqual([])
      expect(report.clipboard, 'the copied token is cleared before the app exits').toBe('')
      const timeline = report.timeline
      expect(timeline.indexOf('before-quit')).toBeGreaterThan(-1)
      expect(timeline.indexOf('clipboard cleared')).toBeLessThan(timeline.indexOf('exit'))
      const logText = readFileSync(join(desk, 'logs', 'main.log'), 'utf8')
      expect(logText).toContain('quit: cleanup finished')
      expect(logText).not.toContain(copied)
    } finally {
      app.kill()
    }
  }, 120_000)
})

describe('the built app at start', () => {
  it('takes a relative TOKEN_DESK_HOME as relative to where it was started (Electron needs an absolute userData)', async () => {
    const home = newHome()
    const cwd = join(home, 'work')
    mkdirSync(cwd)
    const app = launch(appDir, { platform: 'linux', home, cwd, env: { TOKEN_DESK_HOME: 'relative-home' } })
    try {
      const started = await app.until('the main window', (s) => (mainWindow(s) ? s : null))
      expectClean(app, started)
      expect((await call(app, mainWindow(started)!.id, 'getState')).storage).toBeDefined()
      await app.until('the log file under the working folder', () => existsSync(join(cwd, 'relative-home', 'logs', 'main.log')))
    } finally {
      app.kill()
    }
  }, 60_000)
})

describe('the built app after a crash', () => {
  it('starts again when the last run died holding the single-instance lock', async () => {
    const home = newHome()
    const env = { TOKEN_DESK_HOME: join(home, 'desk') }
    const first = launch(appDir, { platform: 'linux', home, env })
    await first.until('the main window', (s) => mainWindow(s))
    first.kill()
    await first.exited
    expect(existsSync(join(home, 'desk', 'SingletonLock'))).toBe(true)
    const again = launch(appDir, { platform: 'linux', home, env })
    try {
      const started = await again.until('the main window of the second run', (s) => mainWindow(s) && s)
      expectClean(again, started)
    } finally {
      again.kill()
    }
  }, 60_000)
})

describe('the built app at a Windows logoff', () => {
  it('clears a copied token at once: no before-quit comes, and the process just ends', async () => {
    const home = newHome()
    const app = launch(appDir, { platform: 'win32', home, env: { TOKEN_DESK_HOME: join(home, 'desk') } })
    try {
      const started = await app.until('the main window', (s) => (mainWindow(s)?.httpStatus === 200 ? s : null))
      const id = mainWindow(started)!.id
      await call(app, id, 'startPractice')
      await call(app, id, 'choosePurpose', { purpose: 'manage-pages' })
      const loggedIn = call(app, id, 'login')
      const dialog = await app.until('the consent page', (s) => s.windows.find((w) => w.id !== id && w.pageText.includes('is requesting access')))
      await app.send({ cmd: 'submitForm', windowId: dialog.id, button: { name: 'action', value: 'continue' } })
      const pages = await loggedIn
      if (pages.wizard.step !== 'pages') throw new Error(pages.wizard.step)
      const saved = await call(app, id, 'savePages', { pageIds: pages.wizard.pages.slice(0, 1).map((p) => p.id), saveUserToken: false })
      await call(app, id, 'copyToken', { id: saved.tokens[0]!.id })
      await app.until('the token on the clipboard', (s) => s.clipboard.length > 20)
      await app.send({ cmd: 'endSession' }).catch(() => undefined)
      const end = await app.exited
      expect(end.report?.timeline).not.toContain('before-quit')
      expect(end.report?.clipboard).toBe('')
      expect(end.report?.errors.uncaught).toEqual([])
      expect(end.report?.violations).toEqual([])
    } finally {
      app.kill()
    }
  }, 60_000)
})
