/**
 * The desktop shell through Electron's lifecycle, against the strict stand-in: the faults of
 * issue 18 that live in composeShell (an update's restart on macOS, the Dock click, the quit's
 * cleanup, Windows logoff, a keyring prompt at start, the right-click menu).
 */
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { AppState } from '../../../preload/api'
import { channelOf } from '../../../preload/api'
import type { AppCore } from '../../../main/core/app/types'
import { createLogger, memorySink, silentLogger } from '../../../main/core/log'
import { systemTimers, type SecretClipboard } from '../../../main/core/ports'
import type { UpdaterLike } from '../../../main/core/update/controller'
import { composeShell, type CorePorts, type ShellEnvironment } from '../../../main/shell/compose'
import { holdQuitForCleanup } from '../../../main/shell/quit-cleanup'
import { createSafeStorageCipher } from '../../../main/shell/safe-storage-cipher'
import { readyFakeElectron, type FakeElectron, type StandInOptions } from '../../fakes/electron'
import { NOW, appState } from './fixtures'

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A core whose stop takes a moment, as the real one's last vault write does; it notes when it finished in the stand-in's timeline. */
function slowCore(electron: FakeElectron, stopMs = 30) {
  const calls: string[] = []
  let current = appState([])
  const core: AppCore = {
    call: (method) => (calls.push(method), Promise.resolve({ ok: true, value: current } as never)),
    subscribe: () => () => undefined,
    state: () => current,
    start: () => (calls.push('start'), Promise.resolve()),
    stop: async () => {
      await delay(stopMs)
      calls.push('stop')
      electron.standIn.timeline.push('core stopped')
    },
    wake: () => undefined,
    setOnline: () => undefined,
  }
  return { core, calls, set: (s: AppState) => (current = s) }
}

function env(electron: FakeElectron, overrides: Partial<ShellEnvironment> = {}): ShellEnvironment {
  return {
    platform: electron.standIn.platform,
    isPackaged: true,
    rendererRoot: '/app/out/renderer',
    preloadPath: '/app/out/preload/index.cjs',
    iconDir: '/app/assets',
    userDataDir: '/home/u/.config/token-desk',
    devServerUrl: null,
    startHidden: false,
    execPath: '/opt/token-desk/token-desk',
    cipher: createSafeStorageCipher(electron.safeStorage, electron.standIn.platform),
    log: silentLogger,
    timers: systemTimers,
    clock: { now: () => NOW },
    ...overrides,
  }
}

async function compose(options: StandInOptions, overrides: Partial<ShellEnvironment> = {}, stopMs?: number) {
  const electron = readyFakeElectron(options)
  const { core, calls } = slowCore(electron, stopMs)
  let ports: CorePorts | null = null
  const shell = await composeShell(electron, (p) => ((ports = p), core), env(electron, overrides))
  const win = electron.BrowserWindow.instances[0]!
  return { electron, shell, calls, win, ports: ports! }
}

const exited = (electron: FakeElectron) => vi.waitFor(() => expect(electron.standIn.exited).toEqual({ code: 0 }))

describe('macOS Restart to update (issue 18, fault 1)', () => {
  it('the native quitAndInstall closes the window (not hides it), installs, then quits', async () => {
    const electron = readyFakeElectron({ platform: 'darwin' })
    electron.autoUpdater.updateReady = true
    // electron-updater's MacUpdater: quitAndInstall hands over to Electron's own (Squirrel) autoUpdater.
    const macUpdater = Object.assign(new EventEmitter(), {
      autoDownload: true,
      autoInstallOnAppQuit: true,
      logger: null,
      checkForUpdates: () => Promise.resolve(null),
      quitAndInstall: () => electron.autoUpdater.quitAndInstall(),
    }) as unknown as UpdaterLike & EventEmitter
    const { core } = slowCore(electron)
    await composeShell(electron, () => core, env(electron, { updates: { updater: macUpdater, mode: { kind: 'silent' }, feed: null } }))
    const win = electron.BrowserWindow.instances[0]!
    macUpdater.emit('update-downloaded', { version: '0.2.0' })
    electron.standIn.clickTrayItem('Restart to update to 0.2.0')
    await exited(electron)
    expect(electron.autoUpdater.install).toBe('installed')
    expect(win.destroyed).toBe(true)
    const t = electron.standIn.timeline
    expect(t.indexOf('autoUpdater before-quit-for-update')).toBeLessThan(t.indexOf('autoUpdater install'))
    expect(t.indexOf('autoUpdater install')).toBeLessThan(t.indexOf('before-quit'))
  })
})

describe('macOS Dock click (issue 18, fault 3)', () => {
  it('activate shows the window that hid on close', async () => {
    const { electron, win } = await compose({ platform: 'darwin' })
    win.userClose()
    expect(win.visible).toBe(false)
    electron.standIn.activate()
    expect(win.visible).toBe(true)
    expect(electron.BrowserWindow.instances).toHaveLength(1)
  })

  it('is wired on macOS only (Electron emits activate nowhere else)', async () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { electron } = await compose({ platform })
      expect(electron.app.listenerCount('activate'), platform).toBe(0)
    }
  })
})

describe('cleanup at quit (issue 18, fault 5)', () => {
  it('the secret copy is cleared and the core has stopped before the process exits', async () => {
    const { electron, ports } = await compose({ platform: 'linux' }, {}, 40)
    const clipboard = ports.clipboard as SecretClipboard
    clipboard.copy('EAAsecretsecretsecret', 30_000)
    await delay(0)
    expect(electron.clipboard.text).toBe('EAAsecretsecretsecret')
    electron.standIn.clickTrayItem('Quit')
    await exited(electron)
    const t = electron.standIn.timeline
    expect(electron.clipboard.text).toBe('')
    expect(electron.clipboard.afterExit).toEqual([])
    expect(t.indexOf('clipboard cleared')).toBeGreaterThan(-1)
    expect(t.indexOf('clipboard cleared')).toBeLessThan(t.indexOf('exit'))
    expect(t.indexOf('core stopped')).toBeGreaterThan(-1)
    expect(t.indexOf('core stopped')).toBeLessThan(t.indexOf('exit'))
    expect(electron.Tray.instances[0]!.destroyed).toBe(true)
  })

  it('a cleanup that hangs holds the quit for the cap only, and the secret copy is cleared anyway', async () => {
    const electron = readyFakeElectron()
    const sink = memorySink()
    let cleared = 0
    holdQuitForCleanup(electron.app, { now: () => undefined, settle: () => new Promise(() => undefined), onCap: () => void cleared++ }, systemTimers, createLogger(sink), 50)
    electron.app.quit()
    expect(electron.standIn.exited).toBeNull()
    await exited(electron)
    expect(cleared).toBe(1)
    expect(sink.records.find((r) => r.message === 'quit: cleanup finished')?.fields).toMatchObject({ capped: true })
  })

  it('Windows logoff: no before-quit, and the secret copy is cleared at once, before the session ends', async () => {
    const { electron, ports } = await compose({ platform: 'win32' }, {}, 40)
    const clipboard = ports.clipboard as SecretClipboard
    clipboard.copy('EAAsecretsecretsecret', 30_000)
    await delay(0)
    electron.standIn.endSession()
    const t = electron.standIn.timeline
    expect(t).not.toContain('before-quit')
    expect(electron.clipboard.text).toBe('')
    expect(t.indexOf('clipboard cleared')).toBeLessThan(t.indexOf('exit'))
  })
})

describe('a keyring prompt at start (issue 18, fault 2)', () => {
  it('the window and the tray are there before secret storage answers; the bridge answers once it has', async () => {
    const electron = readyFakeElectron({ platform: 'linux', keyring: 'prompt' })
    const { core } = slowCore(electron)
    const cipher = createSafeStorageCipher(electron.safeStorage, 'linux')
    const composing = composeShell(electron, () => core, env(electron, { cipher }))
    await delay(10)
    expect(electron.safeStorage.waiting()).toBeGreaterThan(0)
    expect(electron.Tray.instances).toHaveLength(1)
    expect(electron.Tray.instances[0]!.tooltip).toBe('Token Desk: opening secret storage…')
    const win = electron.BrowserWindow.instances[0]!
    expect(win.visible).toBe(true)
    const asked = electron.standIn.rendererInvoke(win.webContents, channelOf('getState'), {})
    let answered = false
    void asked.then(() => (answered = true))
    await delay(10)
    expect(answered).toBe(false)
    electron.safeStorage.answerPrompt('dismiss')
    await composing
    expect(await asked).toMatchObject({ ok: true })
    expect(cipher.protection()).toBe('weak')
  })
})

describe('the right-click menu of the window (issue 18, fault 9)', () => {
  const editable = { isEditable: true, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: { canUndo: true, canRedo: false, canCut: false, canCopy: false, canPaste: true, canSelectAll: true } }

  it('offers Paste (and the other edit roles) in a text field', async () => {
    const { electron, win } = await compose({ platform: 'linux' })
    win.webContents.emit('context-menu', {}, editable)
    const menu = (electron.Menu.built.at(-1) as { role?: string; enabled?: boolean }[])
    expect(menu.filter((i) => i.role).map((i) => [i.role, i.enabled])).toEqual([
      ['undo', true],
      ['redo', false],
      ['cut', false],
      ['copy', false],
      ['paste', true],
      ['selectAll', true],
    ])
  })

  it('offers the spelling suggestions and Add to dictionary on a misspelt word', async () => {
    const { electron, win } = await compose({ platform: 'linux' })
    const before = electron.Menu.built.length
    win.webContents.emit('context-menu', {}, { ...editable, misspelledWord: 'tokne', dictionarySuggestions: ['token', 'tokens'] })
    expect(electron.Menu.built.length).toBe(before + 1)
    const template = electron.Menu.built.at(-1) as { label?: string; click?: () => void }[]
    expect(template.slice(0, 3).map((i) => i.label)).toEqual(['token', 'tokens', 'Add to dictionary'])
    template[0]!.click!()
    template[2]!.click!()
    expect(win.webContents.replaced).toEqual(['token'])
    expect(win.webContents.session.spellcheckerWords).toEqual(['tokne'])
  })

  it('shows nothing where there is nothing to edit or copy', async () => {
    const { electron, win } = await compose({ platform: 'linux' })
    const before = electron.Menu.built.length
    win.webContents.emit('context-menu', {}, { ...editable, isEditable: false })
    expect(electron.Menu.built.length).toBe(before)
  })
})
