export { openSettings, type OpenSettingsOptions, type OpenedSettings } from './open'
export { settingsStoreOver, memorySettings, SettingsWriteError, type SettingsStore, type SettingsBacking } from './store'
export { sharedSettingsOptions, isCorruptSettingsError } from './options'
export { migrate, versionOf, deserializeSettings, SettingsFormatError } from './migrate'
export {
  SETTINGS_VERSION,
  DEFAULT_SETTINGS,
  DEFAULT_APP_CONFIG,
  MAX_REMINDERS_REMEMBERED,
  defaultSettingsData,
  settingsJsonSchema,
  type AppConfig,
  type AppMode,
  type SettingsData,
} from './schema'
