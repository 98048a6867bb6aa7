import type { Schema } from 'conf'
import { PURPOSES, type LoginConfigs, type Purpose, type Settings } from '../../../preload/api'

/**
 * The settings file, as data: its TypeScript shape, its defaults and its JSON Schema. The same
 * schema serves `conf` here and electron-store in the desktop shell (electron-store runs on conf).
 * Secrets never go here: the App Secret and tokens live in the vault.
 */

/** Bump when the shape changes, and add the step to migrate.ts with a fixture in its test. */
export const SETTINGS_VERSION = 1

export type AppMode = 'none' | 'practice' | 'production'

/** The Meta app this desktop is set up for. The App Secret is in the vault, not here. */
export interface AppConfig {
  mode: AppMode
  appId: string | null
  redirectUri: string | null
  apiVersion: string | null
  appType: string | null
  /** null until a login shows whether the app honours PKCE. */
  pkceHonoured: boolean | null
  /** Facebook Login for Business configurations; all null: the classic dialog. */
  loginConfigs: LoginConfigs
  /**
   * The port `token-desk serve` listens on when none is given: its login returns to
   * http://localhost:PORT/login/callback, which must stay the same address (Strict Mode).
   */
  webPort: number | null
  /** The purpose chosen last in the wizard: the next token starts there, without asking again. */
  purpose?: Purpose | null
}

// A type, not an interface: conf wants a Record, and only types get an implicit index signature.
export type SettingsData = {
  version: number
  settings: Settings
  app: AppConfig
  /** Keys of reminders already shown, so each one is shown once across restarts. */
  remindersShown: string[]
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  reminderDays: [14, 7, 3, 1],
  dataAccessReminderDays: [14, 3],
  checkIntervalHours: 6,
  startAtLogin: false,
  allowWeakSecretStorage: false,
  alertCommand: [],
})

export const DEFAULT_APP_CONFIG: Readonly<AppConfig> = Object.freeze({
  mode: 'none',
  appId: null,
  redirectUri: null,
  apiVersion: null,
  appType: null,
  pkceHonoured: null,
  loginConfigs: Object.freeze({ all: null, ads: null, pages: null, systemUser: null }),
  webPort: null,
})

/** Oldest keys are dropped past this many; a reminder key names a token and a deadline. */
export const MAX_REMINDERS_REMEMBERED = 5000

export function defaultSettingsData(): SettingsData {
  return {
    version: SETTINGS_VERSION,
    settings: structuredClone({ ...DEFAULT_SETTINGS }),
    app: { ...DEFAULT_APP_CONFIG },
    remindersShown: [],
  }
}

const days = (max: number) =>
  ({ type: 'array', minItems: 1, maxItems: 8, items: { type: 'integer', minimum: 1, maximum: max } }) as const
const nullableString = (extra: Record<string, unknown> = {}) => ({ type: ['string', 'null'], maxLength: 2048, ...extra }) as const

/** The `schema` option of conf and electron-store: one JSON Schema per top-level key. Bounds match preload/api.ts. */
export const settingsJsonSchema: Schema<SettingsData> = {
  version: { type: 'integer', const: SETTINGS_VERSION },
  settings: {
    type: 'object',
    required: ['reminderDays', 'dataAccessReminderDays', 'checkIntervalHours', 'startAtLogin', 'allowWeakSecretStorage'],
    properties: {
      reminderDays: days(60),
      dataAccessReminderDays: days(89),
      checkIntervalHours: { type: 'integer', minimum: 1, maximum: 168 },
      startAtLogin: { type: 'boolean' },
      allowWeakSecretStorage: { type: 'boolean' },
      alertCommand: { type: 'array', maxItems: 64, items: { type: 'string', minLength: 1, maxLength: 4096 } },
    },
  },
  app: {
    type: 'object',
    required: ['mode', 'appId', 'redirectUri', 'apiVersion', 'appType', 'pkceHonoured'],
    properties: {
      mode: { enum: ['none', 'practice', 'production'] },
      appId: nullableString({ pattern: '^\\d{1,32}$' }),
      redirectUri: nullableString(),
      apiVersion: nullableString({ pattern: '^v\\d{1,3}\\.\\d$' }),
      appType: nullableString(),
      pkceHonoured: { type: ['boolean', 'null'] },
      loginConfigs: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(['all', 'ads', 'pages', 'systemUser'].map((k) => [k, { type: ['string', 'null'], pattern: '^\\d{1,32}$' }])),
      },
      webPort: { type: ['integer', 'null'], minimum: 1, maximum: 65535 },
      purpose: { enum: [...PURPOSES, null] },
    },
  },
  remindersShown: { type: 'array', maxItems: MAX_REMINDERS_REMEMBERED, items: { type: 'string', minLength: 1, maxLength: 256 } },
}
