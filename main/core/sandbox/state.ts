import { newSecret, numericId } from './ids'
import type { AccessTier, AppRole, AppSettings, FaultSpec, LoginConfigurationSpec, SandboxBehaviour, SandboxTokenKind, UsageSettings } from './types'

/** An app as the App Dashboard holds it: its settings (types.ts `AppSettings`) and what Graph keeps beside them. */
export interface AppRecord extends Omit<AppSettings, 'approvedPermissions'> {
  id: string
  secret: string
  name: string
  /** Users who are admins or developers: their user tokens may call debug_token. Kept by setAppRole. */
  admins: Set<string>
  /** App tokens issued by client_credentials (the `{id}|{secret}` literal is checked separately). */
  appTokens: Set<string>
  /** `GET /{app-id}/roles` (graph-api-doctor.md §1.2): person id -> role. */
  roles: Map<string, AppRole>
  /** Permissions approved through App Review; null = every permission (the default). */
  approvedPermissions: Set<string> | null
  /** Login for Business configurations, by Configuration ID. */
  configurations: Map<string, LoginConfigurationRecord>
}

export interface LoginConfigurationRecord extends LoginConfigurationSpec {
  id: string
}

/**
 * A business that installed an app through a system-user configuration (login-for-business.md
 * §4): the business integration system user made for it, and the assets it was given.
 */
export interface IntegrationRecord {
  businessId: string
  appId: string
  configId: string
  systemUserId: string
  pages: Set<string>
  adAccounts: Set<string>
}

export const integrationKey = (businessId: string, appId: string): string => `${businessId}:${appId}`

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
  /** People given a task on the Page through a business (Business Settings > Pages), not directly: /me/accounts leaves these out (graph-api-doctor.md §2.2). */
  assignedThroughBusiness: Set<string>
}

export interface AdAccountRecord {
  accountId: string
  name: string
  status: number
  /** `disable_reason` (graph-api-doctor.md §2.5); 0 = NONE. */
  disableReason: number
  /** People with a direct role on the account. */
  users: Set<string>
  /** People given a task on the account through a business. */
  assignedThroughBusiness: Set<string>
  /** Unset: derived (nodes/ad-account.ts), so seeds and controls need not name them. */
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
  /** The Pages ticked in the dialog's Page chooser; null until a dialog showed it (all reachable Pages). */
  pageTargets: Set<string> | null
  /** The ad accounts ticked in a Login for Business dialog's asset picker; null when it showed none (not limited). */
  adAccountTargets?: Set<string> | null
  /**
   * Every Page the chooser offered was left ticked: Facebook's default, "all current and future
   * Pages", so Pages the person reaches later are covered too (issue 10's add-pages relies on it).
   */
  futurePages: boolean
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
  /** The Login for Business configuration it came from. */
  configId?: string
  /** A business integration system-user token: the client business (`client_business_id`). */
  clientBusinessId?: string
  /** Assets a token minted with `asset` was narrowed to (system_user_access_tokens). */
  assetLimit?: string[]
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
  /** Through a configuration: its id; for a system-user one, the business chosen and the assets picked. */
  configId?: string
  integration?: { businessId: string; pages: string[]; adAccounts: string[] }
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
  /** Pages offered in the chooser, or null when the dialog did not show it. */
  pageChoices: string[] | null
  /** A Login for Business dialog: the configuration, the ad accounts and the businesses it offered. */
  config?: { id: string; adAccountChoices: string[] | null; businessChoices: string[] | null }
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
  /** installKey(systemUserId, appId): the app is installed for that system user (graph-api.md §11). */
  installations: Set<string>
  /** The seed's level whose system-user allowance applies; null: the one the live tier maps to. */
  systemUserLevel: 'development' | 'basic' | 'standard' | null
  /** The dialog answers every login with Facebook's embedded-browser refusal (§1.6). */
  embeddedLoginBlocked: boolean
  /** Who the login dialog logs in (the practice user unless a control says otherwise). */
  loginUserId: string
  /** Business integrations, by integrationKey(business, app). */
  integrations: Map<string, IntegrationRecord>
}

export const grantKey = (userId: string, appId: string): string => `${userId}:${appId}`
/** The key of `installations`: the app is installed for that system user. */
export const installKey = (systemUserId: string, appId: string): string => `${systemUserId}:${appId}`

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
/** disable_reason beside each seeded status: ADS_INTEGRITY_POLICY for the disabled one, PERMANENT_CLOSE for the closed one. */
const DISABLE_REASONS: Record<number, number> = { 2: 1, 101: 7 }

export interface SeedOptions {
  appId?: string
  appSecret?: string
  pageCount: number
  adAccountCount: number
  pageSize: number
  latencyMs: number
  behaviour: SandboxBehaviour
  tier?: AccessTier
}

export function seedState(options: SeedOptions): SandboxState {
  const businessId = numericId(15)
  const app = newAppRecord({ id: options.appId ?? numericId(15), secret: options.appSecret ?? newSecret(), name: 'Token Desk Practice', businessId })
  const user: PersonRecord = { id: numericId(15), name: 'Pat Practice', system: false }
  const systemUser: PersonRecord = { id: numericId(15), name: 'Practice System User', system: true }
  // An employee system user without the app installed (the wizard installs it before minting),
  // and one with it installed: under the Development allowance it takes the only regular place.
  const reportingServer: PersonRecord = { id: numericId(15), name: 'Practice Reporting Server', system: true }
  const nightBatch: PersonRecord = { id: numericId(15), name: 'Practice Night Batch', system: true }
  setAppRole(app, user.id, 'administrators')
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
      assignedThroughBusiness: new Set(),
    })
  }
  const adAccounts: AdAccountRecord[] = []
  for (let i = 0; i < options.adAccountCount; i++) {
    const status = ACCOUNT_STATUSES[i % ACCOUNT_STATUSES.length]!
    adAccounts.push({
      accountId: numericId(16),
      name: `Practice Ad Account ${i + 1}`,
      status,
      disableReason: DISABLE_REASONS[status] ?? 0,
      users: new Set([user.id, systemUser.id]),
      assignedThroughBusiness: new Set(),
    })
  }
  const business: BusinessRecord = {
    id: businessId,
    name: 'Practice Business',
    roles: new Map<string, BusinessRole>([
      [user.id, 'ADMIN'],
      [systemUser.id, 'ADMIN'],
      [reportingServer.id, 'EMPLOYEE'],
      [nightBatch.id, 'EMPLOYEE'],
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
      [reportingServer.id, reportingServer],
      [nightBatch.id, nightBatch],
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
    tier: options.tier ?? 'development_access',
    latencyMs: options.latencyMs,
    pageSize: options.pageSize,
    behaviour: options.behaviour,
    practiceAppId: app.id,
    practiceUserId: user.id,
    systemUserId: systemUser.id,
    installations: new Set([installKey(systemUser.id, app.id), installKey(nightBatch.id, app.id)]),
    systemUserLevel: null,
    embeddedLoginBlocked: false,
    loginUserId: user.id,
    integrations: new Map(),
  }
}

/** A new app as Meta creates one: in Development mode, every permission usable by its role users. */
export function newAppRecord(spec: { id: string; secret: string; name: string; businessId?: string | null; redirectUris?: string[] }): AppRecord {
  return {
    id: spec.id,
    secret: spec.secret,
    name: spec.name,
    redirectUris: spec.redirectUris ?? [],
    appType: 'web',
    requireAppSecret: false,
    honourPkce: true,
    admins: new Set(),
    appTokens: new Set(),
    roles: new Map(),
    mode: 'development',
    approvedPermissions: null,
    category: 'Business',
    namespace: '',
    businessId: spec.businessId ?? null,
    privacyPolicyUrl: 'https://practice.invalid/privacy',
    restrictions: null,
    serverIpWhitelist: '',
    blocked: false,
    active: true,
    appDomains: [],
    enforceHttps: false,
    loginUnavailable: false,
    versionFloor: null,
    adsAutoUpgrade: true,
    loginKind: 'classic',
    scopeOnlyRefusal: 'not-available',
    configurations: new Map(),
  }
}

/** Gives or takes a role; administrators and developers may also call debug_token with their token. */
export function setAppRole(app: AppRecord, userId: string, role: AppRole | null): void {
  if (role === null) app.roles.delete(userId)
  else app.roles.set(userId, role)
  if (role === 'administrators' || role === 'developers') app.admins.add(userId)
  else app.admins.delete(userId)
}

/** Whether the app lets this person use a permission: role users get all, others only approved ones (§1.3). */
export function permissionUsable(app: AppRecord, userId: string, permission: string): boolean {
  if (app.roles.has(userId) || permission === 'public_profile') return true
  return app.approvedPermissions === null || app.approvedPermissions.has(permission)
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
