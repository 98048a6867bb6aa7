import type { EditMenuContents } from './edit-menu'
import type { Listener } from './listener'

export interface MainWindowLike {
  on(event: string, listener: Listener): unknown
  once(event: string, listener: Listener): unknown
  loadURL(url: string): Promise<void>
  show(): void
  hide(): void
  focus(): void
  restore(): void
  isMinimized(): boolean
  isDestroyed(): boolean
  setTitle(title: string): void
  readonly webContents: EditMenuContents & { send(channel: string, ...args: unknown[]): void; isDestroyed(): boolean }
}

export type MainWindowOptions = {
  title: string
  width: number
  height: number
  minWidth: number
  minHeight: number
  show: boolean
  icon?: string
  autoHideMenuBar: boolean
  webPreferences: {
    preload: string
    contextIsolation: true
    sandbox: true
    nodeIntegration: false
    webSecurity: true
    devTools: boolean
    spellcheck: boolean
    disableBlinkFeatures: string
  }
}

export interface MainWindowDeps {
  BrowserWindow: new (options: MainWindowOptions) => MainWindowLike
  preloadPath: string
  iconPath?: string
  isPackaged: boolean
}

/**
 * The app's one window. The hardening options are written out literally here (not spread from
 * a shared object) so scanners and test/static can read them at the call site.
 */
export function createMainWindow(deps: MainWindowDeps): MainWindowLike {
  // A plain `BrowserWindow` identifier, so Electronegativity's window checks match this call.
  const { BrowserWindow } = deps
  return new BrowserWindow({
    title: 'Token Desk',
    width: 1120,
    height: 780,
    minWidth: 720,
    minHeight: 520,
    show: false,
    ...(deps.iconPath ? { icon: deps.iconPath } : {}),
    autoHideMenuBar: true,
    webPreferences: {
      preload: deps.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !deps.isPackaged,
      spellcheck: true,
      // Middle-click cannot open windows either (window.open is denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  })
}

export function revealWindow(win: MainWindowLike): void {
  if (win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}
