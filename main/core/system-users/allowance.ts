import type { AccessLevelName } from '../../../preload/api'
import { levelForTier, type Tier } from '../tokens/access-levels'
import type { SystemUserRow } from '../graph'

export interface SystemUserAllowance {
  tier: Tier | null
  todayName: 'Limited' | 'Full' | null
  level: AccessLevelName | null
  levelTitle: string | null
  /** System users and admin system users the level allows; null while the tier is unknown. */
  regular: number | null
  admin: number | null
  /** Facebook allows installing and minting through the API only with Full access (§11). */
  apiMinting: boolean | null
}

/** The seed's table (access-levels.ts) read for the tier Facebook reports live. */
export function allowanceFor(tier: Tier | null): SystemUserAllowance {
  const level = levelForTier(tier)
  return {
    tier,
    todayName: level?.todayName ?? null,
    level: level?.name ?? null,
    levelTitle: level?.title ?? null,
    regular: level?.systemUsers.regular ?? null,
    admin: level?.systemUsers.admin ?? null,
    apiMinting: tier === null ? null : tier === 'standard_access',
  }
}

function countRoles(users: readonly Pick<SystemUserRow, 'role'>[]): { regular: number; admin: number } {
  const admin = users.filter((u) => u.role === 'ADMIN').length
  return { regular: users.length - admin, admin }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** "The Development level (Limited today) allows 1 system user and 1 admin system user." */
export function allowanceWords(allowance: SystemUserAllowance): string {
  if (allowance.regular === null || allowance.admin === null) {
    return 'The access level is not known yet: Limited access allows 1 system user and 1 admin system user, Full access 10 and 1.'
  }
  return `The ${allowance.levelTitle} level (${allowance.todayName} today) allows ${plural(allowance.regular, 'system user')} and ${plural(allowance.admin, 'admin system user')}.`
}

/** What a business holds, in words, so the allowance beside it means something. */
export function holdingWords(users: readonly Pick<SystemUserRow, 'role'>[]): string {
  if (users.length === 0) return 'This business has no system users yet: create one in Business Settings (the steps are below).'
  const { regular, admin } = countRoles(users)
  return `It has ${plural(admin, 'admin system user')} and ${plural(regular, 'system user')}.`
}
