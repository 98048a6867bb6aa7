import type { Settings } from '../../../preload/api'
import { MAX_REMINDERS_REMEMBERED, defaultSettingsData, type AppConfig, type SettingsData } from './schema'

/**
 * What the rest of the app uses for settings. The conf store here and the electron-store
 * adapter in the shell both come from `settingsStoreOver`. Synchronous, like both engines.
 * Every change is written before memory changes: a failed write throws SettingsWriteError and
 * leaves the store as it was.
 */
export interface SettingsStore {
  get(): Settings
  update(patch: Partial<Settings>): Settings
  getApp(): AppConfig
  setApp(patch: Partial<AppConfig>): AppConfig
  hasShownReminder(key: string): boolean
  markReminderShown(key: string): void
  /** Forget reminder keys, e.g. those of a removed token. */
  forgetReminders(match: (key: string) => boolean): void
  /** Back to the defaults (Delete everything). */
  clear(): void
}

/** conf and electron-store both expose the whole file as a `store` property. */
export interface SettingsBacking {
  store: SettingsData
}

export class SettingsWriteError extends Error {
  override name = 'SettingsWriteError'
}

export function settingsStoreOver(backing: SettingsBacking): SettingsStore {
  // Read once: conf re-reads the file on every access, and a file damaged by another program
  // while we run must not take the settings away mid-session.
  let current = structuredClone(backing.store)
  const commit = (next: SettingsData): void => {
    try {
      backing.store = next
    } catch (error) {
      throw new SettingsWriteError(`Settings could not be saved: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      })
    }
    current = structuredClone(next)
  }
  const get = (): Settings => structuredClone(current.settings)
  const getApp = (): AppConfig => ({ ...current.app })
  return {
    get,
    update: (patch) => {
      const settings = { ...current.settings, ...definedOnly(patch) }
      settings.reminderDays = descendingUnique(settings.reminderDays)
      settings.dataAccessReminderDays = descendingUnique(settings.dataAccessReminderDays)
      commit({ ...current, settings })
      return get()
    },
    getApp,
    setApp: (patch) => {
      commit({ ...current, app: { ...current.app, ...definedOnly(patch) } })
      return getApp()
    },
    hasShownReminder: (key) => current.remindersShown.includes(key),
    markReminderShown: (key) => {
      if (current.remindersShown.includes(key)) return
      commit({ ...current, remindersShown: [...current.remindersShown, key].slice(-MAX_REMINDERS_REMEMBERED) })
    },
    forgetReminders: (match) => {
      const kept = current.remindersShown.filter((key) => !match(key))
      if (kept.length !== current.remindersShown.length) commit({ ...current, remindersShown: kept })
    },
    clear: () => commit(defaultSettingsData()),
  }
}

/** Settings kept in memory only: when the file cannot be written at all. */
export function memorySettings(): SettingsStore {
  return settingsStoreOver({ store: defaultSettingsData() })
}

function definedOnly<T extends object>(patch: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>
}

const descendingUnique = (values: number[]): number[] => [...new Set(values)].sort((a, b) => b - a)
