import { isPermissionAllowed, type SessionKind } from './permissions'

// Narrow slices of Electron's objects: the real ones satisfy them, and so do the test fakes.
import type { Listener } from './listener'

export interface PreventableEvent {
  preventDefault(): void
  url?: string
}

export interface WebContentsLike {
  on(event: string, listener: Listener): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  closeDevTools(): void
  readonly session: unknown
}

export interface DownloadItemLike {
  cancel(): void
}

export interface SessionLike {
  on(event: string, listener: Listener): unknown
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void
}

export interface AppEventsLike {
  on(event: string, listener: Listener): unknown
}

export interface WindowPolicy {
  kind: SessionKind
  /** Whether a navigation (top frame or sub-frame, user or redirect) may go ahead. */
  allowNavigation(url: string): boolean
  /** A window.open request, always denied; the policy may hand a help link to the browser. */
  onWindowOpen(url: string): void
}

/** The app window navigates nowhere: everything it shows comes from its one page. */
export function appWindowPolicy(onWindowOpen: (url: string) => void): WindowPolicy {
  return { kind: 'app', allowNavigation: () => false, onWindowOpen }
}

/**
 * Attaches every guard to one webContents. Called from the single `web-contents-created` hook,
 * so no window, view or popup escapes it.
 */
export function hardenWebContents(contents: WebContentsLike, policy: WindowPolicy, isPackaged: boolean): void {
  const guard = (event: PreventableEvent, url?: string): void => {
    const target = typeof event.url === 'string' ? event.url : (url ?? '')
    if (!policy.allowNavigation(target)) event.preventDefault()
  }
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.on('will-frame-navigate', guard)
  contents.on('will-attach-webview', (event: PreventableEvent) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    policy.onWindowOpen(url)
    return { action: 'deny' }
  })
  if (isPackaged) contents.on('devtools-opened', () => contents.closeDevTools())
}

/** Permission request and check handlers (both: Electron's check path skips the request one). */
export function hardenSession(session: SessionLike, kind: SessionKind): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(kind, permission, details?.requestingUrl))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(kind, permission, requestingOrigin),
  )
  session.on('will-download', (event: PreventableEvent, item: DownloadItemLike) => {
    event.preventDefault()
    item.cancel()
  })
}

/** Which policy a webContents gets, by its session: login sessions are registered per attempt. */
export interface PolicyRegistry {
  register(session: unknown, policy: WindowPolicy): void
  forget(session: unknown): void
  policyFor(contents: WebContentsLike): WindowPolicy
}

export function createPolicyRegistry(fallback: WindowPolicy): PolicyRegistry {
  const bySession = new WeakMap<object, WindowPolicy>()
  return {
    register: (session, policy) => {
      if (typeof session === 'object' && session !== null) bySession.set(session, policy)
    },
    forget: (session) => {
      if (typeof session === 'object' && session !== null) bySession.delete(session)
    },
    policyFor: (contents) => {
      const session = contents.session
      return (typeof session === 'object' && session !== null && bySession.get(session)) || fallback
    },
  }
}

export function installHardening(app: AppEventsLike, registry: PolicyRegistry, isPackaged: boolean): void {
  app.on('web-contents-created', (_event: unknown, contents: WebContentsLike) => {
    hardenWebContents(contents, registry.policyFor(contents), isPackaged)
  })
}
