/**
 * A small recording fake of the `electron` module (vitest aliases `electron` here). Each object
 * records what it was asked to do and lets a test emit the events Electron would. Tests that
 * need their own instance call the factories; modules that import `electron` get the shared one.
 */
import { createFakeSafeStorage, type FakeSafeStorage } from './safe-storage'

type AnyListener = (...args: any[]) => unknown // eslint-disable-line @typescript-eslint/no-explicit-any

export class FakeEmitter {
  readonly listeners = new Map<string, AnyListener[]>()
  on(event: string, listener: AnyListener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: AnyListener): this {
    const wrapped = (...args: unknown[]): unknown => {
      this.removeListener(event, wrapped)
      return listener(...args)
    }
    return this.on(event, wrapped)
  }
  removeListener(event: string, listener: AnyListener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener))
    return this
  }
  off(event: string, listener: AnyListener): this {
    return this.removeListener(event, listener)
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? []
    for (const listener of list) listener(...args)
    return list.length > 0
  }
  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length
  }
}

/** An Electron event: records whether a handler called preventDefault. */
export function fakeEvent<T extends object>(extra?: T): { preventDefault(): void; defaultPrevented: boolean } & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
    ...(extra ?? ({} as T)),
  }
  return event
}

export class FakeSession extends FakeEmitter {
  permissionRequestHandler: AnyListener | null = null
  permissionCheckHandler: AnyListener | null = null
  beforeRequest: { filter: { urls: string[] }; listener: AnyListener } | null = null
  cleared: string[] = []
  /** What went through `ses.fetch`: it really fetches, with Node's fetch, so tests reach the sandbox. */
  fetched: { url: string; init: Record<string, unknown> }[] = []
  /** What `resolveProxy` answers, as Chromium would: "DIRECT" or "PROXY host:port". */
  proxyAnswer = 'DIRECT'
  /** Set to make every fetch fail as Chromium fails, with this net error. */
  failWith: string | null = null
  constructor(readonly partition: string) {
    super()
  }
  readonly webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: AnyListener) => {
      // Electron keeps only the last listener per session; so does the fake.
      this.beforeRequest = { filter, listener }
    },
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
  fetch(input: string | Request, init: Record<string, unknown> = {}): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url
    this.fetched.push({ url, init })
    if (this.failWith) return Promise.reject(new Error(this.failWith))
    const { bypassCustomProtocolHandlers: _bypass, ...rest } = init
    return globalThis.fetch(input, rest)
  }
  resolveProxy(_url: string): Promise<string> {
    return Promise.resolve(this.proxyAnswer)
  }
  /** Fires the webRequest listener and returns what it answered. */
  request(url: string): Promise<{ cancel?: boolean }> {
    const hook = this.beforeRequest
    if (!hook) return Promise.resolve({})
    return new Promise((resolve) => hook.listener({ url }, resolve))
  }
}

export class FakeWebContents extends FakeEmitter {
  static nextId = 1
  readonly id = FakeWebContents.nextId++
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  sent: { channel: string; args: unknown[] }[] = []
  devToolsClosed = 0
  destroyed = false
  constructor(readonly session: FakeSession) {
    super()
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
  }
  closeDevTools(): void {
    this.devToolsClosed++
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

export class FakeApp extends FakeEmitter {
  isPackaged = false
  lockGranted = true
  quitCalls = 0
  appUserModelId: string | null = null
  loginItemSettings: unknown[] = []
  /** The dock or launcher badge; Electron answers false where the desktop has none. */
  badgeCounts: number[] = []
  setBadgeCount(count: number): boolean {
    this.badgeCounts.push(count)
    return true
  }
  requestSingleInstanceLock(): boolean {
    return this.lockGranted
  }
  quit(): void {
    this.quitCalls++
    this.emit('before-quit', fakeEvent())
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id
  }
  setLoginItemSettings(settings: unknown): void {
    this.loginItemSettings.push(settings)
  }
  /** As macOS and Windows answer: what was last set (Electron reads the OS's login items). */
  getLoginItemSettings(): { openAtLogin: boolean } {
    const last = this.loginItemSettings.at(-1) as { openAtLogin?: boolean } | undefined
    return { openAtLogin: last?.openAtLogin === true }
  }
  getPath(name: string): string {
    return `/fake/${name}`
  }
  getAppPath(): string {
    return '/fake/app'
  }
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
}

export type WindowOptions = { webPreferences?: { partition?: string } & Record<string, unknown> } & Record<string, unknown>
export type FakeBrowserWindowClass = (new (options: WindowOptions) => FakeBrowserWindowBase) & { instances: FakeBrowserWindowBase[] }
export type FakeTrayClass = (new (image: unknown) => FakeTray) & { instances: FakeTray[] }
export type FakeNotificationClass = (new (options: { title: string; body: string }) => FakeNotification) & {
  instances: FakeNotification[]
  supported: boolean
  isSupported(this: void): boolean
}

export interface FakeElectron {
  app: FakeApp
  BrowserWindow: FakeBrowserWindowClass
  session: { defaultSession: FakeSession; fromPartition(partition: string, options?: unknown): FakeSession; partitions: Map<string, FakeSession> }
  ipcMain: { handlers: Map<string, AnyListener>; handle(channel: string, fn: AnyListener): void; removeHandler(channel: string): void; on(channel: string, fn: AnyListener): void }
  ipcRenderer: FakeEmitter & { invoked: { channel: string; args: unknown[] }[]; invoke(channel: string, ...args: unknown[]): Promise<unknown> }
  contextBridge: { exposed: { key: string; api: unknown }[]; exposeInMainWorld(key: string, api: unknown): void }
  /** Really encrypts (AES-256-GCM per backend): see safe-storage.ts. */
  safeStorage: FakeSafeStorage
  Tray: FakeTrayClass
  Menu: { built: unknown[][]; applicationMenu: unknown; buildFromTemplate(template: unknown[]): { template: unknown[] }; setApplicationMenu(menu: unknown): void }
  nativeImage: { createFromPath(path: string): { path: string } }
  Notification: FakeNotificationClass
  clipboard: { text: string; cleared: number; writeText(text: string): Promise<void>; readText(): Promise<string>; clear(): void }
  powerMonitor: FakeEmitter
  net: { online: boolean; isOnline(): boolean }
  shell: { opened: string[]; openExternal(url: string): Promise<void>; openPath(path: string): Promise<string> }
  protocol: { privileged: unknown[]; handlers: Map<string, (request: Request) => unknown>; registerSchemesAsPrivileged(schemes: unknown[]): void; handle(scheme: string, handler: (request: Request) => unknown): void }
}

export class FakeBrowserWindowBase extends FakeEmitter {
  readonly webContents: FakeWebContents
  loaded: string[] = []
  title = ''
  visible = false
  focused = 0
  minimized = false
  destroyed = false
  constructor(
    readonly options: WindowOptions,
    electron: FakeElectron,
  ) {
    super()
    const partition = options.webPreferences?.partition
    const session = partition ? electron.session.fromPartition(partition) : electron.session.defaultSession
    this.webContents = new FakeWebContents(session)
    electron.app.emit('web-contents-created', fakeEvent(), this.webContents)
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url)
    return Promise.resolve()
  }
  show(): void {
    this.visible = true
  }
  setTitle(title: string): void {
    this.title = title
  }
  hide(): void {
    this.visible = false
  }
  focus(): void {
    this.focused++
  }
  restore(): void {
    this.minimized = false
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
  /** What a user closing the window does: 'close' (preventable), then 'closed'. */
  userClose(): void {
    const event = fakeEvent()
    this.emit('close', event)
    if (!event.defaultPrevented) this.destroy()
  }
}

export class FakeTray extends FakeEmitter {
  images: unknown[] = []
  tooltip = ''
  menu: unknown = null
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
  setContextMenu(menu: unknown): void {
    this.menu = menu
  }
  destroy(): void {
    this.destroyed = true
  }
}

export class FakeNotification extends FakeEmitter {
  shown = false
  constructor(readonly options: { title: string; body: string }) {
    super()
  }
  show(): void {
    this.shown = true
  }
}

export function createFakeElectron(): FakeElectron {
  const partitions = new Map<string, FakeSession>()
  const handlers = new Map<string, AnyListener>()
  const trays: FakeTray[] = []
  const notifications: FakeNotification[] = []
  const windows: FakeBrowserWindowBase[] = []
  const ipcRenderer = Object.assign(new FakeEmitter(), {
    invoked: [] as { channel: string; args: unknown[] }[],
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      ipcRenderer.invoked.push({ channel, args })
      return Promise.resolve({ ok: true, value: null })
    },
  })
  const electron: FakeElectron = {
    app: new FakeApp(),
    BrowserWindow: null as unknown as FakeElectron['BrowserWindow'],
    session: {
      partitions,
      defaultSession: new FakeSession(''),
      fromPartition(partition: string) {
        let s = partitions.get(partition)
        if (!s) partitions.set(partition, (s = new FakeSession(partition)))
        return s
      },
    },
    ipcMain: {
      handlers,
      handle(channel, fn) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
        handlers.set(channel, fn)
      },
      removeHandler(channel) {
        handlers.delete(channel)
      },
      on() {},
    },
    ipcRenderer,
    contextBridge: {
      exposed: [],
      exposeInMainWorld(key, api) {
        electron.contextBridge.exposed.push({ key, api })
      },
    },
    safeStorage: createFakeSafeStorage(),
    Tray: class extends FakeTray {
      static instances = trays
      constructor(image: unknown) {
        super(image)
        trays.push(this)
      }
    },
    Menu: {
      built: [],
      applicationMenu: null,
      buildFromTemplate(template) {
        electron.Menu.built.push(template)
        return { template }
      },
      setApplicationMenu(menu) {
        electron.Menu.applicationMenu = menu
      },
    },
    nativeImage: { createFromPath: (path) => ({ path }) },
    Notification: null as unknown as FakeNotificationClass,
    clipboard: {
      text: '',
      cleared: 0,
      writeText(text) {
        electron.clipboard.text = text
        return Promise.resolve()
      },
      readText() {
        return Promise.resolve(electron.clipboard.text)
      },
      clear() {
        electron.clipboard.text = ''
        electron.clipboard.cleared++
      },
    },
    powerMonitor: new FakeEmitter(),
    net: {
      online: true,
      isOnline: () => electron.net.online,
    },
    shell: {
      opened: [],
      openExternal(url) {
        electron.shell.opened.push(url)
        return Promise.resolve()
      },
      openPath: () => Promise.resolve(''),
    },
    protocol: {
      privileged: [],
      handlers: new Map(),
      registerSchemesAsPrivileged(schemes) {
        electron.protocol.privileged.push(...schemes)
      },
      handle(scheme, handler) {
        electron.protocol.handlers.set(scheme, handler)
      },
    },
  }
  electron.BrowserWindow = class extends FakeBrowserWindowBase {
    static instances = windows
    constructor(options: WindowOptions) {
      super(options, electron)
      windows.push(this)
    }
  }
  const NotificationClass = class extends FakeNotification {
    static instances = notifications
    static supported = true
    constructor(options: { title: string; body: string }) {
      super(options)
      notifications.push(this)
    }
  }
  electron.Notification = Object.assign(NotificationClass, {
    isSupported: (): boolean => NotificationClass.supported,
  })
  return electron
}

/** The shared instance behind the module's named exports (what `import { app } from 'electron'` gets). */
export const fake = createFakeElectron()
export const {
  app,
  BrowserWindow,
  session,
  ipcMain,
  ipcRenderer,
  contextBridge,
  safeStorage,
  Tray,
  Menu,
  nativeImage,
  Notification,
  clipboard,
  powerMonitor,
  net,
  shell,
  protocol,
} = fake
export default fake
