import type { CreateAppCoreDeps } from '../core/app/context'
import { electronSettingsBacking, type ElectronStoreConstructor } from './settings-store'
import type { AppCore } from '../core/app/types'
import type { Clock, Logger, Timers } from '../core/ports'
import { serveAppProtocol, type ProtocolLike } from './app-protocol'
import { openHelpLink, type ShellLike } from './external-links'
import { appWindowPolicy, createPolicyRegistry, hardenSession, installHardening, type SessionLike } from './harden'
import { pushState, registerCoreHandlers, type IpcMainLike } from './ipc'
import { appMenuTemplate, createQuitGate, hideOnClose, showOnActivate, startAtLogin, startAtLoginRegistered, type AppLifecycleLike, type AppMenuItem, type LoginItemApp, type NativeUpdaterLike, type StartAtLoginEnv } from './lifecycle'
import { followAppImageRename, repairAutostart } from './appimage-autostart'
import { attachEditMenu, type EditMenuItem } from './edit-menu'
import { endOfSession, holdQuitForCleanup } from './quit-cleanup'
import { desktopDiagnostics, type DesktopLogs, type OpenPathShell } from './desktop-diagnostics'
import { GRAPH_PARTITION, sessionFetch, type ClientRequestLike, type FetchingSession, type ManualRequestOptions } from './graph-fetch'
import { createLoginWindow, type LoginBrowserWindowLike, type LoginSessionLike, type LoginWindowOptions } from './login-window'
import { createMainWindow, revealWindow, type MainWindowLike, type MainWindowOptions } from './main-window'
import { createNotifier, type NotificationClassLike } from './notifier'
import { APP_ENTRY_URL } from './origins'
import type { SafeStorageCipher } from './safe-storage-cipher'
import { createSecretClipboard, type ClipboardLike } from './secret-clipboard'
import { watchSystem, type NetLike, type PowerMonitorLike } from './system-events'
import { closeHint, createAttentionView, trayMayBeHidden, type BadgeApp } from './no-tray'
import { createTray, type TrayLike } from './tray'
import { wireUpdates, type ShellUpdates, type UpdatesSetup } from './updates'
import type { TrayMenuItem } from './tray-state'

/** What the core factory receives: the platform pieces, already adapted (a part of the core's own list). */
export type CorePorts = Pick<CreateAppCoreDeps, 'cipher' | 'settingsDir' | 'loginWindow' | 'clipboard' | 'notifier' | 'log' | 'platform' | 'settingsEngine' | 'fetch' | 'diagnostics'>

/** The Electron objects the shell uses, handed in so a test can pass the recording fake. */
export interface ElectronParts<Image = unknown> {
  app: AppLifecycleLike & LoginItemApp & BadgeApp
  BrowserWindow: new (options: MainWindowOptions | LoginWindowOptions) => MainWindowLike & LoginBrowserWindowLike
  session: { defaultSession: SessionLike; fromPartition(partition: string, options: { cache: boolean }): LoginSessionLike & FetchingSession }
  /** Electron's own autoUpdater: its `before-quit-for-update` starts an update's restart. */
  autoUpdater?: NativeUpdaterLike
  protocol: ProtocolLike
  ipcMain: IpcMainLike
  Tray: new (image: Image) => TrayLike<Image>
  Menu: { buildFromTemplate(template: (TrayMenuItem | AppMenuItem | EditMenuItem)[]): { popup(options?: { window?: unknown }): void }; setApplicationMenu(menu: unknown): void }
  nativeImage: { createFromPath(path: string): Image }
  Notification: NotificationClassLike
  clipboard: ClipboardLike
  powerMonitor: PowerMonitorLike
  net: NetLike & { request(options: ManualRequestOptions & { partition: string }): ClientRequestLike }
  shell: ShellLike & OpenPathShell
}

export interface ShellEnvironment {
  platform: NodeJS.Platform
  isPackaged: boolean
  /** The built renderer (out/renderer), served on app://token-desk/. */
  rendererRoot: string
  preloadPath: string
  iconDir: string
  appIconPath?: string
  userDataDir: string
  /** electron-vite's dev server; honoured only when not packaged. */
  devServerUrl: string | null
  /** Started at login: stay in the tray. */
  startHidden: boolean
  execPath: string
  appImage?: string
  /** $XDG_CONFIG_HOME: where Linux autostart entries live (default ~/.config). */
  configHome?: string
  cipher: SafeStorageCipher
  /** electron-store's class: the settings file goes through it, with the core's schema and options. */
  ElectronStore?: ElectronStoreConstructor
  log: Logger
  /** electron-updater and how this copy may update; absent: updates off. */
  updates?: UpdatesSetup
  /** The rotated log files under userData/logs (electron-log), for diagnostics. */
  logs?: DesktopLogs
  timers: Timers
  clock: Clock
}

export interface Shell {
  core: AppCore
  showWindow(): void
  updates: ShellUpdates
}

/**
 * Wires the core to the desktop. Runs once, after `app.whenReady()`. The window (unless started
 * at login) and the tray come first: opening secret storage can wait on a keyring's unlock
 * prompt, and the person being asked must see that Token Desk is running. The bridge's handlers
 * are registered at once too, and answer as soon as the core has started.
 */
export async function composeShell<Image>(
  parts: ElectronParts<Image>,
  makeCore: (ports: CorePorts) => AppCore,
  env: ShellEnvironment,
): Promise<Shell> {
  const { log } = env
  const registry = createPolicyRegistry(appWindowPolicy((url) => void openHelpLink(parts.shell, url)))
  installHardening(parts.app, registry, env.isPackaged, log)
  hardenSession(parts.session.defaultSession, 'app')
  serveAppProtocol(parts.protocol, env.rendererRoot)

  const devServerUrl = env.isPackaged ? null : env.devServerUrl
  const gate = createQuitGate(parts.app, parts.autoUpdater)
  const attention = createAttentionView(parts.app)
  let window: MainWindowLike | null = null
  let core: AppCore | null = null
  const started = startedCore()

  const openWindow = (): MainWindowLike => {
    const win = createMainWindow({
      BrowserWindow: parts.BrowserWindow,
      preloadPath: env.preloadPath,
      isPackaged: env.isPackaged,
      ...(env.appIconPath ? { iconPath: env.appIconPath } : {}),
    })
    // Where the tray may not show, the first close of a run says how the app keeps running and how to quit.
    hideOnClose(win, gate, () => (trayMayBeHidden(env.platform) ? notifier.notify(closeHint(env.platform)) : undefined))
    // The title carries the tray's news (tokens needing attention), so the page's <title> may not replace it.
    win.on('page-title-updated', (event: { preventDefault(): void }) => event.preventDefault())
    win.setTitle(attention.title())
    // Right-click: paste a token, spelling suggestions.
    attachEditMenu(win.webContents, win, parts.Menu)
    endOfSession(win, env.platform, cleanupAtOnce)
    win.on('closed', () => {
      if (window === win) window = null
    })
    win.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => log.error('the window could not load', { error }))
    return win
  }
  const currentWindow = (): MainWindowLike | null => window
  const showWindow = (): void => {
    if (!window || window.isDestroyed()) window = openWindow()
    revealWindow(window)
  }
  const reauthorize = (tokenId: string): void => {
    showWindow()
    void core?.call('reauthorize', { id: tokenId })
  }

  const clipboard = createSecretClipboard(parts.clipboard, env.timers)
  const notifier = createNotifier(
    parts.Notification,
    (n) => (n.action === 'reauthorize' && n.tokenId ? reauthorize(n.tokenId) : showWindow()),
    log,
  )
  const loginWindow = createLoginWindow({
    BrowserWindow: parts.BrowserWindow,
    fromPartition: (partition, options) => parts.session.fromPartition(partition, options),
    registry,
    shell: parts.shell,
    isPackaged: env.isPackaged,
    timers: env.timers,
    log,
  })

  const { ElectronStore } = env
  // Updates: electron-updater behind a pure state machine; its one item joins the tray and app menu.
  let refreshMenus = (): void => undefined
  const updates = wireUpdates({ setup: env.updates, Notification: parts.Notification, shell: parts.shell, timers: env.timers, clock: env.clock, log, showWindow, onChange: () => refreshMenus() })
  const loginItemEnv: StartAtLoginEnv = { execPath: env.execPath, ...(env.appImage ? { appImage: env.appImage } : {}), ...(env.configHome ? { configHome: env.configHome } : {}) }
  // An AppImage update that renamed the file (its name carries the version) takes start at login with it.
  if (env.platform === 'linux') {
    repairAutostart(loginItemEnv, log)
    if (env.updates) followAppImageRename(env.updates.updater, loginItemEnv, log)
  }

  registerCoreHandlers(parts.ipcMain, { call: (method, input) => started.promise.then((c) => c.call(method, input)) }, { devOrigin: devServerUrl ? new URL(devServerUrl).origin : null }, log)

  const tray = createTray({
    Tray: parts.Tray,
    buildMenu: (template) => parts.Menu.buildFromTemplate(template),
    imageFromPath: (path) => parts.nativeImage.createFromPath(path),
    iconDir: env.iconDir,
    clock: env.clock,
    actions: {
      open: showWindow,
      reauthorize,
      checkNow: () => void core?.call('checkNow', {}),
      quit: gate.quit,
    },
    extraItems: () => [updates.menuItem()],
  })
  tray.starting('opening secret storage…')
  const setAppMenu = (): void =>
    parts.Menu.setApplicationMenu(parts.Menu.buildFromTemplate(appMenuTemplate(env.platform, { open: showWindow, quit: gate.quit }, [updates.menuItem()])))
  setAppMenu()
  showOnActivate(parts.app, env.platform, showWindow)

  let stopWatching = (): void => undefined
  // At quit: Electron exits once `quit` is emitted, so the cleanup is held for (quit-cleanup.ts).
  holdQuitForCleanup(
    parts.app,
    {
      now: () => {
        stopWatching()
        updates.controller.stop()
        tray.destroy()
      },
      settle: async () => {
        await clipboard.flush()
        await core?.stop()
      },
      onCap: () => clipboard.clearNow(),
    },
    env.timers,
    log,
  )
  // Windows logoff or shutdown: no before-quit, and no time; only what is synchronous happens.
  function cleanupAtOnce(): void {
    clipboard.clearNow()
    stopWatching()
    updates.controller.stop()
    tray.destroy()
    void core?.stop()
  }

  if (!env.startHidden) showWindow()

  await env.cipher.markReady()
  log.info('secret storage', { backend: env.cipher.backend, protection: env.cipher.protection() })

  const graphFetch = sessionFetch(parts.session.fromPartition(GRAPH_PARTITION, { cache: false }), (options) => parts.net.request({ ...options, partition: GRAPH_PARTITION }))
  const appCore = makeCore({
    fetch: graphFetch,
    diagnostics: desktopDiagnostics(parts.shell, env.logs, () => ({ updates: updates.describe() })),
    ...(ElectronStore ? { settingsEngine: (where: { cwd: string; name: string }) => electronSettingsBacking(ElectronStore, where.cwd, where.name) } : {}),
    cipher: env.cipher,
    settingsDir: env.userDataDir,
    loginWindow,
    clipboard,
    notifier,
    log,
    platform: {
      setStartAtLogin: startAtLogin(parts.app, env.platform, loginItemEnv),
      startAtLoginRegistered: startAtLoginRegistered(parts.app, env.platform, loginItemEnv),
    },
  })
  core = appCore
  // Before anything asks the core for its state (the tray, the network watch): its stores open here.
  try {
    await appCore.start()
  } catch (error) {
    started.fail(error)
    throw error
  }
  started.resolve(appCore)

  refreshMenus = () => {
    tray.update(appCore.state())
    setAppMenu()
  }
  appCore.subscribe((state) => {
    pushState(window?.webContents ?? null, state)
    tray.update(state)
    attention.update(state, window)
  })

  tray.update(appCore.state())
  // A window opened before the core started gets its first state now.
  const shown = currentWindow()
  attention.update(appCore.state(), shown)
  pushState(shown?.webContents ?? null, appCore.state())
  stopWatching = watchSystem(parts.powerMonitor, parts.net, env.timers, appCore)
  updates.controller.start()
  return { core: appCore, showWindow, updates }
}

/** The core once it has started; the bridge's handlers wait on it. */
function startedCore(): { promise: Promise<AppCore>; resolve(core: AppCore): void; fail(error: unknown): void } {
  let resolve!: (core: AppCore) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<AppCore>((ok, fail) => {
    resolve = ok
    reject = fail
  })
  // A start that failed ends the app (main/index.ts); calls waiting on it answer "failed" meanwhile.
  promise.catch(() => undefined)
  return { promise, resolve, fail: reject }
}
