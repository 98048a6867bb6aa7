import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  appMenuTemplate,
  claimSingleInstance,
  createQuitGate,
  hideOnClose,
  linuxAutostartEntry,
  startAtLogin,
  startedHidden,
} from '../../../main/shell/lifecycle'
import { readyFakeElectron, fakeEvent } from '../../fakes/electron'

describe('single instance (R23)', () => {
  it('quits at once when another instance holds the lock', () => {
    const { app } = readyFakeElectron()
    app.lockGranted = false
    expect(claimSingleInstance(app, () => undefined)).toBe(false)
    expect(app.quitCalls).toBe(1)
    expect(app.listenerCount('second-instance')).toBe(0)
  })

  it('the first instance shows its window when a second launch arrives', () => {
    const { app } = readyFakeElectron()
    let shown = 0
    expect(claimSingleInstance(app, () => shown++)).toBe(true)
    expect(app.quitCalls).toBe(0)
    app.emit('second-instance', fakeEvent(), ['token-desk'], '/')
    expect(shown).toBe(1)
  })
})

describe('quitting only from the tray or menu', () => {
  it('closing the window hides it; closing the last window does not quit', () => {
    const electron = readyFakeElectron()
    const gate = createQuitGate(electron.app)
    const win = new electron.BrowserWindow({})
    win.show()
    hideOnClose(win, gate)
    win.userClose()
    expect(win.destroyed).toBe(false)
    expect(win.visible).toBe(false)
    expect(electron.app.listenerCount('window-all-closed')).toBe(1)
    electron.app.emit('window-all-closed')
    expect(electron.app.quitCalls).toBe(0)
  })

  it('after Quit, the window closes for real', () => {
    const electron = readyFakeElectron()
    const gate = createQuitGate(electron.app)
    const win = new electron.BrowserWindow({})
    hideOnClose(win, gate)
    gate.quit()
    expect(electron.app.quitCalls).toBe(1)
    expect(gate.isQuitting()).toBe(true)
    // Electron's quit closes every window itself; the hidden-on-close window lets it.
    expect(win.destroyed).toBe(true)
    expect(electron.standIn.exited).toEqual({ code: 0 })
  })

  it('the app menu offers Open and Quit, and the Edit roles', () => {
    const calls: string[] = []
    const actions = { open: () => calls.push('open'), quit: () => calls.push('quit') }
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const menu = appMenuTemplate(platform, actions)
      const first = menu[0] as { submenu: { label?: string; click?: () => void }[] }
      first.submenu.find((i) => i.label?.startsWith('Quit'))?.click?.()
      first.submenu.find((i) => i.label === 'Open Token Desk')?.click?.()
      expect(menu).toContainEqual({ role: 'editMenu' })
    }
    expect(calls).toEqual(['quit', 'open', 'quit', 'open', 'quit', 'open'])
  })
})

describe('start at login', () => {
  it('uses login items on macOS and Windows', () => {
    const { app } = readyFakeElectron({ platform: 'win32' })
    const set = startAtLogin(app, 'win32', { execPath: 'C:\\TD\\Token Desk.exe' })
    set(true)
    set(false)
    expect(app.loginItemSettings).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ])
  })

  it('writes and removes a freedesktop autostart entry on Linux', () => {
    const { app } = readyFakeElectron()
    const home = mkdtempSync(join(tmpdir(), 'td-autostart-'))
    try {
      const set = startAtLogin(app, 'linux', { execPath: '/opt/Token Desk/token-desk', appImage: '/home/u/Token Desk.AppImage', configHome: home })
      set(true)
      const file = join(home, 'autostart', 'token-desk.desktop')
      expect(readFileSync(file, 'utf8')).toContain('Exec="/home/u/Token Desk.AppImage" --hidden')
      set(false)
      expect(existsSync(file)).toBe(false)
      expect(app.loginItemSettings).toEqual([])
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  it('quotes the Exec path only when needed', () => {
    expect(linuxAutostartEntry('/usr/bin/token-desk')).toContain('Exec=/usr/bin/token-desk --hidden')
    // The spec's two layers: \$ for the quoting rule, its backslash doubled by the string rule.
    expect(linuxAutostartEntry('/a b/$x')).toContain('Exec="/a b/\\\\$x" --hidden')
  })
})

describe('a start at login stays in the tray (issue 18, fault 9)', () => {
  it('macOS says so in wasOpenedAtLogin: the login item passes no arguments there', () => {
    const atLogin = readyFakeElectron({ platform: 'darwin', openedAtLogin: true })
    expect(startedHidden(['/Applications/Token Desk.app/Contents/MacOS/Token Desk'], 'darwin', atLogin.app)).toBe(true)
    const byHand = readyFakeElectron({ platform: 'darwin', openedAtLogin: false })
    expect(startedHidden(['/Applications/Token Desk.app/Contents/MacOS/Token Desk'], 'darwin', byHand.app)).toBe(false)
  })

  it('Windows passes the login item’s --hidden; Linux’s autostart entry passes it itself', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { app } = readyFakeElectron({ platform })
      expect(startedHidden(['token-desk', '--hidden'], platform, app), platform).toBe(true)
      expect(startedHidden(['token-desk'], platform, app), platform).toBe(false)
    }
  })
})
