import {
  settingsStoreOver,
  sharedSettingsOptions,
  type SettingsBacking,
  type SettingsStore,
} from '../core/settings'

/** The options electron-store takes: conf's, with `name` for the file and `cwd` for the folder. */
export type ElectronStoreOptions = ReturnType<typeof sharedSettingsOptions> & { name: string; cwd: string }

/** electron-store's class (or, in tests, conf wrapped to take `name`): the same engine. */
export type ElectronStoreConstructor = new (options: ElectronStoreOptions) => SettingsBacking

/**
 * The settings file through electron-store, with exactly the core's options (schema, defaults,
 * migrate-on-read, mode 0600, no clearing) and the core's store logic on top. Call it from a
 * start function only: a bad file throws here, and the caller sets it aside (core's openSettings
 * does that once it accepts this as its engine).
 */
export function electronSettingsBacking(Store: ElectronStoreConstructor, dir: string, name = 'settings'): SettingsBacking {
  return new Store({ ...sharedSettingsOptions(), cwd: dir, name })
}

export function openElectronSettings(Store: ElectronStoreConstructor, dir: string, name = 'settings'): SettingsStore {
  return settingsStoreOver(electronSettingsBacking(Store, dir, name))
}
