/**
 * The strict Electron stand-in: the `electron` module's main-process API as Electron 45 behaves,
 * for the shell's tests (vitest aliases `electron` to ../electron.ts) and for the built app
 * launched in plain Node (launcher.ts). What it enforces, and where each rule comes from, is in
 * rules.ts. `standIn` is the stand-in's own control (not Electron's): what the OS or a person
 * does (become ready, click the tray, a second launch, a Dock click, the end of a Windows
 * session, the user's answer to a keyring prompt), and what it recorded.
 */
import { existsSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { createFakeSafeStorage, type FakeSafeStorage, type KeyringBehaviour } from '../safe-storage'
import { FakeEmitter, fakeEvent, type AnyListener } from './emitter'
import { ChromiumNetError, type ClientRequestOptions, type Exchange, type FakeClientRequest } from './net'
import { RuleBook } from './rules'
import { acquireInstanceLock, type InstanceLock } from './single-instance'
import { FakeBrowserWindowBase, FakeSession, FakeWebContents, type WebRuntime, type WindowOptions } from './web'

export interface StandInOptions {
  /** The OS the stand-in plays (process.platform for the app, when launched). Default 'linux'. */
  platform?: NodeJS.Platform
  /** macOS and Windows: whether the app is code-signed (an unsigned macOS app's notifications fail). Default true. */
  signed?: boolean
  /** What getSelectedStorageBackend() names on Linux after ready. Default 'gnome_libsecret'. */
  linuxBackend?: string
  /** Linux: whether the Secret Service answers, is missing, or prompts first. Default 'answers'. */
  keyring?: KeyringBehaviour
  /** Whether safeStorage reports encryption available (the OS store works). Default true. */
  encryptionAvailable?: boolean
  /** macOS: the app was opened by a login item. */
  openedAtLogin?: boolean
  appPath?: string
  appName?: string
  appVersion?: string
  argv?: string[]
  /** The single-instance lock: granted or not (tests), or a real lock shared by processes (launched app). */
  singleInstance?: { granted: boolean } | 'process'
  home?: string
  /** Called when the app's process would exit (the launched stand-in ends the process here). */
  onExit?: (code: number) => void
}

export type WindowInstance = FakeBrowserWindowBase
export type FakeBrowserWindowClass = (new (options: WindowOptions) => FakeBrowserWindowBase) & {
  instances: FakeBrowserWindowBase[]
  getAllWindows(): FakeBrowserWindowBase[]
  getFocusedWindow(): FakeBrowserWindowBase | null
  fromWebContents(contents: unknown): FakeBrowserWindowBase | null
}
export type FakeTrayClass = (new (image: unknown, guid?: string) => FakeTray) & { instances: FakeTray[] }
export type FakeNotificationClass = (new (options: NotificationOptions) => FakeNotification) & {
  instances: FakeNotification[]
  supported: boolean
  isSupported(this: void): boolean
}
type NotificationOptions = { title: string; body: string; silent?: boolean }

export interface MenuItemTemplate {
  label?: string
  role?: string
  type?: string
  enabled?: boolean
  click?: (...args: unknown[]) => void
  submenu?: MenuItemTemplate[]
  [key: string]: unknown
}

export interface FakeMenu {
  template: MenuItemTemplate[]
  items: MenuItemTemplate[]
  popups: { window: unknown }[]
  popup(options?: { window?: unknown }): void
  closePopup(): void
}

/** nativeImage.createFromPath: Electron gives an empty image, not an error, for a missing file. */
export class FakeNativeImage {
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return !existsSync(this.path)
  }
}

export class FakeTray extends FakeEmitter {
  images: unknown[] = []
  tooltip = ''
  title = ''
  menu: FakeMenu | null = null
  destroyed = false
  constructor(image: unknown) {
    super()
    this.images.push(image)
  }
  setImage(image: unknown): void {
    this.images.push(image)
  }
  setToolTip(text: string): void {
    this.tooltip = text
  }
  setTitle(title: string): void {
    this.title = title
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.menu = menu
  }
  destroy(): void {
    this.destroyed = true
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

export class FakeNotification extends FakeEmitter {
  shown = false
  closed = false
  constructor(readonly options: NotificationOptions) {
    super()
  }
  show(): void {
    this.shown = true
  }
  close(): void {
    if (this.closed) return
    this.closed = true
    this.emit('close', fakeEvent())
  }
}

/** The native autoUpdater (Squirrel): see rule quit.forUpdate. */
export class FakeNativeAutoUpdater extends FakeEmitter {
  feedURL = ''
  /** Set by the test: Squirrel has an update downloaded and ready. */
  updateReady = false
  /** What became of the last quitAndInstall: waiting for the windows to close, installed, or given up. */
  install: 'none' | 'waiting' | 'installed' | 'cancelled' = 'none'
  constructor(private readonly runtime: RuntimeHooks) {
    super()
  }
  setFeedURL(options: { url: string }): void {
    this.feedURL = options.url
  }
  getFeedURL(): string {
    return this.feedURL
  }
  checkForUpdates(): void {
    this.emit('checking-for-update')
  }
  quitAndInstall(): void {
    this.emit('before-quit-for-update')
    this.runtime.record('autoUpdater before-quit-for-update')
    const install = (): void => {
      if (!this.updateReady) {
        this.emit('error', new Error("No update available, can't quit and install"))
        return
      }
      this.install = 'installed'
      this.runtime.record('autoUpdater install')
      this.runtime.quit()
    }
    if (this.runtime.windows().length === 0) return install()
    this.install = 'waiting'
    this.runtime.closeAllWindows({
      allClosed: install,
      cancelled: () => {
        this.install = 'cancelled'
        this.runtime.record('autoUpdater waits: a window refused to close')
      },
    })
  }
}

interface RuntimeHooks {
  record(entry: string): void
  windows(): FakeBrowserWindowBase[]
  closeAllWindows(then: { allClosed: () => void; cancelled: () => void }): void
  quit(): void
}

export class FakeApp extends FakeEmitter {
  isPackaged = false
  lockGranted = true
  quitCalls = 0
  appUserModelId: string | null = null
  loginItemSettings: unknown[] = []
  /** The dock or launcher badge; Electron answers false where the desktop has none. */
  badgeCounts: number[] = []
  name: string
  readonly commandLine = {
    switches: new Map<string, string>(),
    appendSwitch: (name: string, value = ''): void => void this.commandLine.switches.set(name, value),
    hasSwitch: (name: string): boolean => this.commandLine.switches.has(name),
    getSwitchValue: (name: string): string => this.commandLine.switches.get(name) ?? '',
  }
  readonly paths = new Map<string, string>()
  /** Windows only (rule platform.appUserModelId): absent elsewhere, as in Electron. */
  setAppUserModelId?: (id: string) => void
  constructor(private readonly core: StandInCore) {
    super()
    this.name = core.options.appName ?? 'token-desk'
    if (typeof core.options.singleInstance === 'object') this.lockGranted = core.options.singleInstance.granted
    if (core.platform === 'win32') this.setAppUserModelId = (id) => void (this.appUserModelId = id)
  }
  isReady(): boolean {
    return this.core.ready
  }
  whenReady(): Promise<void> {
    return this.core.readyPromise
  }
  getName(): string {
    return this.name
  }
  setName(name: string): void {
    this.name = name
  }
  getVersion(): string {
    return this.core.options.appVersion ?? '0.0.0'
  }
  getAppPath(): string {
    return this.core.options.appPath ?? '/fake/app'
  }
  getLocale(): string {
    return 'en-US'
  }
  setBadgeCount(count: number): boolean {
    this.badgeCounts.push(count)
    return this.core.platform !== 'win32'
  }
  requestSingleInstanceLock(additionalData?: unknown): boolean {
    return this.core.requestLock(additionalData)
  }
  hasSingleInstanceLock(): boolean {
    return this.core.lock?.held ?? this.lockGranted
  }
  releaseSingleInstanceLock(): void {
    this.core.lock?.release()
  }
  quit(): void {
    this.quitCalls++
    this.core.quit()
  }
  exit(code = 0): void {
    this.core.exit(code)
  }
  focus(): void {
    this.core.record('app focus')
  }
  setLoginItemSettings(settings: unknown): void {
    if (this.core.platform === 'linux') return
    this.loginItemSettings.push(settings)
  }
  /** As macOS and Windows answer (rule platform.loginItems); Linux has no login items. */
  getLoginItemSettings(_options?: { args?: string[] }): { openAtLogin: boolean; wasOpenedAtLogin?: boolean; executableWillLaunchAtLogin?: boolean; [more: string]: unknown } {
    const last = this.loginItemSettings.at(-1) as { openAtLogin?: boolean } | undefined
    const openAtLogin = this.core.platform !== 'linux' && last?.openAtLogin === true
    if (this.core.platform === 'darwin') return { openAtLogin, openAsHidden: false, wasOpenedAtLogin: this.core.options.openedAtLogin === true, wasOpenedAsHidden: false, restoreState: false, status: openAtLogin ? 'enabled' : 'not-registered' }
    if (this.core.platform === 'win32') return { openAtLogin, executableWillLaunchAtLogin: openAtLogin, launchItems: [] }
    return { openAtLogin: false }
  }
  getPath(name: string): string {
    const set = this.paths.get(name)
    if (set) return set
    return this.core.defaultPath(name)
  }
  /** Rule setPath.absolute. */
  setPath(name: string, path: string): void {
    if (!isAbsolute(path)) throw this.core.rules.refuse('setPath.absolute', 'Path must be absolute')
    this.paths.set(name, path)
  }
  setAppLogsPath(path?: string): void {
    if (path !== undefined && !isAbsolute(path)) throw this.core.rules.refuse('setPath.absolute', 'Path must be absolute', 'TypeError')
    this.paths.set('logs', path ?? join(this.getPath('userData'), 'logs'))
  }
  setAboutPanelOptions(_options: unknown): void {}
}

/** The state every part of one stand-in shares. */
class StandInCore {
  readonly rules = new RuleBook()
  ready = false
  readonly timeline: string[] = []
  exited: { code: number } | null = null
  quitting = false
  readonly windows: FakeBrowserWindowBase[] = []
  lock: InstanceLock | null = null
  readonly readyPromise: Promise<void>
  private resolveReady!: () => void
  readonly platform: NodeJS.Platform
  app!: FakeApp
  online = true
  readonly remote: { url: string; answer(html: string, status?: number): void; fail(code: string): void }[] = []
  private closing: { allClosed: () => void; cancelled: () => void } | null = null
  constructor(readonly options: StandInOptions) {
    this.platform = options.platform ?? 'linux'
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve))
  }
  record(entry: string): void {
    this.timeline.push(entry)
  }
  becomeReady(): void {
    if (this.ready) return
    this.app.emit('will-finish-launching')
    this.ready = true
    this.record('ready')
    this.resolveReady()
    this.app.emit('ready', fakeEvent(), this.platform === 'darwin' ? {} : undefined)
  }
  requestLock(additionalData: unknown): boolean {
    if (this.options.singleInstance !== 'process') return this.app.lockGranted
    if (this.lock) return this.lock.held
    this.lock = acquireInstanceLock(this.app.getPath('userData'), process.argv, additionalData, (argv, cwd, data) => {
      this.record('second-instance')
      this.app.emit('second-instance', fakeEvent(), argv, cwd, data)
    })
    return this.lock.held
  }
  defaultPath(name: string): string {
    const home = this.options.home ?? homedir()
    const appData =
      this.platform === 'darwin' ? join(home, 'Library', 'Application Support') : this.platform === 'win32' ? join(home, 'AppData', 'Roaming') : (process.env.XDG_CONFIG_HOME ?? join(home, '.config'))
    const userData = this.app.paths.get('userData') ?? join(appData, this.app.name)
    switch (name) {
      case 'home':
        return home
      case 'appData':
        return appData
      case 'userData':
      case 'sessionData':
        return userData
      case 'temp':
        return tmpdir()
      case 'logs':
        return this.platform === 'darwin' ? join(home, 'Library', 'Logs', this.app.name) : join(userData, 'logs')
      case 'exe':
        return process.execPath
      default:
        throw new Error(`Failed to get '${name}' path`)
    }
  }
  windowDestroyed(win: FakeBrowserWindowBase): void {
    const at = this.windows.indexOf(win)
    if (at >= 0) this.windows.splice(at, 1)
    if (this.windows.length > 0) return
    const closing = this.closing
    this.closing = null
    if (closing) return closing.allClosed()
    if (this.quitting) return this.notifyAndShutdown()
    this.record('window-all-closed')
    // Rule quit.lastWindow: Electron's own listener quits when it is the only one.
    if (this.app.listenerCount('window-all-closed') === 0) this.quit()
    else this.app.emit('window-all-closed')
  }
  closeAllWindows(then: { allClosed: () => void; cancelled: () => void }): void {
    this.closing = then
    let refused = false
    for (const win of [...this.windows]) if (!win.close()) refused = true
    if (refused && this.closing === then) {
      this.closing = null
      then.cancelled()
    }
  }
  /** Rule quit.order (shell/browser/browser.cc). */
  quit(): void {
    if (this.quitting || this.exited) return
    const event = fakeEvent()
    this.record('before-quit')
    this.app.emit('before-quit', event)
    if (event.defaultPrevented) {
      this.record('before-quit prevented')
      return
    }
    this.quitting = true
    if (this.windows.length === 0) return this.notifyAndShutdown()
    this.closeAllWindows({
      allClosed: () => this.notifyAndShutdown(),
      cancelled: () => {
        this.quitting = false
        this.record('quit cancelled: a window refused to close')
      },
    })
  }
  exit(code: number): void {
    this.quitting = true
    for (const win of [...this.windows]) win.destroy()
    this.shutdown(code)
  }
  private notifyAndShutdown(): void {
    if (this.exited) return
    const event = fakeEvent()
    this.record('will-quit')
    this.app.emit('will-quit', event)
    if (event.defaultPrevented) {
      this.quitting = false
      return
    }
    this.shutdown(0)
  }
  private shutdown(code: number): void {
    if (this.exited) return
    this.record('quit')
    this.app.emit('quit', fakeEvent(), code)
    this.exited = { code }
    this.record('exit')
    this.lock?.release()
    this.options.onExit?.(code)
  }
}

export interface FakeElectron {
  app: FakeApp
  BrowserWindow: FakeBrowserWindowClass
  session: { readonly defaultSession: FakeSession; fromPartition(partition: string, options?: unknown): FakeSession; partitions: Map<string, FakeSession> }
  ipcMain: {
    handlers: Map<string, AnyListener>
    listeners: Map<string, AnyListener[]>
    handle(channel: string, fn: AnyListener): void
    removeHandler(channel: string): void
    on(channel: string, fn: AnyListener): void
  }
  ipcRenderer: FakeEmitter & { invoked: { channel: string; args: unknown[] }[]; invoke(channel: string, ...args: unknown[]): Promise<unknown> }
  contextBridge: { exposed: { key: string; api: unknown }[]; exposeInMainWorld(key: string, api: unknown): void }
  /** Really encrypts: see ../safe-storage.ts. */
  safeStorage: FakeSafeStorage
  Tray: FakeTrayClass
  Menu: {
    built: unknown[][]
    applicationMenu: unknown
    buildFromTemplate(template: MenuItemTemplate[]): FakeMenu
    setApplicationMenu(menu: unknown): void
    getApplicationMenu(): unknown
  }
  nativeImage: { createFromPath(path: string): FakeNativeImage }
  Notification: FakeNotificationClass
  clipboard: { text: string; cleared: number; afterExit: string[]; writeText(text: string): Promise<void>; readText(): Promise<string>; clear(): void }
  powerMonitor: FakeEmitter
  readonly screen: { getPrimaryDisplay(): unknown; getAllDisplays(): unknown[] }
  net: { online: boolean; isOnline(): boolean; request(options: ClientRequestOptions | string): FakeClientRequest; fetch(input: string | Request, init?: RequestInit): Promise<Response> }
  shell: { opened: string[]; paths: string[]; openExternal(url: string): Promise<void>; openPath(path: string): Promise<string>; showItemInFolder(path: string): void }
  protocol: {
    privileged: unknown[]
    readonly handlers: Map<string, (request: Request) => unknown>
    registerSchemesAsPrivileged(schemes: unknown[]): void
    handle(scheme: string, handler: (request: Request) => unknown): void
    isProtocolHandled(scheme: string): boolean
  }
  autoUpdater: FakeNativeAutoUpdater
  /** The stand-in's own control and records: not part of Electron. */
  standIn: StandIn
}

export interface StandIn {
  readonly platform: NodeJS.Platform
  readonly rules: RuleBook
  readonly timeline: string[]
  readonly exited: { code: number } | null
  /** Chromium finished launching: `will-finish-launching`, then `ready`. */
  becomeReady(): void
  /** Pages on hosts outside loopback that a window is waiting for. */
  readonly remoteLoads: { url: string; answer(html: string, status?: number): void; fail(code: string): void }[]
  /** A person clicks the tray icon: `click` on macOS and Windows; on Linux the context menu opens (rule platform.trayClick). */
  clickTray(tray?: FakeTray): FakeMenu | null
  /** A person picks an item of the tray's context menu by its label. */
  clickTrayItem(label: string, tray?: FakeTray): void
  /** A person picks an item of the application menu by its label. */
  clickAppMenuItem(label: string): void
  /** A Dock click on macOS (rule platform.activate). */
  activate(): void
  /** Windows ends the session (log off, shut down): query-session-end, session-end, then the process is gone (rule platform.sessionEnd). */
  endSession(): void
  /** The renderer of `contents`' main frame calls ipcRenderer.invoke(channel, ...args), through structured clone (rule ipc.clone). */
  rendererInvoke(contents: FakeWebContents, channel: string, ...args: unknown[]): Promise<unknown>
  /** Shown notifications, newest last. */
  notifications(): FakeNotification[]
}

let menuIds = 0

export function createFakeElectron(options: StandInOptions = {}): FakeElectron {
  const core = new StandInCore(options)
  const { rules, platform } = core
  const partitions = new Map<string, FakeSession>()
  const handlers = new Map<string, AnyListener>()
  const ipcListeners = new Map<string, AnyListener[]>()
  const trays: FakeTray[] = []
  const notifications: FakeNotification[] = []
  const windows: FakeBrowserWindowBase[] = []
  let schemesRegistered = false
  let defaultSession: FakeSession | null = null

  const web: WebRuntime = {
    rules,
    platform,
    isReady: () => core.ready,
    online: () => core.online,
    windowCreated: (win) => core.windows.push(win),
    windowDestroyed: (win) => core.windowDestroyed(win),
    webContentsCreated: (contents) => electron.app.emit('web-contents-created', fakeEvent(), contents),
    sessionFor: (partition) => (partition ? electron.session.fromPartition(partition) : electron.session.defaultSession),
    remoteLoad: (url) =>
      new Promise<Exchange>((resolve, reject) => {
        const entry = {
          url,
          answer: (html: string, status = 200) => resolve({ status, statusText: 'OK', headers: { 'content-type': 'text/html' }, body: Buffer.from(html) }),
          fail: (code: string) => reject(new ChromiumNetError(code)),
        }
        core.remote.push(entry)
      }),
    record: (entry) => core.record(entry),
  }
  const sessionReady = (): void => {
    if (!core.ready) throw rules.refuse('ready.session', 'Session can only be received when app is ready', 'TypeError')
  }

  const ipcRenderer = Object.assign(new FakeEmitter(), {
    invoked: [] as { channel: string; args: unknown[] }[],
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      ipcRenderer.invoked.push({ channel, args })
      return Promise.resolve({ ok: true, value: null })
    },
  })

  class PowerMonitor extends FakeEmitter {
    protected override beforeListen(event: string): void {
      if (!core.ready) throw rules.refuse('ready.powerMonitor', `powerMonitor cannot be used before the app is ready (a '${event}' listener)`)
    }
  }

  const clipboard: FakeElectron['clipboard'] = {
    text: '',
    cleared: 0,
    afterExit: [],
    // Rule quit.order: nothing happens once the process has exited.
    writeText(text) {
      return Promise.resolve().then(() => {
        if (core.exited) return void clipboard.afterExit.push('writeText')
        clipboard.text = text
      })
    },
    readText() {
      return Promise.resolve().then(() => clipboard.text)
    },
    clear() {
      if (core.exited) return void clipboard.afterExit.push('clear')
      clipboard.text = ''
      clipboard.cleared++
      core.record('clipboard cleared')
    },
  }

  const menuItemsOf = (template: MenuItemTemplate[]): MenuItemTemplate[] =>
    template.map((item) => {
      if (item.label === undefined && item.role === undefined && item.type === undefined) {
        throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type')
      }
      return { ...item, ...(item.submenu ? { submenu: menuItemsOf(item.submenu) } : {}) }
    })

  const electron: FakeElectron = {
    app: null as unknown as FakeApp,
    BrowserWindow: null as unknown as FakeBrowserWindowClass,
    session: {
      partitions,
      get defaultSession() {
        sessionReady()
        return (defaultSession ??= new FakeSession('', web))
      },
      fromPartition(partition: string) {
        sessionReady()
        if (partition === '') return electron.session.defaultSession
        let s = partitions.get(partition)
        if (!s) partitions.set(partition, (s = new FakeSession(partition, web)))
        return s
      },
    },
    ipcMain: {
      handlers,
      listeners: ipcListeners,
      handle(channel, fn) {
        if (handlers.has(channel)) throw rules.refuse('ipc.secondHandler', `Attempted to register a second handler for '${channel}'`)
        handlers.set(channel, fn)
      },
      removeHandler(channel) {
        handlers.delete(channel)
      },
      on(channel, fn) {
        ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), fn])
      },
    },
    ipcRenderer,
    contextBridge: {
      exposed: [],
      exposeInMainWorld(key, api) {
        electron.contextBridge.exposed.push({ key, api })
      },
    },
    safeStorage: createFakeSafeStorage({
      platform,
      backend: options.linuxBackend ?? 'gnome_libsecret',
      available: options.encryptionAvailable ?? true,
      keyring: options.keyring ?? 'answers',
      gate: { isReady: () => core.ready, refuse: (message) => rules.refuse('ready.safeStorage', message) },
    }),
    Tray: class extends FakeTray {
      static instances = trays
      constructor(image: unknown) {
        if (!core.ready) throw rules.refuse('ready.tray', 'Cannot create Tray before app is ready')
        super(image)
        trays.push(this)
      }
    },
    Menu: {
      built: [],
      applicationMenu: null,
      buildFromTemplate(template) {
        if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: Menu template must be an array')
        electron.Menu.built.push(template)
        const menu: FakeMenu = {
          template,
          // A snapshot: changing the template later changes nothing (docs/api/tray.md: call setContextMenu again).
          items: menuItemsOf(template),
          popups: [],
          popup(popupOptions) {
            const window = popupOptions?.window ?? electron.BrowserWindow.getFocusedWindow()
            if (!window) throw new Error('Cannot open Menu without a BaseWindow present')
            menu.popups.push({ window })
          },
          closePopup() {},
        }
        Object.defineProperty(menu, 'id', { value: ++menuIds })
        return menu
      },
      setApplicationMenu(menu) {
        electron.Menu.applicationMenu = menu
      },
      getApplicationMenu() {
        return electron.Menu.applicationMenu
      },
    },
    nativeImage: { createFromPath: (path) => new FakeNativeImage(path) },
    Notification: null as unknown as FakeNotificationClass,
    clipboard,
    powerMonitor: new PowerMonitor(),
    get screen() {
      if (!core.ready) throw rules.refuse('ready.screen', "The 'screen' module can't be used before the app 'ready' event")
      const display = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 }
      return { getPrimaryDisplay: () => display, getAllDisplays: () => [display] }
    },
    net: {
      get online() {
        return core.online
      },
      set online(value: boolean) {
        core.online = value
      },
      isOnline: () => core.online,
      request(requestOptions) {
        if (!core.ready) throw rules.refuse('ready.net', 'net module can only be used after app is ready')
        const o: ClientRequestOptions & { session?: FakeSession } = typeof requestOptions === 'string' ? { url: requestOptions } : (requestOptions as ClientRequestOptions & { session?: FakeSession })
        const ses = o.session ?? (o.partition ? electron.session.fromPartition(o.partition) : electron.session.defaultSession)
        return ses.netRequest(o)
      },
      fetch: (input, init) => electron.session.defaultSession.fetch(input, (init ?? {}) as Record<string, unknown>),
    },
    shell: {
      opened: [],
      paths: [],
      openExternal(url) {
        electron.shell.opened.push(url)
        return Promise.resolve()
      },
      openPath(path) {
        electron.shell.paths.push(path)
        return Promise.resolve('')
      },
      showItemInFolder(path) {
        electron.shell.paths.push(path)
      },
    },
    protocol: {
      privileged: [],
      get handlers() {
        return electron.session.defaultSession.protocolHandlers
      },
      registerSchemesAsPrivileged(schemes) {
        if (core.ready) throw rules.refuse('schemes.beforeReady', 'protocol.registerSchemesAsPrivileged should be called before app is ready')
        if (schemesRegistered) throw rules.refuse('schemes.once', 'protocol.registerSchemesAsPrivileged can be called only once')
        schemesRegistered = true
        electron.protocol.privileged.push(...schemes)
      },
      handle(scheme, handler) {
        electron.session.defaultSession.protocol.handle(scheme, handler as (request: Request) => Response)
      },
      isProtocolHandled: (scheme) => electron.session.defaultSession.protocol.isProtocolHandled(scheme),
    },
    autoUpdater: null as unknown as FakeNativeAutoUpdater,
    standIn: null as unknown as StandIn,
  }
  electron.app = new FakeApp(core)
  core.app = electron.app
  electron.autoUpdater = new FakeNativeAutoUpdater({
    record: (e) => core.record(e),
    windows: () => core.windows,
    closeAllWindows: (then) => core.closeAllWindows(then),
    quit: () => electron.app.quit(),
  })

  electron.BrowserWindow = class extends FakeBrowserWindowBase {
    static instances = windows
    static getAllWindows(): FakeBrowserWindowBase[] {
      return [...core.windows]
    }
    static getFocusedWindow(): FakeBrowserWindowBase | null {
      return core.windows.find((w) => w.visible && w.focused > 0) ?? null
    }
    static fromWebContents(contents: unknown): FakeBrowserWindowBase | null {
      return core.windows.find((w) => w.webContents === contents) ?? null
    }
    constructor(windowOptions: WindowOptions) {
      super(windowOptions, web)
      windows.push(this)
    }
  }

  const NotificationClass = class extends FakeNotification {
    static instances = notifications
    static supported = true
    constructor(notificationOptions: NotificationOptions) {
      if (!core.ready) throw rules.refuse('ready.notification', 'Cannot create Notification before app is ready')
      super(notificationOptions)
      notifications.push(this)
    }
    override show(): void {
      super.show()
      // Rule platform.notificationFailed: an unsigned macOS app gets `failed`, never `show`.
      if (platform === 'darwin' && options.signed === false) {
        queueMicrotask(() => this.emit('failed', fakeEvent(), 'UNErrorDomain Code=1 "Notifications are not allowed for this application"'))
      } else queueMicrotask(() => this.emit('show', fakeEvent()))
    }
  }
  electron.Notification = Object.assign(NotificationClass, {
    isSupported: (): boolean => NotificationClass.supported,
  })

  const findItem = (items: MenuItemTemplate[], label: string): MenuItemTemplate | null => {
    for (const item of items) {
      if (item.label === label) return item
      const inner = item.submenu ? findItem(item.submenu, label) : null
      if (inner) return inner
    }
    return null
  }
  const pick = (menu: FakeMenu | null, label: string, where: string): void => {
    const item = menu ? findItem(menu.items, label) : null
    if (!item) throw new Error(`${where} has no item "${label}" (it has: ${JSON.stringify(menu?.items.map((i) => i.label ?? i.role ?? i.type) ?? [])})`)
    if (item.enabled === false) throw new Error(`"${label}" is disabled: a person cannot click it`)
    item.click?.(item, electron.BrowserWindow.getFocusedWindow() ?? undefined, fakeEvent())
  }
  const lastTray = (tray?: FakeTray): FakeTray => {
    const t = tray ?? trays.filter((x) => !x.destroyed).at(-1)
    if (!t) throw new Error('There is no tray icon.')
    return t
  }

  electron.standIn = {
    platform,
    rules,
    timeline: core.timeline,
    get exited() {
      return core.exited
    },
    becomeReady: () => core.becomeReady(),
    remoteLoads: core.remote,
    clickTray(tray) {
      const t = lastTray(tray)
      if (platform === 'linux') return t.menu
      t.emit('click', fakeEvent(), { x: 0, y: 0, width: 22, height: 22 }, { x: 10, y: 10 })
      return null
    },
    clickTrayItem(label, tray) {
      pick(lastTray(tray).menu, label, 'The tray menu')
    },
    clickAppMenuItem(label) {
      pick(electron.Menu.applicationMenu as FakeMenu | null, label, 'The application menu')
    },
    activate() {
      if (platform !== 'darwin') throw new Error(`activate is emitted on macOS only; the stand-in plays ${platform}`)
      core.record('activate')
      electron.app.emit('activate', fakeEvent(), core.windows.some((w) => w.visible))
    },
    endSession() {
      if (platform !== 'win32') throw new Error(`session-end is a Windows event; the stand-in plays ${platform}`)
      core.record('session-end')
      for (const win of [...core.windows]) win.emit('query-session-end', fakeEvent({ reasons: ['logoff'] }))
      for (const win of [...core.windows]) win.emit('session-end', fakeEvent({ reasons: ['logoff'] }))
      // No before-quit at logoff (docs/api/app.md): the process just ends.
      core.exited = { code: 0 }
      core.record('exit')
      core.lock?.release()
      options.onExit?.(0)
    },
    async rendererInvoke(contents, channel, ...args) {
      const handler = handlers.get(channel)
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`)
      const event = { sender: contents, senderFrame: contents.mainFrame, frameId: contents.mainFrame.routingId, processId: contents.mainFrame.processId }
      const result: unknown = await handler(event, ...structuredClone<unknown[]>(args))
      try {
        return structuredClone(result)
      } catch {
        throw rules.refuse('ipc.clone', `Error invoking remote method '${channel}': An object could not be cloned.`)
      }
    },
    notifications: () => notifications,
  }
  return electron
}

/** net.request bound to one partition: what composeShell hands sessionFetch for that session. */
export function requestOn(electron: FakeElectron, partition: string): (options: Omit<ClientRequestOptions, 'partition'>) => FakeClientRequest {
  return (options) => electron.net.request({ ...options, partition })
}

/** A stand-in that has already become ready: what a shell test composes against, after `app.whenReady()`. */
export function readyFakeElectron(options: StandInOptions = {}): FakeElectron {
  const electron = createFakeElectron(options)
  electron.standIn.becomeReady()
  return electron
}

export { FakeBrowserWindowBase, FakeSession, FakeWebContents, FakeEmitter, fakeEvent }
export type { WindowOptions }
