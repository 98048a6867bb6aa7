import { randomUUID } from 'node:crypto'
import type { LoginOutcome, LoginWindow, Logger, Timers } from '../core/ports'
import { redactText } from '../core/redact'
import type { PolicyRegistry, PreventableEvent, SessionLike, WindowPolicy } from './harden'
import { hardenSession } from './harden'
import { dialogPageMessage } from '../core/doctor/dialog-pages'
import { watchDialog, type WatchedContents } from './dialog-watch'
import { isAllowedLoginFrameUrl, isAllowedLoginUrl, isRedirectTarget, policyForDialog, redirectFilterPattern } from './login-url'
import { openHelpLink, type ShellLike } from './external-links'

import type { Listener } from './listener'

export interface LoginSessionLike extends SessionLike {
  webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void,
    ): void
  }
  clearStorageData(): Promise<void>
  clearCache(): Promise<void>
}

export interface LoginBrowserWindowLike {
  on(event: string, listener: Listener): unknown
  loadURL(url: string): Promise<void>
  destroy(): void
  isDestroyed(): boolean
  readonly webContents: WatchedContents
}

export type LoginWindowOptions = {
  title: string
  width: number
  height: number
  show: boolean
  autoHideMenuBar: boolean
  webPreferences: {
    partition: string
    contextIsolation: true
    sandbox: true
    nodeIntegration: false
    webSecurity: true
    devTools: boolean
    spellcheck: false
    disableBlinkFeatures: string
  }
}

export interface LoginWindowDeps {
  BrowserWindow: new (options: LoginWindowOptions) => LoginBrowserWindowLike
  fromPartition(partition: string, options: { cache: boolean }): LoginSessionLike
  registry: PolicyRegistry
  shell: ShellLike
  isPackaged: boolean
  timers: Timers
  log: Logger
  newId?: () => string
}

/** The Electron `LoginWindow`: one hardened window and one in-memory session per attempt. */
export function createLoginWindow(deps: LoginWindowDeps): LoginWindow {
  const newId = deps.newId ?? randomUUID
  const live = new Set<() => Promise<void>>()

  const open: LoginWindow['open'] = (request) => {
    // One attempt at a time: a second request ends the first as cancelled (its window goes at once).
    for (const cancel of [...live]) void cancel()

    const urlPolicy = policyForDialog(request.url)
    if (!isAllowedLoginUrl(request.url, urlPolicy)) {
      return Promise.resolve({ kind: 'blocked', message: 'The login address is not a Facebook login page.' })
    }
    const filter = redirectFilterPattern(request.redirectUri)
    if (!filter) return Promise.resolve({ kind: 'blocked', message: 'The redirect address is not valid.' })

    // No `persist:` prefix: the session lives in memory only, and is new for every attempt.
    const partition = `fb-login-${newId()}`
    const session = deps.fromPartition(partition, { cache: false })
    const policy: WindowPolicy = {
      kind: 'login',
      allowNavigation: (url) => isAllowedLoginUrl(url, urlPolicy),
      allowSubFrame: (url) => isAllowedLoginFrameUrl(url, urlPolicy),
      onWindowOpen: (url) => void openHelpLink(deps.shell, url),
    }
    hardenSession(session, 'login')
    deps.registry.register(session, policy)

    return new Promise<LoginOutcome>((resolve) => {
      let settled = false
      let win: LoginBrowserWindowLike | null = null

      const finish = async (outcome: LoginOutcome): Promise<void> => {
        if (settled) return
        settled = true
        deps.timers.clearTimeout(timer)
        live.delete(cancel)
        if (win && !win.isDestroyed()) win.destroy()
        try {
          await session.clearStorageData()
          await session.clearCache()
        } catch (error) {
          deps.log.warn('login session cleanup failed', { error })
        }
        deps.registry.forget(session)
        deps.log.info('login window closed', { outcome: outcome.kind })
        resolve(outcome)
      }
      const cancel = (): Promise<void> => finish({ kind: 'cancelled' })
      live.add(cancel)
      const timer = deps.timers.setTimeout(() => void finish({ kind: 'timeout' }), request.timeoutMs)

      const caught = (url: string): boolean => {
        if (!isRedirectTarget(url, request.redirectUri)) return false
        void finish({ kind: 'redirect', url })
        return true
      }

      // The code arrives in the query: cancel the request so login_success.html never loads.
      session.webRequest.onBeforeRequest({ urls: [filter] }, (details, callback) => {
        callback(caught(details.url) ? { cancel: true } : {})
      })

      // A plain `BrowserWindow` identifier, so Electronegativity's window checks match this call.
      const { BrowserWindow } = deps
      win = new BrowserWindow({
        title: 'Log in with Facebook',
        width: 520,
        height: 720,
        show: true,
        autoHideMenuBar: true,
        webPreferences: {
          partition,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          devTools: !deps.isPackaged,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
        },
      })

      // A token in the fragment is only visible to navigation events, never to webRequest.
      const onNavigation = (event: PreventableEvent, url?: string): void => {
        const target = typeof event.url === 'string' ? event.url : (url ?? '')
        if (caught(target)) event.preventDefault()
      }
      win.webContents.on('will-redirect', onNavigation)
      win.webContents.on('will-navigate', onNavigation)
      // Facebook's refusal pages (URL Blocked, App Not Setup, the embedded-browser block...): the
      // core names them from what the window sees, and the user gets its explanation, not Facebook's page.
      watchDialog(win.webContents, deps.timers, (page) => void finish({ kind: 'blocked', message: dialogPageMessage(page), page }))
      win.webContents.on(
        'did-fail-load',
        (_event: unknown, errorCode: number, errorDescription: string, _url: string, isMainFrame: boolean) => {
          // -3 (ERR_ABORTED) is our own cancel of the redirect, or a navigation we prevented.
          if (!isMainFrame || errorCode === -3) return
          void finish({ kind: 'blocked', message: `The Facebook login page could not be loaded (${redactText(errorDescription)}).` })
        },
      )
      win.on('closed', () => void finish({ kind: 'cancelled' }))

      win.loadURL(request.url).catch((error: unknown) => {
        // loadURL also rejects when we cancel the redirect; only an early failure matters.
        if (!settled) deps.log.warn('login page load failed', { error })
      })
    })
  }

  return {
    open,
    clearSession: async () => {
      await Promise.all([...live].map((cancel) => cancel()))
    },
  }
}
