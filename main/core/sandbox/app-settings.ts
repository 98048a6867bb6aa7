import type { AppRecord, SandboxState } from './state'
import type { AppRestrictions, AppSettings } from './types'
import { VERSION_LABEL } from './versions'

/**
 * The app settings a control may change, checked one by one: the control API takes JSON from
 * outside, and a typo must be an error, not a silently ignored key.
 */

const bool = (key: string, v: unknown): boolean => {
  if (typeof v !== 'boolean') throw new Error(`${key} is a boolean.`)
  return v
}
const strings = (key: string, v: unknown, max = 100): string[] => {
  if (!Array.isArray(v) || v.length > max || v.some((s) => typeof s !== 'string' || s === '' || s.length > 2048)) {
    throw new Error(`${key} is a list of non-empty strings.`)
  }
  return v as string[]
}
const nullableString = (key: string, v: unknown): string | null => {
  if (v !== null && (typeof v !== 'string' || v.length > 2048)) throw new Error(`${key} is a string or null.`)
  return v
}
const AGES = new Set(['13+', '16+', '17+', '18+', '19+', '21+'])

function restrictions(v: unknown): AppRestrictions | null {
  if (v === null) return null
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error('restrictions is an object or null.')
  const r = v as Record<string, unknown>
  const out: AppRestrictions = {}
  for (const [key, value] of Object.entries(r)) {
    if (key === 'age') {
      if (typeof value !== 'string' || !AGES.has(value)) throw new Error('restrictions.age is one of 13+, 16+, 17+, 18+, 19+, 21+.')
      out.age = value
    } else if (key === 'location') {
      if (typeof value !== 'string' || !/^[A-Z]{2}(,[A-Z]{2})*$/.test(value)) throw new Error('restrictions.location is country codes such as US,CA.')
      out.location = value
    } else if (key === 'type') {
      // "Currently can only be set to alcohol" (graph-api-doctor.md §1.1).
      if (value !== 'alcohol') throw new Error('restrictions.type can only be alcohol.')
      out.type = value
    } else throw new Error(`Unknown restriction ${key}.`)
  }
  return out
}

type Setter = (state: SandboxState, v: unknown) => Partial<AppRecord>

const SETTERS: Record<keyof AppSettings, Setter> = {
  appType: (_s, v) => {
    if (v !== 'web' && v !== 'native-desktop') throw new Error('appType is web or native-desktop.')
    return { appType: v }
  },
  requireAppSecret: (_s, v) => ({ requireAppSecret: bool('requireAppSecret', v) }),
  honourPkce: (_s, v) => ({ honourPkce: bool('honourPkce', v) }),
  mode: (_s, v) => {
    if (v !== 'development' && v !== 'live') throw new Error('mode is development or live.')
    return { mode: v }
  },
  approvedPermissions: (_s, v) => ({ approvedPermissions: v === null ? null : new Set(strings('approvedPermissions', v)) }),
  category: (_s, v) => {
    if (typeof v !== 'string' || v === '' || v.length > 100) throw new Error('category is a non-empty string.')
    return { category: v }
  },
  namespace: (_s, v) => {
    // The dashboard's rule for namespaces is not confirmed: lower-case letters, digits, - and _ here.
    if (typeof v !== 'string' || !/^[a-z0-9_-]{0,32}$/.test(v)) throw new Error('namespace is lower-case letters, digits, - and _, or empty.')
    return { namespace: v }
  },
  privacyPolicyUrl: (_s, v) => ({ privacyPolicyUrl: nullableString('privacyPolicyUrl', v) }),
  restrictions: (_s, v) => ({ restrictions: restrictions(v) }),
  serverIpWhitelist: (_s, v) => {
    if (typeof v !== 'string' || v.length > 2048) throw new Error('serverIpWhitelist is a comma-separated string.')
    return { serverIpWhitelist: v }
  },
  blocked: (_s, v) => ({ blocked: bool('blocked', v) }),
  active: (_s, v) => ({ active: bool('active', v) }),
  appDomains: (_s, v) => ({ appDomains: strings('appDomains', v) }),
  enforceHttps: (_s, v) => ({ enforceHttps: bool('enforceHttps', v) }),
  loginUnavailable: (_s, v) => ({ loginUnavailable: bool('loginUnavailable', v) }),
  redirectUris: (_s, v) => ({ redirectUris: strings('redirectUris', v) }),
  versionFloor: (_s, v) => {
    if (v !== null && (typeof v !== 'string' || !VERSION_LABEL.test(v))) throw new Error('versionFloor is a version such as v25.0, or null.')
    return { versionFloor: v }
  },
  adsAutoUpgrade: (_s, v) => ({ adsAutoUpgrade: bool('adsAutoUpgrade', v) }),
  loginKind: (_s, v) => {
    if (v !== 'classic' && v !== 'business') throw new Error('loginKind is classic or business.')
    return { loginKind: v }
  },
  scopeOnlyRefusal: (_s, v) => {
    if (v !== 'not-available' && v !== 'blank' && v !== 'invalid-scopes' && v !== 'config-required') {
      throw new Error('scopeOnlyRefusal is not-available, blank, invalid-scopes or config-required.')
    }
    return { scopeOnlyRefusal: v }
  },
  businessId: (s, v) => {
    if (v !== null && (typeof v !== 'string' || !s.businesses.has(v))) throw new Error('businessId is a business of the sandbox, or null.')
    return { businessId: v }
  },
}

/** Keys the control API passes next to the settings (the app id itself) and that are not settings. */
const NOT_SETTINGS = new Set(['appId', 'name', 'secret'])

/** Only known settings, each checked; `extra` keys (like appId) are skipped, anything else refused. */
export function appSettings(state: SandboxState, settings: Record<string, unknown>, extra: ReadonlySet<string> = NOT_SETTINGS): Partial<AppRecord> {
  const out: Partial<AppRecord> = {}
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined || extra.has(key)) continue
    const setter = SETTERS[key as keyof AppSettings] as Setter | undefined
    if (!setter) throw new Error(`Unknown app setting ${key}.`)
    Object.assign(out, setter(state, value))
  }
  return out
}
