import type { Logger } from '../core/ports'
import { redactText } from '../core/redact'
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
  /** Whether a top-frame navigation (user or redirect) may go ahead. */
  allowNavigation(url: string): boolean
  /** Whether a sub-frame (an iframe of the page) may navigate there; absent: never. */
  allowSubFrame?(url: string): boolean
  /** A window.open request, always denied; the policy may hand a help link to the browser. */
  onWindowOpen(url: string): void
}

/** The app window navigates nowhere: everything it shows comes from its one page. */
export function appWindowPolicy(onWindowOpen: (url: string) => void): WindowPolicy {
  return { kind: 'app', allowNavigation: () => false, onWindowOpen }
}

/**
 * Which frame a navigation event is about. `will-navigate` is the main frame's only;
 * `will-frame-navigate` and `will-redirect` fire for sub-frames too and say which in
 * `isMainFrame` (the event's own field, or the positional one after the URL on `will-redirect`).
 */
function isMainFrameOf(eventName: string, event: PreventableEvent & { isMainFrame?: unknown }, positional: unknown[]): boolean {
  if (eventName === 'will-navigate') return true
  if (typeof event.isMainFrame === 'boolean') return event.isMainFrame
  const legacy = positional[2]
  return typeof legacy === 'boolean' ? legacy : true
}

/**
 * Attaches every guard to one webContents. Called from the single `web-contents-created` hook,
 * so no window, view or popup escapes it. A cancelled navigation is logged (redacted), so a
 * login that stalls on a frame the lists do not know shows which one.
 */
export function hardenWebContents(contents: WebContentsLike, policy: WindowPolicy, isPackaged: boolean, log?: Logger): void {
  const guardFor =
    (eventName: string) =>
    (event: PreventableEvent & { isMainFrame?: unknown }, ...positional: unknown[]): void => {
      const target = typeof event.url === 'string' ? event.url : typeof positional[0] === 'string' ? positional[0] : ''
      const main = isMainFrameOf(eventName, event, positional)
      const allowed = main ? policy.allowNavigation(target) : (policy.allowSubFrame?.(target) ?? false)
      if (allowed) return
      event.preventDefault()
      log?.warn('navigation cancelled', { window: policy.kind, frame: main ? 'main' : 'sub', event: eventName, url: redactText(target.slice(0, 300)) })
    }
  for (const eventName of ['will-navigate', 'will-redirect', 'will-frame-navigate']) contents.on(eventName, guardFor(eventName))
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

export function installHardening(app: AppEventsLike, registry: PolicyRegistry, isPackaged: boolean, log?: Logger): void {
  app.on('web-contents-created', (_event: unknown, contents: WebContentsLike) => {
    hardenWebContents(contents, registry.policyFor(contents), isPackaged, log)
  })
}
