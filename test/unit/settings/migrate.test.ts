import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_APP_CONFIG,
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  SettingsFormatError,
  deserializeSettings,
  migrate,
  settingsJsonSchema,
  versionOf,
} from '../../../main/core/settings'

const validate = new Ajv2020({ allErrors: true }).compile({ type: 'object', properties: settingsJsonSchema })

describe('the settings schema itself', () => {
  it('is valid JSON Schema 2020-12: proven here once, so conf need not check it at every start', () => {
    const ajv = new Ajv2020({ strict: true })
    for (const [key, schema] of Object.entries(settingsJsonSchema)) expect(ajv.validateSchema(schema as object), key).toBe(true)
    expect(ajv.validateSchema({ type: 'object', properties: { broken: { type: 'no-such-type' } } })).toBe(false)
  })
})

/** One file per released version, as that version wrote it. Add one when SETTINGS_VERSION grows. */
const FIXTURES: Record<number, { stored: unknown; settings: Record<string, unknown>; app: Record<string, unknown>; reminders: string[] }> = {
  1: {
    stored: {
      version: 1,
      settings: { reminderDays: [10, 2], dataAccessReminderDays: [20], checkIntervalHours: 12, startAtLogin: true, allowWeakSecretStorage: true },
      app: { mode: 'production', appId: '1234567890', redirectUri: 'https://www.facebook.com/connect/login_success.html', apiVersion: 'v25.0', appType: 'business', pkceHonoured: false },
      remindersShown: ['tok1:expires:2025-03-01:7'],
    },
    settings: { reminderDays: [10, 2], dataAccessReminderDays: [20], checkIntervalHours: 12, startAtLogin: true, allowWeakSecretStorage: true },
    app: { mode: 'production', appId: '1234567890', apiVersion: 'v25.0', appType: 'business', pkceHonoured: false },
    reminders: ['tok1:expires:2025-03-01:7'],
  },
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

describe('migrate', () => {
  it('has a fixture for every released version', () => {
    expect(Object.keys(FIXTURES).map(Number)).toEqual(Array.from({ length: SETTINGS_VERSION }, (_, i) => i + 1))
  })

  it.each(Object.entries(FIXTURES))('brings version %s up to date, keeping what the user set', (version, fixture) => {
    const out = migrate(deepFreeze(structuredClone(fixture.stored)), Number(version))
    expect(validate(out)).toBe(true)
    expect(out.version).toBe(SETTINGS_VERSION)
    expect(out.settings).toMatchObject(fixture.settings)
    expect(out.app).toMatchObject(fixture.app)
    expect(out.remindersShown).toEqual(fixture.reminders)
  })

  it('does not change its input', () => {
    const input = { version: 1, settings: { checkIntervalHours: 3 } }
    const copy = structuredClone(input)
    const out = migrate(input, 1)
    out.settings.reminderDays.push(99)
    expect(input).toEqual(copy)
  })

  it('fills missing sections and keys with the defaults', () => {
    const out = migrate({ version: 1, settings: { checkIntervalHours: 3 } }, 1)
    expect(out.settings).toEqual({ ...DEFAULT_SETTINGS, checkIntervalHours: 3 })
    expect(out.app).toEqual(DEFAULT_APP_CONFIG)
    expect(out.remindersShown).toEqual([])
    expect(validate(out)).toBe(true)
  })

  it('keeps a section of the wrong type so the schema check rejects it', () => {
    expect(validate(migrate({ version: 1, settings: 'loud' }, 1))).toBe(false)
    expect(validate(migrate({ version: 1, app: [] }, 1))).toBe(false)
  })

  it('refuses a newer version, a version below 1 and anything that is not an object', () => {
    expect(() => migrate({ version: SETTINGS_VERSION + 1 }, SETTINGS_VERSION + 1)).toThrow(SettingsFormatError)
    expect(() => migrate({}, 0)).toThrow(SettingsFormatError)
    expect(() => migrate({}, 1.5)).toThrow(SettingsFormatError)
    for (const bad of [null, [], 'x', 3]) expect(() => migrate(bad, 1)).toThrow(SettingsFormatError)
  })

  it('reads the version from the file, counting an unversioned file as version 1', () => {
    expect(versionOf({ version: 7 })).toBe(7)
    expect(versionOf({})).toBe(1)
    expect(deserializeSettings('{"settings":{"startAtLogin":true}}').settings.startAtLogin).toBe(true)
    expect(() => deserializeSettings('{"version": 1')).toThrow(SyntaxError)
  })
})
