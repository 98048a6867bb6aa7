import type { LoginConfigs, Purpose } from '../../../preload/api'
import type { LoginKind } from './login-kind'

export const NO_CONFIGS: Readonly<LoginConfigs> = Object.freeze({ all: null, ads: null, pages: null, systemUser: null })

export { CONFIG_WHERE, CONFIG_WHY } from '../../../preload/configuration-words'

const FOR_ADS: ReadonlySet<Purpose> = new Set(['manage-ads', 'read-insights'])

export const hasConfigs = (configs: LoginConfigs): boolean => Object.values(configs).some((v) => v !== null)

/**
 * The configuration a purpose logs in with: its own (ads or Pages), else the one for every
 * purpose, else the other purpose's, so a Business app never falls back on a dialog it refuses;
 * the grant read-back then names what that configuration lacks. Null: the classic dialog.
 */
export function configFor(configs: LoginConfigs, purpose: Purpose): string | null {
  const own = FOR_ADS.has(purpose) ? configs.ads : configs.pages
  const other = FOR_ADS.has(purpose) ? configs.pages : configs.ads
  return own ?? configs.all ?? other
}

/** How a login for this purpose asks: through its configuration, or with these scopes. */
export function loginKindFor(configs: LoginConfigs, purpose: Purpose, scopes: readonly string[]): LoginKind {
  const configId = configFor(configs, purpose)
  return configId ? { kind: 'business', configId } : { kind: 'classic', scopes: scopes.filter((s) => s !== 'public_profile') }
}

/** A stored token made through a configuration is renewed through the same one while it is still set up. */
export function renewalKind(configs: LoginConfigs, made: string | null | undefined, purpose: Purpose, scopes: readonly string[]): LoginKind {
  if (made && Object.values(configs).includes(made)) return { kind: 'business', configId: made }
  return loginKindFor(configs, purpose, scopes)
}

/** Patch semantics: undefined keeps, null or '' clears. */
export function mergeConfigs(current: LoginConfigs, patch: Partial<Record<keyof LoginConfigs, string | null>>): LoginConfigs {
  const next = { ...current }
  for (const key of Object.keys(NO_CONFIGS) as (keyof LoginConfigs)[]) {
    const value = patch[key]
    if (value === undefined) continue
    next[key] = value === null || value.trim() === '' ? null : value.trim()
  }
  return next
}

/** The configurations of the app as stored, every key present (a settings file may predate some). */
export const configsOf = (app: { loginConfigs?: Partial<LoginConfigs> | null }): LoginConfigs => ({ ...NO_CONFIGS, ...(app.loginConfigs ?? {}) })
