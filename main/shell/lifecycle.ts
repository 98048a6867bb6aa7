import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

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

/** Quitting happens only from the tray or the app menu; closing the last window keeps the tray. */
export function createQuitGate(app: AppLifecycleLike): QuitGate {
  let quitting = false
  app.on('before-quit', () => {
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

export function hideOnClose(win: HideOnCloseWindow, gate: QuitGate): void {
  win.on('close', (event) => {
    if (gate.isQuitting()) return
    event.preventDefault()
    win.hide()
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
}

/** A freedesktop autostart entry: Electron's login items do nothing on Linux. */
export function linuxAutostartEntry(exec: string): string {
  const quoted = /[\s"'\\]/.test(exec) ? `"${exec.replace(/(["\\`$])/g, '\\$1')}"` : exec
  return ['[Desktop Entry]', 'Type=Application', 'Name=Token Desk', `Exec=${quoted} ${HIDDEN_ARG}`, 'X-GNOME-Autostart-enabled=true', ''].join('\n')
}

export function startAtLogin(
  app: LoginItemApp,
  platform: NodeJS.Platform,
  env: { execPath: string; appImage?: string; configHome?: string },
): (on: boolean) => void {
  if (platform !== 'linux') {
    return (on) => app.setLoginItemSettings({ openAtLogin: on, args: [HIDDEN_ARG] })
  }
  const dir = join(env.configHome ?? join(homedir(), '.config'), 'autostart')
  const file = join(dir, 'token-desk.desktop')
  return (on) => {
    if (!on) return rmSync(file, { force: true })
    mkdirSync(dir, { recursive: true })
    writeFileSync(file, linuxAutostartEntry(env.appImage ?? env.execPath), { mode: 0o644 })
  }
}
