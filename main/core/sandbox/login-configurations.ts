import { numericId } from './ids'
import { requireApp, type AppRecord, type LoginConfigurationRecord, type SandboxState } from './state'
import type { LoginConfigurationSpec } from './types'

/**
 * The permissions a configuration may hold (login-for-business.md §2, the FLfB page's table):
 * the same for both token types, except that `email` and `public_profile` are "N/A" for
 * system-user tokens.
 */
const CONFIG_PERMISSIONS = new Set([
  'ads_management', 'ads_read', 'business_management', 'read_insights',
  'pages_show_list', 'pages_read_engagement', 'pages_read_user_content',
  'pages_manage_ads', 'pages_manage_metadata', 'pages_manage_posts', 'pages_manage_engagement', 'pages_messaging',
  'email', 'public_profile',
])
const USER_ONLY = new Set(['email', 'public_profile'])
const ASSET_TYPES = new Set(['pages', 'ad_accounts'])

type Args = Record<string, unknown>

function listOf(args: Args, key: string, allowed: ReadonlySet<string>): string[] {
  const v = args[key]
  if (!Array.isArray(v) || v.length > 50 || v.some((s) => typeof s !== 'string' || !allowed.has(s))) {
    throw new Error(`${key} is a list of ${[...allowed].join(', ')}.`)
  }
  return [...new Set(v as string[])]
}

/** The control API's createLoginConfiguration arguments, checked one by one: JSON from outside. */
export function configurationSpec(args: Args): LoginConfigurationSpec {
  const { appId, name, tokenType, expiry } = args
  if (typeof appId !== 'string' || !/^\d{1,32}$/.test(appId)) throw new Error('appId is the id of a sandbox app.')
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) throw new Error('name is a non-empty string of at most 100 characters.')
  if (tokenType !== 'user' && tokenType !== 'system_user') throw new Error('tokenType is user or system_user.')
  if (expiry !== 'never' && expiry !== '60_days') throw new Error('expiry is never or 60_days.')
  const permissions = listOf(args, 'permissions', CONFIG_PERMISSIONS)
  // "At least one supported permission besides email and public_profile" (§1).
  if (!permissions.some((p) => !USER_ONLY.has(p))) throw new Error('permissions needs at least one permission besides email and public_profile.')
  if (tokenType === 'system_user' && permissions.some((p) => USER_ONLY.has(p))) throw new Error('email and public_profile are not available to system-user configurations.')
  return { appId, name: name.trim(), tokenType, expiry, permissions, assetTypes: listOf(args, 'assetTypes', ASSET_TYPES) as LoginConfigurationSpec['assetTypes'] }
}

/**
 * App Dashboard > Facebook Login for Business > Configurations > Create configuration. Only a
 * Business app has the product (§1): a classic app is refused. Configuration IDs are numeric,
 * like every published example.
 */
export function createConfiguration(state: SandboxState, spec: LoginConfigurationSpec): LoginConfigurationRecord {
  const app = requireApp(state, spec.appId)
  if (app.loginKind !== 'business') throw new Error('Only a Business app (loginKind business) has Facebook Login for Business configurations.')
  const record: LoginConfigurationRecord = { ...spec, permissions: [...spec.permissions], assetTypes: [...spec.assetTypes], id: numericId(16) }
  app.configurations.set(record.id, record)
  return record
}

/** The configuration a dialog names, if it is this app's. */
export const configurationOf = (app: AppRecord, id: string | null): LoginConfigurationRecord | null => (id === null ? null : (app.configurations.get(id) ?? null))
