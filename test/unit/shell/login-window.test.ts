import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { silentLogger } from '../../../main/core/log'
import { systemTimers, type LoginOutcome } from '../../../main/core/ports'
import { createPolicyRegistry, appWindowPolicy, installHardening } from '../../../main/shell/harden'
import { dialogPageMessage } from '../../../main/core/doctor'
import { createLoginWindow } from '../../../main/shell/login-window'
import { readyFakeElectron, fakeEvent, type FakeBrowserWindowBase } from '../../fakes/electron'

const REDIRECT = 'https://www.facebook.com/connect/login_success.html'
const DIALOG = 'https://www.facebook.com/v21.0/dialog/oauth?client_id=1&redirect_uri=x'
const TEN_MINUTES = 10 * 60_000

/** webContents.findInPage as Electron answers it: a request id now, a found-in-page event after. */
interface FakeFindContents {
  pageText: string
  searched: string[]
  stopped: number
  emit(event: string, ...args: unknown[]): boolean
}

function addFindInPage(contents: FakeBrowserWindowBase['webContents']): void {
  const target = contents as unknown as FakeFindContents & Record<string, unknown>
  let next = 1
  target.pageText = ''
  target.searched = []
  target.stopped = 0
  target.findInPage = (text: string) => {
    const requestId = next++
    target.searched.push(text)
    const matches = target.pageText.toLowerCase().split(text.toLowerCase()).length - 1
    queueMicrotask(() => target.emit('found-in-page', fakeEvent(), { requestId, matches, finalUpdate: true }))
    return requestId
  }
  target.stopFindInPage = () => void (target.stopped += 1)
}

function setup(isPackaged = true) {
  const electron = readyFakeElectron()
  const registry = createPolicyRegistry(appWindowPolicy(() => undefined))
  installHardening(electron.app, registry, isPackaged)
  let n = 0
  const login = createLoginWindow({
    BrowserWindow: electron.BrowserWindow,
    fromPartition: (p) => electron.session.fromPartition(p),
    registry,
    shell: electron.shell,
    isPackaged,
    timers: systemTimers,
    log: silentLogger,
    newId: () => `attempt-${++n}`,
  })
  const lastWindow = (): FakeBrowserWindowBase => {
    const win = electron.BrowserWindow.instances.at(-1)
    if (!win) throw new Error('no window was opened')
    if (!('findInPage' in win.webContents)) addFindInPage(win.webContents)
    return win
  }
  return { electron, login, lastWindow }
}

async function settle(promise: Promise<LoginOutcome>): Promise<LoginOutcome> {
  await vi.advanceTimersByTimeAsync(0)
  return promise
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function expectCleanedUp(win: FakeBrowserWindowBase) {
  expect(win.destroyed).toBe(true)
  expect(win.webContents.session.cleared).toEqual(['storage', 'cache'])
}

describe('the login window (R2, R26)', () => {
  it('opens a hardened window with its own in-memory partition and no preload', async () => {
    const { login, lastWindow, electron } = setup(true)
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const win = lastWindow()
    const prefs = win.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false })
    expect(prefs).not.toHaveProperty('preload')
    expect(prefs.partition).toBe('fb-login-attempt-1')
    expect(String(prefs.partition)).not.toMatch(/^persist:/)
    expect(win.loaded).toEqual([DIALOG])
    expect(win.webContents.session).toBe(electron.session.fromPartition('fb-login-attempt-1'))
    expect(win.webContents.session.beforeRequest?.filter).toEqual({ urls: [`${REDIRECT}*`] })
    win.userClose()
    await settle(pending)
  })

  it('uses a different partition for every attempt', async () => {
    const { login, electron } = setup()
    const first = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const second = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    await vi.advanceTimersByTimeAsync(0)
    const [a, b] = electron.BrowserWindow.instances
    expect(a?.options.webPreferences?.partition).not.toBe(b?.options.webPreferences?.partition)
    // The second request ends the first one, cleaned up.
    expect(await first).toEqual({ kind: 'cancelled' })
    expectCleanedUp(a!)
    b!.userClose()
    expect(await settle(second)).toEqual({ kind: 'cancelled' })
  })

  it('catches the code redirect in webRequest, cancels it, and cleans up', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const win = lastWindow()
    const session = win.webContents.session
    expect(await session.request('https://www.facebook.com/connect/login_success.htmlx')).toEqual({})
    const url = `${REDIRECT}?code=AQxyz&state=abc`
    expect(await session.request(url)).toEqual({ cancel: true })
    expect(await settle(pending)).toEqual({ kind: 'redirect', url })
    expectCleanedUp(win)
  })

  it('catches a fragment token in will-redirect and prevents the navigation', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const win = lastWindow()
    const other = fakeEvent({ url: 'https://www.facebook.com/checkpoint/' })
    win.webContents.emit('will-redirect', other)
    expect(other.defaultPrevented).toBe(false)
    const url = `${REDIRECT}#access_token=EAAtoken&expires_in=5183999`
    const event = fakeEvent({ url })
    win.webContents.emit('will-redirect', event)
    expect(event.defaultPrevented).toBe(true)
    expect(await settle(pending)).toEqual({ kind: 'redirect', url })
    expectCleanedUp(win)
  })

  it('catches the redirect in will-navigate too, and settles only once', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const win = lastWindow()
    const url = `${REDIRECT}?error=access_denied&state=s#_=_`
    const event = fakeEvent({ url })
    win.webContents.emit('will-navigate', event)
    expect(event.defaultPrevented).toBe(true)
    win.webContents.emit('will-redirect', fakeEvent({ url: `${REDIRECT}?code=later` }))
    expect(await settle(pending)).toEqual({ kind: 'redirect', url })
    expect(win.webContents.session.cleared).toEqual(['storage', 'cache'])
  })

  it('a user closing the window is a cancel, cleaned up', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const win = lastWindow()
    win.userClose()
    expect(await settle(pending)).toEqual({ kind: 'cancelled' })
    expectCleanedUp(win)
  })

  it('times out after the given time (10 minutes), cleaned up', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const win = lastWindow()
    await vi.advanceTimersByTimeAsync(TEN_MINUTES - 1)
    expect(win.destroyed).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await pending).toEqual({ kind: 'timeout' })
    expectCleanedUp(win)
  })

  it('clearSession ends an open attempt and clears it', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    await login.clearSession()
    expect(await pending).toEqual({ kind: 'cancelled' })
    expectCleanedUp(lastWindow())
  })

  it("reports Facebook's embedded-browser refusal as blocked", async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const win = lastWindow()
    win.webContents.emit('page-title-updated', fakeEvent(), 'Log in to Facebook')
    expect(win.destroyed).toBe(false)
    win.webContents.emit('page-title-updated', fakeEvent(), 'Logging into Facebook from an embedded browser is disabled')
    expect(await settle(pending)).toEqual({ kind: 'blocked', message: dialogPageMessage('embedded-browser'), page: 'embedded-browser' })
    expectCleanedUp(win)
  })

  it('names a refusal page from its title, with the core’s explanation', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    lastWindow().webContents.emit('page-title-updated', fakeEvent(), 'Insecure Login Blocked')
    expect(await settle(pending)).toEqual({ kind: 'blocked', message: dialogPageMessage('insecure-login'), page: 'insecure-login' })
  })

  it('finds "URL Blocked" on the page with find-in-page, never with injected script', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const contents = lastWindow().webContents as unknown as FakeFindContents
    // Facebook's page (graph-api-doctor.md §1.6) as the browser renders it; its title says only "Facebook".
    contents.pageText = "URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings."
    contents.emit('page-title-updated', fakeEvent(), 'Facebook')
    expect(lastWindow().destroyed).toBe(false)
    contents.emit('did-finish-load', fakeEvent())
    expect(await settle(pending)).toEqual({ kind: 'blocked', message: dialogPageMessage('url-blocked'), page: 'url-blocked' })
    expect(contents.searched.length).toBeGreaterThan(0)
    expect(contents.stopped).toBe(1)
    expect(contents).not.toHaveProperty('executed')
    expectCleanedUp(lastWindow())
  })

  it('leaves an ordinary page alone: the consent page has no refusal phrase', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const contents = lastWindow().webContents as unknown as FakeFindContents
    contents.pageText = 'Token Desk Practice is requesting access. Continue as Pat Practice.'
    contents.emit('did-finish-load', fakeEvent())
    await vi.advanceTimersByTimeAsync(0)
    expect(lastWindow().destroyed).toBe(false)
    lastWindow().userClose()
    expect(await settle(pending)).toEqual({ kind: 'cancelled' })
  })

  it('a failed main-frame load is blocked; our own aborts and sub-frames are not', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const win = lastWindow()
    win.webContents.emit('did-fail-load', fakeEvent(), -3, 'ERR_ABORTED', REDIRECT, true)
    win.webContents.emit('did-fail-load', fakeEvent(), -105, 'ERR_NAME_NOT_RESOLVED', 'https://x/', false)
    expect(win.destroyed).toBe(false)
    win.webContents.emit('did-fail-load', fakeEvent(), -106, 'ERR_INTERNET_DISCONNECTED', DIALOG, true)
    const outcome = await settle(pending)
    expect(outcome.kind).toBe('blocked')
    expectCleanedUp(win)
  })

  it('denies every permission in the login session', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const session = lastWindow().webContents.session
    let granted: boolean | null = null
    session.permissionRequestHandler?.(null, 'notifications', (g: boolean) => (granted = g), {
      requestingUrl: 'https://www.facebook.com/',
    })
    expect(granted).toBe(false)
    expect(session.permissionCheckHandler?.(null, 'media', 'https://www.facebook.com', {})).toBe(false)
    lastWindow().userClose()
    await settle(pending)
  })

  it('navigation inside the login window follows the Facebook allowlist', async () => {
    const { login, lastWindow } = setup()
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: TEN_MINUTES })
    const contents = lastWindow().webContents
    const away = fakeEvent({ url: 'https://example.com/' })
    contents.emit('will-navigate', away)
    expect(away.defaultPrevented).toBe(true)
    const stay = fakeEvent({ url: 'https://m.facebook.com/login' })
    contents.emit('will-navigate', stay)
    expect(stay.defaultPrevented).toBe(false)
    lastWindow().userClose()
    await settle(pending)
  })

  it('refuses a dialog that is not on Facebook, without opening a window', async () => {
    const { login, electron } = setup()
    const outcome = await login.open({ url: 'https://evil.com/dialog/oauth', redirectUri: REDIRECT, timeoutMs: 1000 })
    expect(outcome.kind).toBe('blocked')
    expect(electron.BrowserWindow.instances).toHaveLength(0)
  })

  it('works against the practice sandbox on loopback', async () => {
    const { login, lastWindow } = setup()
    const redirect = 'http://127.0.0.1:41234/connect/login_success.html'
    const pending = login.open({ url: 'http://127.0.0.1:41234/v21.0/dialog/oauth?x=1', redirectUri: redirect, timeoutMs: 1000 })
    const win = lastWindow()
    expect(await win.webContents.session.request(`${redirect}?code=c&state=s`)).toEqual({ cancel: true })
    expect(await settle(pending)).toEqual({ kind: 'redirect', url: `${redirect}?code=c&state=s` })
  })

  it('keeps devtools available in an unpackaged build', async () => {
    const { login, lastWindow } = setup(false)
    const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: 1000 })
    expect(lastWindow().options.webPreferences).toMatchObject({ devTools: true })
    lastWindow().userClose()
    await settle(pending)
  })
})
