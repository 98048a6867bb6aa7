import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppCore } from '../../../main/core/app/create'
import { silentLogger } from '../../../main/core/log'
import { composeShell } from '../../../main/shell/compose'
import { createSafeStorageCipher } from '../../../main/shell/safe-storage-cipher'
import { heldTimers } from '../../integration/app/harness'
import { readyFakeElectron } from '../../fakes/electron'

describe('composeShell with the real core', () => {
  it('starts: the tray, the title and the menus are drawn from a started core', async () => {
    const electron = readyFakeElectron()
    const home = mkdtempSync(join(tmpdir(), 'td-compose-real-'))
    const cipher = createSafeStorageCipher(electron.safeStorage, 'linux')
    try {
      const shell = await composeShell(electron, (ports) => createAppCore({ ...ports, timers: heldTimers }), {
        platform: 'linux', isPackaged: true, rendererRoot: '/r', preloadPath: '/p.cjs', iconDir: '/i', userDataDir: home, devServerUrl: null,
        startHidden: false, execPath: '/usr/bin/token-desk', configHome: join(home, 'xdg'), cipher, log: silentLogger, timers: heldTimers, clock: { now: () => Date.now() },
      })
      expect(shell.core.state().mode).toBe('none')
      expect(electron.Tray.instances).toHaveLength(1)
      expect((electron.Tray.instances[0]!.menu as { template: { label?: string }[] }).template.map((i) => i.label)).toContain('Quit')
      expect(electron.BrowserWindow.instances[0]!.title).toBe('Token Desk')
      expect(shell.core.state().settings.startAtLogin).toBe(false)
      await shell.core.stop()
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })
})
