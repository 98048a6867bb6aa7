import type { LoginConfigs } from '../../../preload/api'
import type { Sandbox } from '../sandbox'
import { NO_CONFIGS } from '../tokens/configurations'
import { PURPOSE_SCOPES } from '../tokens/scopes'

/**
 * "A new Business app" in practice mode: the practice app as Meta makes one for the Marketing
 * API today (login-for-business.md §1): a Business app with Facebook Login for Business, whose
 * dialog refuses `scope` alone. Its business portfolio is its own, so the practice user's
 * "Practice Business" can be the client of a system-user configuration. Two configurations:
 * user tokens for every purpose, and system-user tokens that never expire.
 */
export function makeBusinessApp(sandbox: Sandbox, redirectUris: readonly string[]): LoginConfigs {
  const appId = sandbox.practiceApp.id
  const c = sandbox.controls
  const portfolio = c.createBusiness({ name: 'Practice App Portfolio', admins: [sandbox.practiceUser.id] }).id
  c.setApp(appId, { loginKind: 'business', businessId: portfolio, redirectUris: [...redirectUris] })
  // The ads use cases make these five required (login-for-business.md §1); the other purposes' permissions beside them.
  const permissions = [...new Set(['public_profile', ...Object.values(PURPOSE_SCOPES).flat()])]
  const user = c.createLoginConfiguration({ appId, name: 'Token Desk: ads and Pages (user token)', tokenType: 'user', expiry: '60_days', permissions, assetTypes: ['pages', 'ad_accounts'] })
  const system = c.createLoginConfiguration({
    appId,
    name: 'Token Desk: server (system-user token)',
    tokenType: 'system_user',
    expiry: 'never',
    permissions: permissions.filter((p) => p !== 'public_profile'),
    assetTypes: ['pages', 'ad_accounts'],
  })
  return { ...NO_CONFIGS, all: user.id, systemUser: system.id }
}
