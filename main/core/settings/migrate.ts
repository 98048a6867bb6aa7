import { DEFAULT_APP_CONFIG, DEFAULT_SETTINGS, SETTINGS_VERSION, type SettingsData } from './schema'

/** The stored file is from a newer Token Desk, or is not a settings object at all. */
export class SettingsFormatError extends Error {
  override name = 'SettingsFormatError'
}

type Raw = Record<string, unknown>

/**
 * One step per version: STEPS[n] turns a version-n object into a version-(n+1) object.
 * Version 1 is the first; version 2 adds `1: (v1) => ({ ...v1, version: 2, ... })` here.
 */
const STEPS: Record<number, (old: Raw) => Raw> = {}

/**
 * Upgrades a stored settings object of `fromVersion` to the current shape, pure (the input is
 * not changed). Sections and keys that are missing get their defaults, so a new key with a
 * default needs no version bump. The schema check happens after, in the store.
 */
export function migrate(old: unknown, fromVersion: number): SettingsData {
  if (!isObject(old)) throw new SettingsFormatError('The settings file does not hold an object.')
  if (!Number.isInteger(fromVersion) || fromVersion < 1) throw new SettingsFormatError(`Unknown settings version ${fromVersion}.`)
  if (fromVersion > SETTINGS_VERSION) throw new SettingsFormatError(`The settings were saved by a newer Token Desk (version ${fromVersion}).`)
  let data: Raw = structuredClone(old)
  for (let version = fromVersion; version < SETTINGS_VERSION; version++) {
    const step = STEPS[version]
    if (!step) throw new SettingsFormatError(`No migration from settings version ${version}.`)
    data = step(data)
  }
  return {
    ...data,
    version: SETTINGS_VERSION,
    settings: withDefaults(data.settings, DEFAULT_SETTINGS),
    app: withDefaults(data.app, DEFAULT_APP_CONFIG),
    remindersShown: data.remindersShown ?? [],
  } as SettingsData
}

/** The version a stored object says it is; files written before versions existed count as 1. */
export function versionOf(raw: unknown): number {
  return isObject(raw) && typeof raw.version === 'number' ? raw.version : 1
}

/** What conf and electron-store call to read the file: parse, then bring it up to date. */
export function deserializeSettings(text: string): SettingsData {
  const raw: unknown = JSON.parse(text)
  return migrate(raw, versionOf(raw))
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A section of the wrong type is kept as it is, so the schema check rejects the file. */
function withDefaults(value: unknown, defaults: object): unknown {
  if (value === undefined) return structuredClone({ ...defaults })
  return isObject(value) ? { ...structuredClone({ ...defaults }), ...value } : value
}
