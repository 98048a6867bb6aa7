/**
 * Sessions, webContents and BrowserWindows of the stand-in. A window really loads what it is
 * given: `app://` through the session's protocol handler, loopback http(s) over the network
 * (the practice sandbox), with Electron's navigation events in Electron's order; a page on any
 * other host waits until the test answers for it (rule fetch.offline). See rules.ts for what
 * each rule is and where it comes from.
 */
import { FakeEmitter, fakeEvent, type AnyListener } from './emitter'
import { exchange, fetchWithSession, isLoopbackHost, isRedirect, methodAfterRedirect, NET_ERROR_CODES, ChromiumNetError, FakeClientRequest, type ClientRequestOptions, type Exchange } from './net'
import type { RuleBook } from './rules'

/** What sessions, webContents and windows need from the stand-in that made them. */
export interface WebRuntime {
  rules: RuleBook
  platform: NodeJS.Platform
  isReady(): boolean
  online(): boolean
  windowCreated(win: FakeBrowserWindowBase): void
  windowDestroyed(win: FakeBrowserWindowBase): void
  webContentsCreated(contents: FakeWebContents): void
  sessionFor(partition: string | undefined): FakeSession
  /** A page on a host outside loopback: the test answers it (or never does). */
  remoteLoad(url: string): Promise<Exchange>
  record(entry: string): void
}

export type RequestHandler = (request: Request) => Response | Promise<Response>

/** A Chromium URL pattern ("https://host/path*"): `*` matches anything. */
export function matchesUrlPattern(pattern: string, url: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
  return regex.test(url)
}

export class FakeSession extends FakeEmitter {
  permissionRequestHandler: AnyListener | null = null
  permissionCheckHandler: AnyListener | null = null
  beforeRequest: { filter: { urls: string[] }; listener: AnyListener } | null = null
  cleared: string[] = []
  /** What went through `ses.fetch`, as it was asked. */
  fetched: { url: string; init: Record<string, unknown> }[] = []
  /** What `resolveProxy` answers, as Chromium would: "DIRECT" or "PROXY host:port". */
  proxyAnswer = 'DIRECT'
  /** Set to make every request fail as Chromium fails, with this net error. */
  failWith: string | null = null
  spellcheckerWords: string[] = []
  readonly protocolHandlers = new Map<string, RequestHandler>()
  constructor(
    readonly partition: string,
    private readonly runtime: WebRuntime,
  ) {
    super()
  }
  readonly webRequest = {
    onBeforeRequest: (filterOrListener: { urls: string[] } | AnyListener | null, maybeListener?: AnyListener | null) => {
      // Rule webRequest.last: Electron keeps only the last listener per session.
      const listener = typeof filterOrListener === 'function' ? filterOrListener : maybeListener
      const filter = typeof filterOrListener === 'function' || filterOrListener === null ? { urls: ['*'] } : filterOrListener
      this.beforeRequest = listener ? { filter, listener } : null
    },
  }
  /** This session's `protocol` (protocol.handle on the module is the default session's). */
  readonly protocol = {
    handle: (scheme: string, handler: RequestHandler): void => {
      if (this.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`)
      this.protocolHandlers.set(scheme, handler)
    },
    unhandle: (scheme: string): void => void this.protocolHandlers.delete(scheme),
    isProtocolHandled: (scheme: string): boolean => this.protocolHandlers.has(scheme),
  }
  setPermissionRequestHandler(handler: AnyListener | null): void {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: AnyListener | null): void {
    this.permissionCheckHandler = handler
  }
  clearStorageData(): Promise<void> {
    this.cleared.push('storage')
    return Promise.resolve()
  }
  clearCache(): Promise<void> {
    this.cleared.push('cache')
    return Promise.resolve()
  }
  addWordToSpellCheckerDictionary(word: string): boolean {
    this.spellcheckerWords.push(word)
    return true
  }
  /** net.request({ session: this }). */
  netRequest(options: ClientRequestOptions): FakeClientRequest {
    return new FakeClientRequest({ ...options, session: this }, this.conditions())
  }
  fetch(input: string | Request, init: Record<string, unknown> = {}): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url
    this.fetched.push({ url, init })
    return fetchWithSession(input, init, (options) => this.netRequest(options))
  }
  resolveProxy(_url: string): Promise<string> {
    return Promise.resolve(this.proxyAnswer)
  }
  /** Fires the webRequest listener for a URL and returns what it answered ({} when none matches). */
  beforeRequestAnswer(url: string, method = 'GET'): Promise<{ cancel?: boolean; redirectURL?: string }> {
    const hook = this.beforeRequest
    if (!hook || !hook.filter.urls.some((p) => matchesUrlPattern(p, url))) return Promise.resolve({})
    return new Promise((resolve) => hook.listener({ url, method, resourceType: 'mainFrame' }, resolve))
  }
  /** A test's shorthand: what the webRequest listener answers for a GET of `url`. */
  request(url: string): Promise<{ cancel?: boolean }> {
    return this.beforeRequestAnswer(url)
  }
  conditions() {
    return { failWith: this.failWith, online: () => this.runtime.online() }
  }
}

export interface FrameLike {
  url: string
  parent: FrameLike | null
  name: string
  routingId: number
  processId: number
}

/** Destroyed objects: every method but these throws (rule destroyed). */
const ALWAYS_CALLABLE = new Set(['isDestroyed', 'on', 'once', 'off', 'addListener', 'removeListener', 'prependListener', 'removeAllListeners', 'emit', 'listenerCount'])

function guardDestroyed<T extends { isDestroyed(): boolean }>(target: T, rules: RuleBook): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver) as unknown
      if (typeof value !== 'function' || typeof key !== 'string' || ALWAYS_CALLABLE.has(key) || !(key in Object.getPrototypeOf(obj))) return value
      return function (this: unknown, ...args: unknown[]) {
        if (obj.isDestroyed()) throw rules.refuse('destroyed', 'Object has been destroyed', 'TypeError')
        return (value as (...a: unknown[]) => unknown).apply(obj, args)
      }
    },
  })
}

const titleOf = (html: string): string => /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim() ?? ''
const textOf = (html: string): string =>
  html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, c: string) => String.fromCharCode(Number(c)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()

class NavigationFailure extends Error {
  constructor(
    readonly code: string,
    readonly url: string,
  ) {
    super(`${code} (${NET_ERROR_CODES[code] ?? -2}) loading '${url}'`)
  }
}

export class FakeWebContents extends FakeEmitter {
  static nextId = 1
  readonly id = FakeWebContents.nextId++
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  sent: { channel: string; args: unknown[] }[] = []
  devToolsClosed = 0
  destroyed = false
  /** The visible text of the page shown (what find-in-page searches). */
  pageText = ''
  /** The HTML of the page shown, and the HTTP status it came with (0: nothing loaded). */
  html = ''
  httpStatus = 0
  searched: string[] = []
  stopped = 0
  replaced: string[] = []
  private url = ''
  private title = ''
  private navigation = 0
  private nextFind = 1
  readonly mainFrame: FrameLike
  constructor(
    readonly session: FakeSession,
    readonly runtime: WebRuntime,
  ) {
    super()
    const currentUrl = (): string => this.url
    this.mainFrame = {
      get url() {
        return currentUrl()
      },
      parent: null,
      name: '',
      routingId: 1,
      processId: 1000 + this.id,
    }
  }
  /** The same object, with every method refusing once destroyed. */
  guarded(): this {
    return guardDestroyed(this, this.runtime.rules)
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, ...args: unknown[]): void {
    // IPC crosses by structured clone (rule ipc.clone).
    let cloned: unknown[]
    try {
      cloned = structuredClone(args)
    } catch {
      throw this.runtime.rules.refuse('ipc.clone', 'An object could not be cloned.')
    }
    this.sent.push({ channel, args: cloned })
  }
  closeDevTools(): void {
    this.devToolsClosed++
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  getURL(): string {
    return this.url
  }
  getTitle(): string {
    return this.title
  }
  isLoading(): boolean {
    return this.navigation > 0 && this.loading
  }
  private loading = false
  /** webContents.findInPage: a request id now, one `found-in-page` after. */
  findInPage(text: string, _options?: { matchCase?: boolean; findNext?: boolean }): number {
    const requestId = this.nextFind++
    this.searched.push(text)
    const matches = this.pageText.toLowerCase().split(text.toLowerCase()).length - 1
    queueMicrotask(() => {
      if (!this.destroyed) this.emit('found-in-page', fakeEvent(), { requestId, matches, activeMatchOrdinal: matches > 0 ? 1 : 0, finalUpdate: true })
    })
    return requestId
  }
  stopFindInPage(_action: string): void {
    this.stopped++
  }
  replaceMisspelling(word: string): void {
    this.replaced.push(word)
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.navigation++
    this.emit('destroyed')
  }

  /** Programmatic load (webContents.loadURL): no will-navigate (docs/api/web-contents.md). */
  loadURL(url: string): Promise<void> {
    return this.navigate(url, { method: 'GET', body: null, userInitiated: false })
  }

  /**
   * One main-frame navigation in Chromium's order: (will-frame-navigate, will-navigate when the
   * page started it), did-start-loading, did-start-navigation, per server redirect
   * will-redirect (preventing it stops the navigation: ERR_ABORTED) and did-redirect-navigation,
   * the session's webRequest.onBeforeRequest before every request (cancel: ERR_BLOCKED_BY_CLIENT),
   * then did-navigate, page-title-updated, dom-ready, did-finish-load, did-stop-loading; or
   * did-fail-load and did-stop-loading.
   */
  async navigate(target: string, init: { method: string; body: Buffer | null; userInitiated: boolean; contentType?: string }): Promise<void> {
    const id = ++this.navigation
    const current = (): boolean => id === this.navigation && !this.destroyed
    if (init.userInitiated) {
      const details = fakeEvent({ url: target, isMainFrame: true, isSameDocument: false, frame: this.mainFrame, initiator: this.mainFrame })
      this.emit('will-frame-navigate', details)
      const event = fakeEvent({ url: target, isMainFrame: true, isSameDocument: false, frame: this.mainFrame })
      if (!details.defaultPrevented) this.emit('will-navigate', event, target, false, true, this.mainFrame.processId, this.mainFrame.routingId)
      if (details.defaultPrevented || event.defaultPrevented) return
    }
    this.loading = true
    this.emit('did-start-loading')
    this.emit('did-start-navigation', fakeEvent({ url: target, isMainFrame: true, isSameDocument: false }), target, false, true)
    let url = target
    let method = init.method
    let body = init.body
    try {
      for (let hops = 0; ; hops++) {
        const answer = await this.session.beforeRequestAnswer(url, method)
        if (!current()) return
        if (answer.cancel) throw new NavigationFailure('ERR_BLOCKED_BY_CLIENT', url)
        const response = await this.fetchPage(url, method, body, init.contentType)
        if (!current()) return
        if (isRedirect(response.status, response.headers) && hops < 20) {
          const next = new URL(response.headers.location as string, url).href
          const event = fakeEvent({ url: next, isMainFrame: true, isSameDocument: false, frame: this.mainFrame })
          this.emit('will-redirect', event, next, false, true, this.mainFrame.processId, this.mainFrame.routingId)
          if (event.defaultPrevented) throw new NavigationFailure('ERR_ABORTED', next)
          if (!current()) return
          this.emit('did-redirect-navigation', fakeEvent({ url: next, isMainFrame: true }), next, false, true)
          method = methodAfterRedirect(response.status, method)
          if (method === 'GET') body = null
          url = next
          continue
        }
        this.commit(url, response)
        return
      }
    } catch (error) {
      if (!current()) return
      const failure = error instanceof NavigationFailure ? error : new NavigationFailure(error instanceof ChromiumNetError ? error.code : 'ERR_FAILED', url)
      this.loading = false
      this.emit('did-fail-load', fakeEvent(), NET_ERROR_CODES[failure.code] ?? -2, failure.code, failure.url, true, this.mainFrame.processId, this.mainFrame.routingId)
      this.emit('did-stop-loading')
      throw failure
    }
  }

  private async fetchPage(url: string, method: string, body: Buffer | null, contentType?: string): Promise<Exchange> {
    const parsed = new URL(url)
    const scheme = parsed.protocol.slice(0, -1)
    const handler = this.session.protocolHandlers.get(scheme)
    if (handler) {
      const response = await handler(new Request(url, { method, ...(body ? { body: new Uint8Array(body) } : {}) }))
      const headers: Record<string, string> = {}
      response.headers.forEach((v, k) => (headers[k] = v))
      return { status: response.status, statusText: response.statusText, headers, body: Buffer.from(await response.arrayBuffer()) }
    }
    if (scheme === 'http' || scheme === 'https') {
      if (!isLoopbackHost(parsed.hostname)) return this.runtime.remoteLoad(url)
      const headers: Record<string, string> = { accept: 'text/html' }
      if (contentType) headers['content-type'] = contentType
      return exchange(parsed, { method, headers, body }, this.session.conditions())
    }
    throw new NavigationFailure('ERR_UNKNOWN_URL_SCHEME', url)
  }

  private commit(url: string, response: Exchange): void {
    this.url = url
    this.httpStatus = response.status
    this.html = response.body.toString('utf8')
    this.pageText = textOf(this.html)
    this.emit('did-navigate', fakeEvent({ url }), url, response.status, response.statusText)
    const title = titleOf(this.html) || url
    this.title = title
    this.emit('page-title-updated', fakeEvent(), title, true)
    this.emit('dom-ready')
    this.emit('did-frame-finish-load', fakeEvent(), true, this.mainFrame.processId, this.mainFrame.routingId)
    this.loading = false
    this.emit('did-finish-load')
    this.emit('did-stop-loading')
  }

  /**
   * A person pressing a submit button of the page's first form: the form's fields as a browser
   * sends them (hidden and text inputs, ticked boxes, the pressed button), POSTed to its action.
   */
  submitForm(button: { name: string; value: string }, untick: string[] = []): Promise<void> {
    const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(this.html)
    if (!form) throw new Error(`The page at ${this.url} has no form.`)
    const attr = (tag: string, name: string): string | null => {
      const m = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)
      return m ? decode(m[1]!) : null
    }
    const fields = new URLSearchParams()
    for (const [input] of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input, 'name')
      if (!name) continue
      const type = (attr(input, 'type') ?? 'text').toLowerCase()
      const value = attr(input, 'value') ?? (type === 'checkbox' ? 'on' : '')
      if (type === 'checkbox' || type === 'radio') {
        if (/\bchecked\b/i.test(input) && !untick.includes(value)) fields.append(name, value)
      } else if (type !== 'submit' && type !== 'button') fields.append(name, value)
    }
    const buttons = [...form[2]!.matchAll(/<button\b[^>]*>/gi)].map(([b]) => ({ name: attr(b, 'name'), value: attr(b, 'value') }))
    if (!buttons.some((b) => b.name === button.name && b.value === button.value)) throw new Error(`The form has no ${button.name}=${button.value} button.`)
    fields.append(button.name, button.value)
    const action = new URL(attr(form[1]!, 'action') || this.url, this.url).href
    const method = (attr(form[1]!, 'method') ?? 'get').toUpperCase()
    if (method === 'GET') {
      const target = new URL(action)
      target.search = fields.toString()
      return this.navigate(target.href, { method: 'GET', body: null, userInitiated: true })
    }
    return this.navigate(action, { method: 'POST', body: Buffer.from(fields.toString()), userInitiated: true, contentType: 'application/x-www-form-urlencoded' })
  }

  /** A sub-frame (an iframe of the page) starting to navigate: only will-frame-navigate tells. Returns whether it may go ahead. */
  subFrameNavigates(url: string): boolean {
    const frame: FrameLike = { url: '', parent: this.mainFrame, name: 'child', routingId: 2, processId: this.mainFrame.processId }
    const details = fakeEvent({ url, isMainFrame: false, isSameDocument: false, frame, initiator: this.mainFrame })
    this.emit('will-frame-navigate', details)
    return !details.defaultPrevented
  }
}

const decode = (text: string): string => text.replace(/&#(\d+);/g, (_m, c: string) => String.fromCharCode(Number(c))).replace(/&quot;/g, '"').replace(/&amp;/g, '&')

export type WindowOptions = { show?: boolean; webPreferences?: { partition?: string; session?: unknown } & Record<string, unknown> } & Record<string, unknown>

export class FakeBrowserWindowBase extends FakeEmitter {
  static nextId = 1
  readonly id = FakeBrowserWindowBase.nextId++
  readonly webContents: FakeWebContents
  loaded: string[] = []
  title = ''
  visible: boolean
  focused = 0
  minimized = false
  destroyed = false
  constructor(
    readonly options: WindowOptions,
    protected readonly runtime: WebRuntime,
  ) {
    super()
    if (!runtime.isReady()) throw runtime.rules.refuse('ready.window', 'Cannot create BrowserWindow before app is ready')
    const session = (options.webPreferences?.session as FakeSession | undefined) ?? runtime.sessionFor(options.webPreferences?.partition)
    const contents = new FakeWebContents(session, runtime)
    this.webContents = contents.guarded()
    this.visible = options.show !== false
    this.title = typeof options.title === 'string' ? options.title : ''
    // The window's own page-title-updated: its title follows the page unless a listener prevents it.
    contents.on('page-title-updated', (_e: unknown, title: string) => {
      const event = fakeEvent()
      this.emit('page-title-updated', event, title, true)
      if (!event.defaultPrevented) this.title = title
    })
    // Callers hold the guarded object (rule destroyed); the stand-in lists that same object.
    this.self = guardDestroyed(this, runtime.rules)
    runtime.windowCreated(this.self)
    runtime.webContentsCreated(this.webContents)
    return this.self
  }
  private readonly self: this
  loadURL(url: string): Promise<void> {
    this.loaded.push(url)
    return this.webContents.loadURL(url)
  }
  show(): void {
    this.visible = true
  }
  showInactive(): void {
    this.visible = true
  }
  setTitle(title: string): void {
    this.title = title
  }
  getTitle(): string {
    return this.title
  }
  hide(): void {
    this.visible = false
  }
  isVisible(): boolean {
    return this.visible
  }
  focus(): void {
    this.focused++
  }
  isFocused(): boolean {
    return this.focused > 0 && this.visible
  }
  restore(): void {
    this.minimized = false
  }
  minimize(): void {
    this.minimized = true
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  /** Like a click on the close button: 'close' (preventable), then 'closed'. Returns whether it closed. */
  close(): boolean {
    if (this.destroyed) return true
    const event = fakeEvent()
    this.emit('close', event)
    if (event.defaultPrevented) return false
    this.destroy()
    return true
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroy()
    this.emit('closed')
    this.runtime.windowDestroyed(this.self)
  }
  /** What a user closing the window does: 'close' (preventable), then 'closed'. */
  userClose(): void {
    this.close()
  }
}
