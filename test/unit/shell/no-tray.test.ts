import { describe, expect, it } from 'vitest'
import type { AppState } from '../../../preload/api'
import type { AppCore } from '../../../main/core/app/types'
import { deathNotification } from '../../../main/core/monitor'
import { silentLogger } from '../../../main/core/log'
import { systemTimers } from '../../../main/core/ports'
import { composeShell, type CorePorts } from '../../../main/shell/compose'
import { attentionOf, closeHint } from '../../../main/shell/no-tray'
import { createSafeStorageCipher } from '../../../main/shell/safe-storage-cipher'
import { readyFakeElectron, fakeEvent } from '../../fakes/electron'
import { NOW, appState, token } from './fixtures'

async function desktop(platform: NodeJS.Platform) {
  const electron = readyFakeElectron()
  const listeners: ((s: AppState) => void)[] = []
  let current = appState([])
  const core: AppCore = {
    call: () => Promise.resolve({ ok: true, value: current } as never),
    subscribe: (l) => (listeners.push(l), () => undefined),
    state: () => current,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    wake: () => undefined,
    setOnline: () => undefined,
  }
  let ports: CorePorts | null = null
  const cipher = createSafeStorageCipher(
    { isEncryptionAvailable: () => true, encryptString: (s) => Buffer.from(s), decryptString: (b) => b.toString(), getSelectedStorageBackend: () => 'gnome_libsecret' },
    'linux',
  )
  const shell = await composeShell(electron, (p) => ((ports = p), core), {
    platform, isPackaged: true, rendererRoot: '/r', preloadPath: '/p.cjs', iconDir: '/i', userDataDir: '/u', devServerUrl: null,
    startHidden: false, execPath: '/usr/bin/token-desk', cipher, log: silentLogger, timers: systemTimers, clock: { now: () => NOW },
  })
  const publish = (state: AppState) => {
    current = state
    for (const l of listeners) l(state)
  }
  return { electron, publish, shell, ports: ports!, win: electron.BrowserWindow.instances[0]! }
}

describe('reminders and deaths where no tray icon may show', () => {
  it('closing the window on Linux hides it and says once how Token Desk keeps running and how to quit', async () => {
    const { electron, win } = await desktop('linux')
    win.userClose()
    expect(win.destroyed).toBe(false)
    expect(win.visible).toBe(false)
    expect(electron.Notification.instances.map((n) => n.options.title)).toEqual(['Token Desk is still running'])
    const body = electron.Notification.instances[0]!.options.body
    expect(body).toContain('applications menu')
    expect(body).toContain('Quit')
    expect(body).toContain('Ctrl+Q')
    expect(electron.Notification.instances[0]!.shown).toBe(true)
    win.show()
    win.userClose()
    expect(electron.Notification.instances).toHaveLength(1)
    expect(electron.app.quitCalls).toBe(0)
  })

  it('where a tray always shows (Windows, macOS), closing says nothing', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const { electron, win } = await desktop(platform)
      win.userClose()
      expect(win.visible).toBe(false)
      expect(electron.Notification.instances).toEqual([])
    }
    expect(closeHint('darwin').body).toContain('⌘Q')
  })

  it('the window title and the app badge carry what the tray would show; the page title cannot replace it', async () => {
    const { electron, publish, shell, win } = await desktop('linux')
    expect(win.title).toBe('Token Desk')
    const titleEvent = fakeEvent()
    win.emit('page-title-updated', titleEvent, 'Token Desk')
    expect(titleEvent.defaultPrevented).toBe(true)
    publish(appState([token({ id: 'a', status: 'dead' }), token({ id: 'b', status: 'expiring' }), token({ id: 'c' })]))
    expect(win.title).toBe('Token Desk (1 stopped working, 1 expiring soon)')
    expect(electron.app.badgeCounts).toEqual([2])
    publish(appState([token({ id: 'c' })]))
    expect(win.title).toBe('Token Desk')
    expect(electron.app.badgeCounts).toEqual([2, 0])
    // A window opened later starts with the current news.
    publish(appState([token({ id: 'a', status: 'needs-relogin' })]))
    win.destroy()
    shell.showWindow()
    expect(electron.BrowserWindow.instances).toHaveLength(2)
    expect(electron.BrowserWindow.instances[1]!.title).toBe('Token Desk (1 stopped working)')
    expect(attentionOf(appState([])).title).toBe('Token Desk')
  })

  it('a death notice is an OS notification, with no tray involved; clicking it opens the window', async () => {
    const { electron, ports, win } = await desktop('linux')
    win.hide()
    ports.notifier.notify(deathNotification({ type: 'token-died', tokenId: 'a', at: NOW, problem: { reason: 'password-changed', code: 190, subcode: 460, message: 'The password was changed.', fix: 'reauthorize' } } as never, 'My Page'))
    const shown = electron.Notification.instances.at(-1)!
    expect(shown.shown).toBe(true)
    expect(shown.options.title).toContain('My Page')
    shown.emit('click')
    expect(win.visible || electron.BrowserWindow.instances.length > 1).toBe(true)
  })
})
