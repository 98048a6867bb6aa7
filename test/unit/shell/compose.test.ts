import { describe, expect, it, vi } from 'vitest'
import { METHODS, STATE_CHANNEL, channelOf, type AppState } from '../../../preload/api'
import type { AppCore } from '../../../main/core/app/types'
import { silentLogger } from '../../../main/core/log'
import { systemTimers } from '../../../main/core/ports'
import { composeShell, type CorePorts, type ShellEnvironment } from '../../../main/shell/compose'
import { createSafeStorageCipher } from '../../../main/shell/safe-storage-cipher'
import { readyFakeElectron, fakeEvent } from '../../fakes/electron'
import { NOW, appState, token } from './fixtures'

function fakeCore() {
  const listeners: ((s: AppState) => void)[] = []
  const calls: string[] = []
  let current = appState([])
  const core: AppCore = {
    call: (method, input) => {
      calls.push(`${method}:${JSON.stringify(input)}`)
      return Promise.resolve({ ok: true, value: current } as never)
    },
    subscribe: (listener) => {
      listeners.push(listener)
      return () => undefined
    },
    state: () => current,
    start: () => (calls.push('start'), Promise.resolve()),
    stop: () => (calls.push('stop'), Promise.resolve()),
    wake: () => calls.push('wake'),
    setOnline: (online) => calls.push(`online:${online}`),
  }
  const publish = (state: AppState) => {
    current = state
    for (const l of listeners) l(state)
  }
  return { core, calls, publish }
}

async function setup(overrides: Partial<ShellEnvironment> = {}) {
  const electron = readyFakeElectron({ linuxBackend: 'kwallet6' })
  const { core, calls, publish } = fakeCore()
  let ports: CorePorts | null = null
  // The stand-in's safeStorage: it really encrypts, and refuses before ready.
  const cipher = createSafeStorageCipher(electron.safeStorage, 'linux')
  const shell = await composeShell(
    electron,
    (p) => {
      ports = p
      return core
    },
    {
      platform: 'linux',
      isPackaged: true,
      rendererRoot: '/app/out/renderer',
      preloadPath: '/app/out/preload/index.cjs',
      iconDir: '/app/assets',
      userDataDir: '/home/u/.config/Token Desk',
      devServerUrl: 'http://localhost:5173',
      startHidden: false,
      execPath: '/opt/token-desk',
      cipher,
      log: silentLogger,
      timers: systemTimers,
      clock: { now: () => NOW },
      ...overrides,
    },
  )
  if (!ports) throw new Error('the core factory was not called')
  return { electron, shell, calls, publish, ports: ports as CorePorts, cipher }
}

describe('composeShell', () => {
  it('hands the core ready adapters and starts it', async () => {
    const { ports, calls, cipher } = await setup()
    expect(cipher.protection()).toBe('os-keystore')
    expect(ports.cipher).toBe(cipher)
    expect(ports.settingsDir).toBe('/home/u/.config/Token Desk')
    expect(typeof ports.loginWindow.open).toBe('function')
    expect(ports.clipboard).not.toBe('page')
    expect(typeof (ports.clipboard as { copy?: unknown }).copy).toBe('function')
    expect(typeof ports.notifier.notify).toBe('function')
    expect(typeof ports.platform.setStartAtLogin).toBe('function')
    expect(calls).toContain('start')
  })

  it('hardens the default session, serves app:// and registers every method once', async () => {
    const { electron } = await setup()
    expect(electron.session.defaultSession.permissionRequestHandler).not.toBeNull()
    expect(electron.session.defaultSession.permissionCheckHandler).not.toBeNull()
    expect([...electron.protocol.handlers.keys()]).toEqual(['app'])
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(METHODS.map(channelOf).sort())
    expect(electron.app.listenerCount('web-contents-created')).toBe(1)
  })

  it('opens one hardened window on app://, never the dev server when packaged', async () => {
    const { electron } = await setup()
    const [win] = electron.BrowserWindow.instances
    expect(electron.BrowserWindow.instances).toHaveLength(1)
    expect(win!.loaded).toEqual(['app://token-desk/index.html'])
    expect(win!.visible).toBe(true)
    expect(win!.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    })
    const nav = fakeEvent({ url: 'https://example.com/' })
    win!.webContents.emit('will-navigate', nav)
    expect(nav.defaultPrevented).toBe(true)
  })

  it('loads the dev server and trusts its origin only when not packaged', async () => {
    const { electron } = await setup({ isPackaged: false })
    const win = electron.BrowserWindow.instances[0]!
    expect(win.loaded).toEqual(['http://localhost:5173'])
    const handler = electron.ipcMain.handlers.get(channelOf('getState'))!
    const reply = (await handler({ senderFrame: { url: 'http://localhost:5173/', parent: null } }, {})) as { ok: boolean }
    expect(reply.ok).toBe(true)
  })

  it('stays in the tray when started at login', async () => {
    const { electron, shell } = await setup({ startHidden: true })
    expect(electron.BrowserWindow.instances).toHaveLength(0)
    shell.showWindow()
    expect(electron.BrowserWindow.instances).toHaveLength(1)
  })

  it('pushes each state to the window and the tray', async () => {
    const { electron, publish } = await setup()
    const state = appState([token({ status: 'dead' })])
    publish(state)
    const win = electron.BrowserWindow.instances[0]!
    // The window opened before the core started: it got the first state, then this one.
    expect(win.webContents.sent).toEqual([
      { channel: STATE_CHANNEL, args: [appState([])] },
      { channel: STATE_CHANNEL, args: [state] },
    ])
    expect(electron.Tray.instances[0]!.images.at(-1)).toEqual({ path: '/app/assets/tray-dead.png' })
  })

  it('a notification click opens the re-authorisation of that token', async () => {
    const { electron, ports, calls } = await setup({ startHidden: true })
    ports.notifier.notify({ key: 'k', title: 't', body: 'b', tokenId: 'tok_9', action: 'reauthorize' })
    electron.Notification.instances[0]!.emit('click')
    expect(electron.BrowserWindow.instances).toHaveLength(1)
    expect(calls).toContain('reauthorize:{"id":"tok_9"}')
  })

  it('wakes the core on resume, and a second launch shows the hidden window', async () => {
    const { electron, calls, shell } = await setup()
    electron.powerMonitor.emit('resume')
    expect(calls).toContain('wake')
    const win = electron.BrowserWindow.instances[0]!
    win.userClose()
    expect(win.visible).toBe(false)
    shell.showWindow()
    expect(win.visible).toBe(true)
    expect(electron.BrowserWindow.instances).toHaveLength(1)
  })

  it('Quit from the tray stops the core, clears the tray and lets the window close', async () => {
    const { electron, calls } = await setup()
    const menu = (electron.Tray.instances[0]!.menu as { template: { label?: string; click?: () => void }[] }).template
    const quit = menu.find((item) => item.label === 'Quit')
    expect(quit).toBeDefined()
    quit!.click!()
    // The quit waits for the cleanup, then quits again for real.
    await vi.waitFor(() => expect(electron.standIn.exited).toEqual({ code: 0 }))
    expect(electron.app.quitCalls).toBe(2)
    expect(calls).toContain('stop')
    expect(electron.Tray.instances[0]!.destroyed).toBe(true)
    // Electron's quit closes the window itself; the hide-on-close guard lets it.
    expect(electron.BrowserWindow.instances[0]!.destroyed).toBe(true)
  })
})
