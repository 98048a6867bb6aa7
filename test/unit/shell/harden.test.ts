import { describe, expect, it } from 'vitest'
import { HELP_LINK_HOSTS, isHelpLink, openHelpLink } from '../../../main/shell/external-links'
import {
  appWindowPolicy,
  createPolicyRegistry,
  hardenSession,
  hardenWebContents,
  installHardening,
  type WindowPolicy,
} from '../../../main/shell/harden'
import { isAllowedLoginUrl, FACEBOOK_ONLY } from '../../../main/shell/login-url'
import { isPermissionAllowed } from '../../../main/shell/permissions'
import { readyFakeElectron, fakeEvent, type FakeSession } from '../../fakes/electron'

const loginPolicy: WindowPolicy = {
  kind: 'login',
  allowNavigation: (url) => isAllowedLoginUrl(url, FACEBOOK_ONLY),
  onWindowOpen: () => undefined,
}

function hardened(policy: WindowPolicy, isPackaged = true) {
  const electron = readyFakeElectron()
  const contents = new electron.BrowserWindow({ show: false }).webContents
  hardenWebContents(contents, policy, isPackaged)
  return contents
}

describe('navigation guards (R4)', () => {
  it('the app window navigates nowhere, on every navigation event', () => {
    const contents = hardened(appWindowPolicy(() => undefined))
    for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      for (const url of ['app://token-desk/index.html', 'https://www.facebook.com/', 'https://evil.com/']) {
        const event = fakeEvent({ url })
        contents.emit(name, event, url)
        expect(event.defaultPrevented, `${name} ${url}`).toBe(true)
      }
    }
  })

  it('the login window follows the allowlist on every navigation event', () => {
    const contents = hardened(loginPolicy)
    for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      const allowed = fakeEvent({ url: 'https://www.facebook.com/login.php' })
      contents.emit(name, allowed)
      expect(allowed.defaultPrevented).toBe(false)
      for (const url of ['https://www.facebook.com.evil.com/', 'http://www.facebook.com/', 'javascript:alert(1)', 'data:text/html,x']) {
        const denied = fakeEvent({ url })
        contents.emit(name, denied)
        expect(denied.defaultPrevented, `${name} ${url}`).toBe(true)
      }
    }
  })

  it('uses the positional URL when the event has none (older event shape)', () => {
    const contents = hardened(loginPolicy)
    const event = fakeEvent()
    contents.emit('will-navigate', event, 'https://evil.com/')
    expect(event.defaultPrevented).toBe(true)
    const ok = fakeEvent()
    contents.emit('will-navigate', ok, 'https://m.facebook.com/')
    expect(ok.defaultPrevented).toBe(false)
  })

  it('always prevents webview attachment', () => {
    for (const policy of [appWindowPolicy(() => undefined), loginPolicy]) {
      const event = fakeEvent()
      hardened(policy).emit('will-attach-webview', event, {}, {})
      expect(event.defaultPrevented).toBe(true)
    }
  })

  it('closes devtools in packaged builds only', () => {
    const packaged = hardened(loginPolicy, true)
    packaged.emit('devtools-opened')
    expect(packaged.devToolsClosed).toBe(1)
    const dev = hardened(loginPolicy, false)
    dev.emit('devtools-opened')
    expect(dev.devToolsClosed).toBe(0)
  })
})

describe('window.open (R5)', () => {
  it('is always denied, and the policy sees the URL', () => {
    const seen: string[] = []
    const contents = hardened(appWindowPolicy((url) => seen.push(url)))
    expect(contents.windowOpenHandler?.({ url: 'https://developers.facebook.com/docs' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'https://evil.com/' })).toEqual({ action: 'deny' })
    expect(seen).toEqual(['https://developers.facebook.com/docs', 'https://evil.com/'])
  })

  it('hands only allowlisted https help links to the browser', () => {
    const { shell } = readyFakeElectron()
    expect(openHelpLink(shell, 'https://developers.facebook.com/tools/explorer/')).toBe(true)
    expect(openHelpLink(shell, 'https://business.facebook.com/settings')).toBe(true)
    for (const url of [
      'http://developers.facebook.com/',
      'https://developers.facebook.com.evil.com/',
      'https://developers.facebook.com@evil.com/',
      'https://developers.facebook.com:444/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://evil/share',
      'ms-msdt:/id',
      'https://evil.com/?u=https://developers.facebook.com',
      'garbage',
    ]) {
      expect(openHelpLink(shell, url), url).toBe(false)
      expect(isHelpLink(url)).toBe(false)
    }
    expect(shell.opened).toEqual(['https://developers.facebook.com/tools/explorer/', 'https://business.facebook.com/settings'])
    expect(HELP_LINK_HOSTS.every((host) => !host.includes('*'))).toBe(true)
  })

  it('the app window policy opens help links through the allowlist', () => {
    const { shell } = readyFakeElectron()
    const contents = hardened(appWindowPolicy((url) => void openHelpLink(shell, url)))
    contents.windowOpenHandler?.({ url: 'https://developers.facebook.com/apps' })
    contents.windowOpenHandler?.({ url: 'https://evil.com/' })
    expect(shell.opened).toEqual(['https://developers.facebook.com/apps'])
  })
})

describe('permissions and downloads (R6)', () => {
  const PERMISSIONS = ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']

  function decide(session: FakeSession, permission: string, origin: string) {
    let granted: boolean | null = null
    session.permissionRequestHandler?.(null, permission, (g: boolean) => (granted = g), { requestingUrl: origin })
    const checked = session.permissionCheckHandler?.(null, permission, origin, {}) as boolean
    return { granted, checked }
  }

  it('the app session grants only notifications, only to app://', () => {
    const session = readyFakeElectron().session.defaultSession
    hardenSession(session, 'app')
    for (const permission of PERMISSIONS) {
      for (const origin of ['app://token-desk', 'app://token-desk/index.html', 'https://www.facebook.com', 'app://evil']) {
        const expected = permission === 'notifications' && origin.startsWith('app://token-desk')
        expect(decide(session, permission, origin), `${permission} ${origin}`).toEqual({ granted: expected, checked: expected })
      }
    }
  })

  it('a login session grants nothing', () => {
    const session = readyFakeElectron().session.fromPartition('fb-login-x')
    hardenSession(session, 'login')
    for (const permission of PERMISSIONS) {
      for (const origin of ['https://www.facebook.com', 'app://token-desk']) {
        expect(decide(session, permission, origin)).toEqual({ granted: false, checked: false })
      }
    }
  })

  it('cancels every download', () => {
    for (const kind of ['app', 'login'] as const) {
      const session = readyFakeElectron().session.defaultSession
      hardenSession(session, kind)
      const event = fakeEvent()
      let cancelled = 0
      session.emit('will-download', event, { cancel: () => cancelled++ })
      expect(event.defaultPrevented).toBe(true)
      expect(cancelled).toBe(1)
    }
  })

  it('the decision is a pure table', () => {
    expect(isPermissionAllowed('app', 'notifications', undefined)).toBe(false)
    expect(isPermissionAllowed('login', 'notifications', 'app://token-desk')).toBe(false)
  })
})

describe('the one web-contents-created hook (R4)', () => {
  it('hardens every new webContents with the policy of its session', () => {
    const electron = readyFakeElectron()
    const seen: string[] = []
    const registry = createPolicyRegistry(appWindowPolicy(() => seen.push('app')))
    installHardening(electron.app, registry, true)
    const loginSession = electron.session.fromPartition('fb-login-1')
    registry.register(loginSession, { ...loginPolicy, onWindowOpen: () => seen.push('login') })

    const appWindow = new electron.BrowserWindow({ webPreferences: {} })
    const loginWindow = new electron.BrowserWindow({ webPreferences: { partition: 'fb-login-1' } })
    const toFacebook = () => fakeEvent({ url: 'https://www.facebook.com/' })
    const a = toFacebook()
    appWindow.webContents.emit('will-navigate', a)
    const l = toFacebook()
    loginWindow.webContents.emit('will-navigate', l)
    expect(a.defaultPrevented).toBe(true)
    expect(l.defaultPrevented).toBe(false)
    appWindow.webContents.windowOpenHandler?.({ url: 'x' })
    loginWindow.webContents.windowOpenHandler?.({ url: 'x' })
    expect(seen).toEqual(['app', 'login'])

    registry.forget(loginSession)
    const later = new electron.BrowserWindow({ webPreferences: { partition: 'fb-login-1' } })
    const after = toFacebook()
    later.webContents.emit('will-navigate', after)
    expect(after.defaultPrevented).toBe(true)
  })
})
