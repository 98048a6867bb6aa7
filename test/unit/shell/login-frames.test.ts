/**
 * Fault 7 of issue 18: `will-frame-navigate` fires for sub-frames too, so a checkpoint or
 * captcha frame on another Meta host must not be cancelled by the main frame's exact host list;
 * the main frame keeps that list, and every cancelled URL is logged, redacted.
 */
import { describe, expect, it } from 'vitest'
import { createLogger, memorySink } from '../../../main/core/log'
import { systemTimers } from '../../../main/core/ports'
import { appWindowPolicy, createPolicyRegistry, installHardening } from '../../../main/shell/harden'
import { createLoginWindow } from '../../../main/shell/login-window'
import { isAllowedLoginFrameUrl, FACEBOOK_ONLY } from '../../../main/shell/login-url'
import { readyFakeElectron, fakeEvent } from '../../fakes/electron'

const REDIRECT = 'https://www.facebook.com/connect/login_success.html'
const DIALOG = 'https://www.facebook.com/v21.0/dialog/oauth?client_id=1&redirect_uri=x'

function openLogin() {
  const electron = readyFakeElectron()
  const sink = memorySink()
  const log = createLogger(sink, 'debug')
  const registry = createPolicyRegistry(appWindowPolicy(() => undefined))
  installHardening(electron.app, registry, true, log)
  const login = createLoginWindow({ BrowserWindow: electron.BrowserWindow, fromPartition: (p) => electron.session.fromPartition(p), registry, shell: electron.shell, isPackaged: true, timers: systemTimers, log })
  const pending = login.open({ url: DIALOG, redirectUri: REDIRECT, timeoutMs: 600_000 })
  const win = electron.BrowserWindow.instances.at(-1)!
  return { electron, win, records: sink.records, close: async () => (win.userClose(), await pending) }
}

describe('frames inside the login window (issue 18, fault 7)', () => {
  it('lets a checkpoint or captcha frame on a Meta host load, and cancels any other frame', async () => {
    const { win, close } = openLogin()
    for (const url of ['https://www.fbsbx.com/captcha/recaptcha/iframe/?referer=x', 'https://static.xx.fbcdn.net/rsrc.php/x', 'https://www.facebook.com/checkpoint/frame', 'https://accountscenter.meta.com/x', 'about:blank']) {
      expect(win.webContents.subFrameNavigates(url), url).toBe(true)
    }
    for (const url of ['https://evil.com/', 'http://www.fbsbx.com/', 'https://fbsbx.com.evil.com/', 'https://www.fbsbx.com:444/', 'javascript:alert(1)']) {
      expect(win.webContents.subFrameNavigates(url), url).toBe(false)
    }
    await close()
  })

  it('keeps the exact host list for the page itself: a Meta host that is not a login host is cancelled in the main frame', async () => {
    const { win, close } = openLogin()
    for (const name of ['will-frame-navigate', 'will-navigate', 'will-redirect'] as const) {
      const event = fakeEvent({ url: 'https://www.fbsbx.com/captcha/', isMainFrame: true })
      win.webContents.emit(name, event, 'https://www.fbsbx.com/captcha/', false, true)
      expect(event.defaultPrevented, name).toBe(true)
    }
    // A sub-frame's server redirect says so in isMainFrame (the positional one on the older shape).
    const redirect = fakeEvent({ url: 'https://www.fbsbx.com/captcha/' })
    win.webContents.emit('will-redirect', redirect, 'https://www.fbsbx.com/captcha/', false, false)
    expect(redirect.defaultPrevented).toBe(false)
    await close()
  })

  it('logs every cancelled URL, redacted', async () => {
    const { win, records, close } = openLogin()
    win.webContents.subFrameNavigates('https://tracker.example/?access_token=EAAsecretsecretsecretsecret123&code=AQsecret')
    const line = records.find((r) => r.message === 'navigation cancelled')
    expect(line?.fields).toMatchObject({ window: 'login', frame: 'sub', event: 'will-frame-navigate' })
    expect(JSON.stringify(line)).toContain('tracker.example')
    expect(JSON.stringify(records)).not.toContain('EAAsecretsecretsecretsecret123')
    expect(JSON.stringify(records)).not.toContain('AQsecret')
    await close()
  })

  it('the frame list is a parsed-URL domain match, like the main frame list', () => {
    expect(isAllowedLoginFrameUrl('https://user:pw@www.fbsbx.com/', FACEBOOK_ONLY)).toBe(false)
    expect(isAllowedLoginFrameUrl('https://facebook.com.evil/', FACEBOOK_ONLY)).toBe(false)
    expect(isAllowedLoginFrameUrl('http://127.0.0.1:4000/x', { loopbackOrigins: ['http://127.0.0.1:4000'] })).toBe(true)
    expect(isAllowedLoginFrameUrl('http://127.0.0.1:4001/x', { loopbackOrigins: ['http://127.0.0.1:4000'] })).toBe(false)
  })
})
