import { newSecret, numericId } from './ids'
import type { AccessTier, AppType, FaultSpec, SandboxBehaviour, SandboxTokenKind, UsageSettings } from './types'

export interface AppRecord {
  id: string
  secret: string
  name: string
  redirectUris: string[]
  appType: AppType
  requireAppSecret: boolean
  honourPkce: boolean
  /** Users who are admins or developers: their user tokens may call debug_token. */
  admins: Set<string>
  /** App tokens issued by client_credentials (the `{id}|{secret}` literal is checked separately). */
  appTokens: Set<string>
}

export interface PersonRecord {
  id: string
  name: string
  system: boolean
}

export interface PageRecord {
  id: string
  name: string
  category: string
  categoryId: string
  tasks: string[]
  /** Users with a role (a task) on the Page. */
  roles: Set<string>
}

export interface AdAccountRecord {
  accountId: string
  name: string
  status: number
  /** Unset: derived (nodes/ad-account.ts), so seeds and controls need not name them. */
  disableReason?: number
  currency?: string
  timezoneName?: string
  /** Minor currency units, as Graph's numeric string. */
  amountSpent?: string
}

export type BusinessRole = 'ADMIN' | 'EMPLOYEE'

/**
 * A Business Manager business (graph-api.md §11, graph-api-doctor.md §2). One model serves every
 * use: assets a business owns or was given access to as an agency (the doctor's "missing Page"
 * cases), the people with a role in it, and its system users (minting, revoking).
 */
export interface BusinessRecord {
  id: string
  name: string
  /** Person id -> role. People and system users alike (a system user is a person with `system`). */
  roles: Map<string, BusinessRole>
  ownedPages: Set<string>
  clientPages: Set<string>
  /** Ad account ids without the `act_` prefix. */
  ownedAdAccounts: Set<string>
  clientAdAccounts: Set<string>
}

/** What a person granted an app: kept across logins (graph-api.md §1.4, §10). */
export interface Grant {
  granted: Set<string>
  declined: Set<string>
  /** Unix seconds: 90 days after the last login (§10.3). */
  dataAccessExpiresAt: number
}

export interface TokenRecord {
  value: string
  kind: SandboxTokenKind
  appId: string
  userId: string | null
  profileId: string | null
  scopes: string[]
  issuedAt: number
  longLived: boolean
  /** Unix seconds, 0 = never. */
  expiresAt: number
  authType: string | null
  /** A 190 subcode once killed by a control or a revoke. */
  death: number | null
}

export interface Challenge {
  value: string
  method: 'S256' | 'plain'
}

export interface CodeRecord {
  appId: string
  userId: string
  redirectUri: string
  scopes: string[]
  authType: string | null
  challenge: Challenge | null
  createdAtMs: number
  used: boolean
}

export interface DialogRecord {
  appId: string
  userId: string
  redirectUri: string
  state: string | null
  responseTypes: Set<string>
  /** Permissions shown on the consent page (the declinable ones). */
  asked: string[]
  /** Requested but previously declined without auth_type=rerequest: stay declined, not shown. */
  stillDeclined: string[]
  authType: string | null
  challenge: Challenge | null
  createdAtMs: number
}

export interface ActiveFault {
  id: string
  spec: FaultSpec
  remaining: number
}

export interface SandboxState {
  apps: Map<string, AppRecord>
  people: Map<string, PersonRecord>
  pages: PageRecord[]
  adAccounts: AdAccountRecord[]
  businesses: Map<string, BusinessRecord>
  grants: Map<string, Grant>
  tokens: Map<string, TokenRecord>
  /** parent token + page id -> page token: /me/accounts answers the same page token each time. */
  pageTokens: Map<string, string>
  codes: Map<string, CodeRecord>
  dialogs: Map<string, DialogRecord>
  faults: ActiveFault[]
  emptyPages: Set<string>
  usage: UsageSettings
  tier: AccessTier
  latencyMs: number
  pageSize: number
  behaviour: SandboxBehaviour
  practiceAppId: string
  practiceUserId: string
  systemUserId: string
}

export const grantKey = (userId: string, appId: string): string => `${userId}:${appId}`

const PAGE_SEEDS = [
  { name: 'Practice Bakery', category: 'Bakery', categoryId: '197048876974495' },
  { name: 'Practice Bike Shop', category: 'Bicycle Shop', categoryId: '189018581118681' },
  { name: 'Practice Book Club', category: 'Community', categoryId: '2612' },
  { name: 'Practice Coffee Cart', category: 'Coffee Shop', categoryId: '128673187201735' },
]
const TASK_SEEDS = [
  ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
  ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MODERATE'],
  ['ANALYZE'],
]
const ACCOUNT_STATUSES = [1, 1, 1, 2, 3, 1, 101]

export interface SeedOptions {
  appId?: string
  appSecret?: string
  pageCount: number
  adAccountCount: number
  pageSize: number
  latencyMs: number
  behaviour: SandboxBehaviour
}

export function seedState(options: SeedOptions): SandboxState {
  const app: AppRecord = {
    id: options.appId ?? numericId(15),
    secret: options.appSecret ?? newSecret(),
    name: 'Token Desk Practice',
    redirectUris: [],
    appType: 'web',
    requireAppSecret: false,
    honourPkce: true,
    admins: new Set(),
    appTokens: new Set(),
  }
  const user: PersonRecord = { id: numericId(15), name: 'Pat Practice', system: false }
  const systemUser: PersonRecord = { id: numericId(15), name: 'Practice System User', system: true }
  app.admins.add(user.id)
  const pages: PageRecord[] = []
  for (let i = 0; i < options.pageCount; i++) {
    const seed = PAGE_SEEDS[i % PAGE_SEEDS.length]!
    const suffix = i < PAGE_SEEDS.length ? '' : ` ${i + 1}`
    pages.push({
      id: numericId(15),
      name: `${seed.name}${suffix}`,
      category: seed.category,
      categoryId: seed.categoryId,
      tasks: TASK_SEEDS[i % TASK_SEEDS.length]!,
      roles: new Set([user.id, systemUser.id]),
    })
  }
  const adAccounts: AdAccountRecord[] = []
  for (let i = 0; i < options.adAccountCount; i++) {
    adAccounts.push({
      accountId: numericId(16),
      name: `Practice Ad Account ${i + 1}`,
      status: ACCOUNT_STATUSES[i % ACCOUNT_STATUSES.length]!,
    })
  }
  const business: BusinessRecord = {
    id: numericId(15),
    name: 'Practice Business',
    roles: new Map<string, BusinessRole>([
      [user.id, 'ADMIN'],
      [systemUser.id, 'ADMIN'],
    ]),
    ownedPages: new Set(pages.map((p) => p.id)),
    clientPages: new Set(),
    ownedAdAccounts: new Set(adAccounts.map((a) => a.accountId)),
    clientAdAccounts: new Set(),
  }
  return {
    apps: new Map([[app.id, app]]),
    people: new Map([
      [user.id, user],
      [systemUser.id, systemUser],
    ]),
    pages,
    adAccounts,
    businesses: new Map([[business.id, business]]),
    grants: new Map(),
    tokens: new Map(),
    pageTokens: new Map(),
    codes: new Map(),
    dialogs: new Map(),
    faults: [],
    emptyPages: new Set(),
    usage: {},
    tier: 'development_access',
    latencyMs: options.latencyMs,
    pageSize: options.pageSize,
    behaviour: options.behaviour,
    practiceAppId: app.id,
    practiceUserId: user.id,
    systemUserId: systemUser.id,
  }
}

export function requireApp(state: SandboxState, appId: string): AppRecord {
  const app = state.apps.get(appId)
  if (!app) throw new Error(`The sandbox has no app ${appId}.`)
  return app
}

export function requireBusiness(state: SandboxState, businessId: string): BusinessRecord {
  const business = state.businesses.get(businessId)
  if (!business) throw new Error(`The sandbox has no business ${businessId}.`)
  return business
}

export function requirePerson(state: SandboxState, userId: string): PersonRecord {
  const person = state.people.get(userId)
  if (!person) throw new Error(`The sandbox has no user ${userId}.`)
  return person
}
