import type { Options } from 'conf'
import { deserializeSettings } from './migrate'
import { defaultSettingsData, settingsJsonSchema, type SettingsData } from './schema'

/**
 * The options both engines share (conf here, electron-store in the shell, which adds its own
 * `name` and `cwd`). No `migrations` (conf's own are unsupported upstream): `deserialize` runs
 * our pure migrate on every read. `clearInvalidConfig: false` makes a bad file throw, so the
 * caller can set it aside instead of wiping it. No `encryptionKey`: it is obfuscation only, and
 * nothing secret is stored here.
 */
export function sharedSettingsOptions(): Pick<
  Options<SettingsData>,
  'schema' | 'defaults' | 'deserialize' | 'clearInvalidConfig' | 'configFileMode' | 'accessPropertiesByDotNotation' | 'fileExtension'
> {
  return {
    schema: settingsJsonSchema,
    defaults: defaultSettingsData(),
    deserialize: deserializeSettings,
    clearInvalidConfig: false,
    configFileMode: 0o600,
    // Reminder keys and ids may contain dots; keys are never paths.
    accessPropertiesByDotNotation: false,
    fileExtension: 'json',
  }
}

/** Errors that mean "the file is bad" (set it aside), as opposed to "the disk refused". */
export function isCorruptSettingsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  return (
    error.name === 'SyntaxError' ||
    error.name === 'SettingsFormatError' ||
    error.message.startsWith('Config schema violation:') ||
    error.message === 'Failed to decrypt config data.'
  )
}
