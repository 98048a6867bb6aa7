import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, isCorruptSettingsError, openSettings, type SettingsData } from '../../../main/core/settings'
import { electronSettingsBacking, openElectronSettings, type ElectronStoreOptions } from '../../../main/shell/settings-store'

/**
 * electron-store is conf plus Electron's userData default; it maps `name` to conf's `configName`.
 * This stand-in does the same mapping, so the adapter's options reach the real engine unchanged.
 */
class ElectronStoreStandIn extends Conf<SettingsData> {
  constructor({ name, ...options }: ElectronStoreOptions) {
    super({ ...options, configName: name })
  }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'td-settings-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('the electron-store settings adapter (R21)', () => {
  it('starts on the core defaults and writes with mode 0600', () => {
    const store = openElectronSettings(ElectronStoreStandIn, dir)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    store.update({ checkIntervalHours: 12 })
    expect(openElectronSettings(ElectronStoreStandIn, dir).get().checkIntervalHours).toBe(12)
    expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600)
  })

  it("reads and writes the same file as the core's conf store", () => {
    openElectronSettings(ElectronStoreStandIn, dir).update({ reminderDays: [10, 2] })
    const core = openSettings({ dir })
    expect(core.notices).toEqual([])
    expect(core.store.get().reminderDays).toEqual([10, 2])
  })

  it('enforces the core schema', () => {
    expect(() => openElectronSettings(ElectronStoreStandIn, dir).update({ checkIntervalHours: 0 })).toThrow()
  })

  it('throws a corrupt-file error on a damaged file, never wiping it', () => {
    writeFileSync(join(dir, 'settings.json'), '{"version": 1, "sett')
    let caught: unknown = null
    try {
      electronSettingsBacking(ElectronStoreStandIn, dir)
    } catch (error) {
      caught = error
    }
    expect(isCorruptSettingsError(caught)).toBe(true)
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{"version": 1, "sett')
  })
})
