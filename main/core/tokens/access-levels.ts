import type { AccessLevelName } from '../../../preload/api'

/**
 * The Marketing API access levels as the product's reference describes them (Meta's pre-2018
 * wording), kept as data, with today's names beside them. graph-api.md §8.1 has the history:
 * since May 2026 Meta calls the tiers Limited (header `development_access`) and Full
 * (`standard_access`), and both allow an unlimited number of ad accounts.
 */
export interface AccessLevel {
  name: AccessLevelName
  title: string
  adAccountLimit: number | null
  rateLimits: 'heavy' | 'moderate' | 'light'
  businessManager: string
  systemUsers: { regular: number; admin: number }
  pageCreation: boolean
  todayName: 'Limited' | 'Full'
  headerValue: 'development_access' | 'standard_access'
}

export const ACCESS_LEVELS: readonly AccessLevel[] = [
  {
    name: 'development',
    title: 'Development',
    adAccountLimit: 5,
    rateLimits: 'heavy',
    businessManager: 'limited',
    systemUsers: { regular: 1, admin: 1 },
    pageCreation: false,
    todayName: 'Limited',
    headerValue: 'development_access',
  },
  {
    name: 'basic',
    title: 'Basic',
    adAccountLimit: 25,
    rateLimits: 'moderate',
    businessManager: 'limited',
    systemUsers: { regular: 3, admin: 1 },
    pageCreation: false,
    todayName: 'Full',
    headerValue: 'standard_access',
  },
  {
    name: 'standard',
    title: 'Standard',
    adAccountLimit: null,
    rateLimits: 'light',
    businessManager: 'full',
    systemUsers: { regular: 10, admin: 1 },
    pageCreation: true,
    todayName: 'Full',
    headerValue: 'standard_access',
  },
]

export type Tier = 'development_access' | 'standard_access'

/** The reference level a live tier corresponds to: Limited is Development; Full is Standard. */
export function levelForTier(tier: Tier | null): AccessLevel | null {
  if (tier === 'development_access') return ACCESS_LEVELS[0] ?? null
  if (tier === 'standard_access') return ACCESS_LEVELS[2] ?? null
  return null
}

export function todayNameForTier(tier: Tier | null): 'Limited' | 'Full' | null {
  return levelForTier(tier)?.todayName ?? null
}

/** `act_123` and `123` name the same ad account; always keep both forms straight. */
export function normaliseAdAccountId(id: string): { id: string; accountId: string } | null {
  const match = /^(?:act_)?(\d{1,32})$/.exec(id.trim())
  if (!match?.[1]) return null
  return { id: `act_${match[1]}`, accountId: match[1] }
}

export interface AdAccountLimitReport {
  count: number
  limit: number | null
  /** 0..1 of the limit used, null when unlimited. */
  used: number | null
  warning: string | null
}

/** Counts the distinct ad accounts a token reaches against a level's limit; warns at 80%. */
export function adAccountLimitReport(accountIds: readonly string[], level: AccessLevel | null): AdAccountLimitReport {
  const distinct = new Set(accountIds.map((a) => normaliseAdAccountId(a)?.accountId).filter(Boolean))
  const count = distinct.size
  const limit = level?.adAccountLimit ?? null
  if (limit === null) return { count, limit, used: null, warning: null }
  const used = count / limit
  let warning: string | null = null
  if (count > limit) warning = `This token reaches ${count} ad accounts; the ${level?.title} level allows ${limit}.`
  else if (used >= 0.8) warning = `This token reaches ${count} of the ${limit} ad accounts the ${level?.title} level allows.`
  return { count, limit, used, warning }
}
