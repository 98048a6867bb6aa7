import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

import type { Listener } from './listener'

export interface AppLifecycleLike {
  requestSingleInstanceLock(): boolean
  quit(): void
  on(event: string, listener: Listener): unknown
}

/**
 * Taken before any store opens, so two processes never write the same files. A second launch
 * hands over to the first, which shows its window.
 */
export function claimSingleInstance(app: AppLifecycleLike, onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', onSecondLaunch)
  return true
}

export interface QuitGate {
  isQuitting: () => boolean
  quit: () => void
}

/** Electron's own autoUpdater (Squirrel), which electron-updater's MacUpdater drives. */
export interface NativeUpdaterLike {
  on(event: 'before-quit-for-update', listener: () => void): unknown
}

/**
 * Quitting happens only from the tray or the app menu; closing the last window keeps the tray.
 * An update's restart counts as quitting from its first event: the native quitAndInstall emits
 * `before-quit-for-update`, then closes every window, and emits `before-quit` only once they
 * have closed (docs/api/app.md, note on before-quit), so a window that hid instead would keep
 * the update waiting for ever.
 */
export function createQuitGate(app: AppLifecycleLike, nativeUpdater?: NativeUpdaterLike): QuitGate {
  let quitting = false
  app.on('before-quit', () => {
    quitting = true
  })
  nativeUpdater?.on('before-quit-for-update', () => {
    quitting = true
  })
  // Having any listener stops Electron's default of quitting when the last window closes.
  app.on('window-all-closed', () => undefined)
  return {
    isQuitting: () => quitting,
    quit: () => {
      quitting = true
      app.quit()
    },
  }
}

export interface HideOnCloseWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  hide(): void
}

export function hideOnClose(win: HideOnCloseWindow, gate: QuitGate, onHidden?: () => void): void {
  win.on('close', (event) => {
    if (gate.isQuitting()) return
    event.preventDefault()
    win.hide()
    onHidden?.()
  })
}

export type AppMenuItem =
  | { label: string; accelerator?: string; click: () => void }
  | { label: string; enabled?: boolean; click?: () => void }
  | { type: 'separator' }
  | { role: 'editMenu' | 'windowMenu' }
  | { label: string; submenu: AppMenuItem[] }

/** The app menu: open, quit, and the Edit roles (copy and paste need them on macOS); `extra` after Open. */
export function appMenuTemplate(platform: NodeJS.Platform, actions: { open: () => void; quit: () => void }, extra: AppMenuItem[] = []): AppMenuItem[] {
  const quitLabel = platform === 'darwin' ? 'Quit Token Desk' : 'Quit'
  return [
    {
      label: platform === 'darwin' ? 'Token Desk' : 'File',
      submenu: [
        { label: 'Open Token Desk', click: actions.open },
        ...extra,
        { type: 'separator' },
        { label: quitLabel, accelerator: 'CmdOrCtrl+Q', click: actions.quit },
      ],
    },
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ]
}

export const HIDDEN_ARG = '--hidden'

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean; wasOpenedAtLogin?: boolean }
}

/**
 * Whether this start was a start at login, which stays in the tray. The login item's `args`
 * reach the app on Windows only (electron.d.ts, LoginItemSettings), and Linux's autostart entry
 * passes --hidden itself; macOS says so in `wasOpenedAtLogin` instead.
 */
export function startedHidden(argv: readonly string[], platform: NodeJS.Platform, app: LoginItemApp): boolean {
  if (argv.includes(HIDDEN_ARG)) return true
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true
}

/**
 * macOS: a Dock click, or opening the app from Finder while it runs, emits `activate`, not
 * `second-instance` (electron.d.ts, `@platform darwin`): show the window (it hid on close).
 */
export function showOnActivate(app: AppLifecycleLike, platform: NodeJS.Platform, show: () => void): void {
  if (platform === 'darwin') app.on('activate', () => show())
}

/**
 * One argument of a desktop entry's Exec key: quoted when it holds a reserved character, with
 * the spec's two escaping layers (the quoting rule, then the string rule that doubles each
 * backslash), and % doubled so it is not read as a field code.
 */
export function desktopExecArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%')
  if (!/[\s"'\\`$<>~|&;*?#()]/.test(escaped)) return escaped
  return `"${escaped.replace(/["`$\\]/g, (c) => (c === '\\' ? '\\\\\\\\' : `\\\\${c}`))}"`
}

/** A freedesktop autostart entry: Electron's login items do nothing on Linux. */
export function linuxAutostartEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Token Desk',
    'Comment=Watches your Meta access tokens and warns before they expire',
    `Exec=${desktopExecArg(exec)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

export interface StartAtLoginEnv {
  execPath: string
  /** $APPIMAGE: the file to start, since execPath points into the AppImage's temporary mount. */
  appImage?: string
  /** $XDG_CONFIG_HOME, when set. */
  configHome?: string
}

/** $XDG_CONFIG_HOME/autostart/token-desk.desktop (default ~/.config). */
export function autostartFile(env: StartAtLoginEnv): string {
  return join(env.configHome ?? join(homedir(), '.config'), 'autostart', 'token-desk.desktop')
}

export function startAtLogin(app: LoginItemApp, platform: NodeJS.Platform, env: StartAtLoginEnv): (on: boolean) => void {
  if (platform !== 'linux') {
    return (on) => app.setLoginItemSettings({ openAtLogin: on, args: [HIDDEN_ARG] })
  }
  const file = autostartFile(env)
  return (on) => {
    if (!on) return rmSync(file, { force: true })
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, linuxAutostartEntry(env.appImage ?? env.execPath), { mode: 0o644 })
  }
}

/**
 * Whether start at login is registered for this copy now. On Linux: the autostart file exists,
 * is not hidden or disabled, and starts this executable (an entry left by another copy, or an
 * AppImage that moved, does not count).
 */
export function startAtLoginRegistered(app: LoginItemApp, platform: NodeJS.Platform, env: StartAtLoginEnv): () => boolean {
  if (platform !== 'linux') return () => app.getLoginItemSettings({ args: [HIDDEN_ARG] }).openAtLogin
  const file = autostartFile(env)
  return () => {
    // Read now: an AppImage update may have renamed the file since start (appimage-autostart.ts).
    const expected = `Exec=${desktopExecArg(env.appImage ?? env.execPath)} ${HIDDEN_ARG}`
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      return false
    }
    const lines = text.split(/\r?\n/).map((l) => l.trim())
    if (lines.some((l) => /^Hidden\s*=\s*true$/i.test(l) || /^X-GNOME-Autostart-enabled\s*=\s*false$/i.test(l))) return false
    return lines.includes(expected)
  }
}
