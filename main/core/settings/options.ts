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
  'schema' | 'ajvOptions' | 'defaults' | 'deserialize' | 'clearInvalidConfig' | 'configFileMode' | 'accessPropertiesByDotNotation' | 'fileExtension'
> {
  return {
    schema: settingsJsonSchema,
    // The file is still checked against the schema on every read and write. What this skips is
    // checking our own constant schema against JSON Schema's meta-schema at every start, which
    // made Ajv compile the whole 2020-12 meta-schema: about 4 MB of memory and 40-70 ms for
    // nothing a test does not already prove (test/unit/settings/migrate.test.ts compiles it
    // with schema validation on).
    ajvOptions: { validateSchema: false },
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
