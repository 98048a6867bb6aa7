import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../../main/core/log'
import type { UpdaterLike } from '../../../main/core/update/controller'
import { MANUAL_HOW } from '../../../main/core/update/state'
import { wireUpdates } from '../../../main/shell/updates'
import { readyFakeElectron } from '../../fakes/electron'

class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = true
  autoInstallOnAppQuit = true
  logger: unknown = null
  checkForUpdates(): Promise<unknown> {
    return Promise.resolve({ updateInfo: {} })
  }
  quitAndInstall(): void {}
}

function wired(mode: { kind: 'silent' } | { kind: 'manual'; how: string }) {
  const electron = readyFakeElectron()
  const updater = new FakeUpdater()
  const shown: string[] = []
  const updates = wireUpdates({
    setup: { updater, mode, feed: { provider: 'github', owner: 'token-desk', repo: 'token-desk' } },
    Notification: electron.Notification,
    shell: electron.shell,
    timers: { setTimeout: () => 0, clearTimeout: () => undefined },
    clock: { now: () => 1000 },
    log: silentLogger,
    showWindow: () => shown.push('window'),
    onChange: () => undefined,
  })
  updates.controller.start()
  return { electron, updater, shown }
}

describe('update notifications in the shell', () => {
  it('a click on "available, install it yourself" opens that version\'s release page', () => {
    const { electron, updater, shown } = wired({ kind: 'manual', how: MANUAL_HOW.deb })
    updater.emit('update-available', { version: '0.3.0' })
    expect(electron.Notification.instances.map((n) => n.options.title)).toEqual(['Token Desk 0.3.0 is available'])
    electron.Notification.instances[0]!.emit('click')
    expect(electron.shell.opened).toEqual(['https://github.com/token-desk/token-desk/releases/tag/v0.3.0'])
    expect(shown).toEqual([])
  })

  it('a click on "ready" shows the window and opens no page', () => {
    const { electron, updater, shown } = wired({ kind: 'silent' })
    updater.emit('update-available', { version: '0.3.0' })
    updater.emit('update-downloaded', { version: '0.3.0' })
    expect(electron.Notification.instances.map((n) => n.options.title)).toEqual(['Token Desk 0.3.0 is ready'])
    electron.Notification.instances[0]!.emit('click')
    expect(shown).toEqual(['window'])
    expect(electron.shell.opened).toEqual([])
  })
})
