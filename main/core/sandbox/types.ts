/**
 * The practice sandbox's public shapes. The sandbox emulates the Graph API as graph-api.md
 * describes it; every case the doc marks "not confirmed" is a `behaviour` option whose default
 * is the stricter choice, so a client that passes against the defaults also copes with Meta.
 */

export type SandboxTokenKind = 'USER' | 'PAGE' | 'APP' | 'SYSTEM_USER'
export type AppType = 'web' | 'native-desktop'
/** graph-api-doctor.md §1.2; the real capture writes `insights`, the doc `insights users`. */
export type AppRole = 'administrators' | 'developers' | 'testers' | 'insights users'
export type AppMode = 'development' | 'live'
/** `restrictions` of the Application node (§1.1): age "13+".."21+", location country codes, type "alcohol". */
export interface AppRestrictions {
  age?: string
  location?: string
  type?: string
}
export type AccessTier = 'development_access' | 'standard_access'
/** Facebook Login (`scope`) or Facebook Login for Business (`config_id`), login-for-business.md §1. */
export type LoginKindSetting = 'classic' | 'business'
/**
 * What a Business app shows a dialog given `scope` and no `config_id`: one of the reported
 * pages (login-for-business.md §1), chosen per app; none is Meta's documented answer.
 */
export type ScopeOnlyRefusal = 'not-available' | 'blank' | 'invalid-scopes' | 'config-required'

/** A Login for Business configuration, as the control API's createLoginConfiguration takes it (§2). */
export interface LoginConfigurationSpec {
  appId: string
  name: string
  tokenType: 'user' | 'system_user'
  expiry: 'never' | '60_days'
  permissions: string[]
  assetTypes: ('pages' | 'ad_accounts')[]
}

/** Modelling choices for cases graph-api.md leaves open. Defaults in options.ts. */
export interface SandboxBehaviour {
  /** §0: `Authorization: Bearer` is not confirmed. Default false: only `access_token` counts. */
  acceptBearerHeader: boolean
  /** §9: a wrong proof when "Require App Secret" is off. Default true: rejected. */
  rejectWrongProofWhenNotRequired: boolean
  /** §12: items carrying their own token. 'per-item' (default): the item must carry that token's proof. */
  batchItemProof: 'per-item' | 'top-level-only'
  /** §2: what the code exchange returns. Default 'short': the client must still extend. */
  codeExchangeLifetime: 'short' | 'long'
  /** §3: exchanging a long-lived token again. Default 'same-expiry': no extension. */
  reExtendLongLived: 'same-expiry' | 'new-expiry'
  /** §1.6: a dialog challenge but no verifier at exchange. Default true: refused. */
  requireVerifierWhenChallenged: boolean
  /** §1.1: `state` is documented as required. Default true: the dialog refuses without it. */
  requireState: boolean
  /** §1.2: `#_=_` on query-style redirects. Default true. */
  appendHashUnderscore: boolean
  /** §10.2: DELETE answers. Default 'true' (the documented bare `true`). */
  deleteAnswer: 'true' | 'success-object'
  /** Missing ads_* / pages_show_list on an edge. Default 'error' (#200); 'empty' gives no data. */
  missingPermission: 'error' | 'empty'
  /** §14: a version newer than the newest released. Default 'error' (code 2500). */
  unreleasedVersion: 'error' | 'serve'
  /** §7.4: HTTP status of throttle errors when a fault does not say. Default 400. */
  throttleStatus: 400 | 403
  /**
   * What debug_token says to an app token with a wrong secret: not confirmed. Default
   * 'must-provide' (the ambiguous (#100) "You must provide an app access token…", the answer a
   * user reported); 'invalid-signature' gives 190 "Invalid OAuth access token signature.".
   */
  wrongSecretOnDebugToken: 'must-provide' | 'invalid-signature'
  /** Whether /me/adaccounts also lists accounts reached only through a business: not confirmed (doctor §2.5). Default 'excluded'. */
  adAccountsThroughBusiness: 'excluded' | 'included'
  /** §7.1: `error_user_title`/`error_user_msg` on dead-token 190s (Meta's example has them, captures often not). Default true. */
  userMessagesOnTokenErrors: boolean
  // Login for Business (login-for-business.md): each a case the note marks not confirmed.
  /** Q7: `scope` sent beside `config_id`. Default 'refused' (the Invalid Scopes page); 'ignored'. */
  scopeBesideConfig: 'refused' | 'ignored'
  /** Checklist: a declined permission of a configuration. Default 'empty-grant' (a code that grants nothing); 'access-denied'. */
  declinedInConfig: 'empty-grant' | 'access-denied'
  /** Q1: debug_token's `type` for a business integration system user. Default 'SYSTEM_USER'; 'USER'. */
  integrationDebugType: 'SYSTEM_USER' | 'USER'
  /** Q5: `/me/accounts` for a business integration system user. Default 'refused' (read the Page by id); 'allowed'. */
  integrationAccounts: 'refused' | 'allowed'
  /** Checklist: `expires_in` in the code exchange's answer for a business integration token. Default false (left out). */
  integrationExpiresIn: boolean
  /** Q2: the app's own business portfolio chosen as the client. Default 'refused'; 'allowed'. */
  sameBusinessIntegration: 'refused' | 'allowed'
  /** Q4: `fb_exchange_token` on a user token from a configuration. Default 'extends' (as classic); 'refused'. */
  businessTokenExchange: 'extends' | 'refused'
}

export interface SandboxOptions {
  port?: number
  /** Port of the www side (login dialog). Default: random. */
  wwwPort?: number
  host?: '127.0.0.1' | '::1'
  /** Ms epoch start of the simulated clock. Default Date.now(). */
  now?: number
  /** When true the simulated clock also moves with real time. Default false (tests step it). */
  ticking?: boolean
  latencyMs?: number
  /** Pages of the practice user. Default 3. */
  pageCount?: number
  /** Ad accounts of the practice user. Default 7. */
  adAccountCount?: number
  /** Default edge page size. Default 25. */
  pageSize?: number
  extraRedirectUris?: string[]
  /** Fixed practice app credentials (e.g. for a practice mode that survives restarts). */
  appId?: string
  appSecret?: string
  behaviour?: Partial<SandboxBehaviour>
  /** The Marketing API tier the headers report and the system-user API checks. Default development_access. */
  tier?: AccessTier
  /**
   * What `requests` keeps: the newest `limit` requests (default 1000), with tokens, secrets,
   * codes and credentials redacted. `raw: true` keeps the values as sent, for a test that checks
   * exactly what a client sent; `token-desk serve --sandbox` and `token-desk sandbox` never set it.
   */
  requestLog?: { limit?: number; raw?: boolean }
}

export interface GranularScope {
  scope: string
  target_ids?: string[]
}

/** A snapshot of one issued token, as the sandbox models it. Times are unix seconds. */
export interface SandboxToken {
  kind: SandboxTokenKind
  appId: string
  userId: string | null
  profileId: string | null
  scopes: string[]
  granularScopes: GranularScope[]
  /** null for short-lived user tokens (debug_token omits it). */
  issuedAt: number | null
  /** 0 = never. */
  expiresAt: number
  dataAccessExpiresAt: number | null
  longLived: boolean
  authType: string | null
  /** null while valid; otherwise the 190 subcode it fails with (463 once expired). */
  deadSubcode: number | null
}

export interface IssueTokenSpec {
  kind: SandboxTokenKind
  /** Default: the practice app. */
  appId?: string
  /** USER/PAGE: default the practice user. SYSTEM_USER: default the seeded system user. */
  userId?: string
  /** PAGE: required. */
  pageId?: string
  scopes?: string[]
  /** USER: short (2 h) or long (60 d). PAGE: long means never expires. SYSTEM_USER: 'never' (default) or 'long' (60 d). */
  lifetime?: 'short' | 'long' | 'never'
  /** Overrides the lifetime. */
  expiresInSeconds?: number
}

export interface RecordedRequest {
  side: 'graph' | 'www'
  method: string
  path: string
  params: Record<string, string>
  headers: Record<string, string>
  /** True for an item executed inside a batch. */
  batchItem: boolean
  /** Sandbox clock, ms. */
  at: number
}

interface FaultMatch {
  /** Substring of the request path (batch items: of the item's path). Omitted: any path. */
  path?: string
  method?: string
  /** How many matching requests it hits. Default 1; Infinity for always. */
  times?: number
}

export type FaultSpec = FaultMatch &
  (
    | {
        kind: 'error'
        code: number
        subcode?: number
        message?: string
        type?: string
        status?: number
        isTransient?: boolean
        /** error_user_title and error_user_msg. */
        userTitle?: string
        userMsg?: string
      }
    | { kind: 'http'; status: number; body?: 'graph' | 'html' | 'empty' }
    | {
        kind: 'throttle'
        code: 4 | 17 | 32 | 613 | 80000 | 80001 | 80003 | 80004
        subcode?: number
        status?: 400 | 403
        /** estimated_time_to_regain_access in minutes. Default 1. */
        regainMinutes?: number
        retryAfterSeconds?: number
      }
    | { kind: 'drop' }
    | { kind: 'slow'; delayMs: number }
  )

/** An app's App Dashboard settings, as `createApp` and `setApp` take them. */
export interface AppSettings {
  appType: AppType
  requireAppSecret: boolean
  honourPkce: boolean
  /** No Graph field shows it (§1.1); it shows in who may log in (§1.3, §1.6 "App Not Setup"). */
  mode: AppMode
  /** Permissions approved through App Review; null = every permission (the default). */
  approvedPermissions: string[] | null
  category: string
  /** The App Dashboard's namespace; '' (the default) for none, which Graph leaves out of an answer. */
  namespace: string
  privacyPolicyUrl: string | null
  restrictions: AppRestrictions | null
  /** Server IP allow-list, comma-separated; '' = none. Calls signed with the secret must come from it. */
  serverIpWhitelist: string
  /** "API access blocked." on every Graph call of the app (§1.7). */
  blocked: boolean
  /** False: the dialog shows "App not active" (§1.6, §1.7 App Inactive). */
  active: boolean
  /** `app_domains`; when set, the redirect's host must be one of them ("Can't load URL"). */
  appDomains: string[]
  /** "Enforce HTTPS": an http redirect gets "Insecure Login Blocked". */
  enforceHttps: boolean
  /** "Feature Unavailable": Facebook Login paused for the app (Data Use Checkup, verification). */
  loginUnavailable: boolean
  redirectUris: string[]
  /** The oldest version the app may be served: older requests are answered by this one (§3.3). */
  versionFloor: string | null
  /** Marketing API auto-upgrade of calls to ended versions (§3.4); off gives error 2635. */
  adsAutoUpgrade: boolean
  /** The business portfolio (a sandbox business id) that claimed the app, or null. */
  businessId: string | null
  /** 'business': Facebook Login for Business, whose dialog wants `config_id` (login-for-business.md §1). */
  loginKind: LoginKindSetting
  /** What the dialog of a Business app shows for `scope` without `config_id`. */
  scopeOnlyRefusal: ScopeOnlyRefusal
}

export interface PageSpec {
  name: string
  /** People with a direct role (a task) on the Page. Default: none. */
  roles?: string[]
  /** People given a task through the owning or client business (needs that business role too). */
  assigned?: string[]
  tasks?: string[]
  /** The business that owns it, and businesses it is shared with as a client Page. */
  ownedBy?: string
  clientOf?: string[]
}

export interface AdAccountSpec {
  name: string
  status?: number
  disableReason?: number
  /** People with a direct role on the account. Default: none. */
  users?: string[]
  /** People given a task through the owning or client business. */
  assigned?: string[]
  ownedBy?: string
  clientOf?: string[]
}

export interface UsageSettings {
  appCallCount?: number
  adAccountPct?: number
  buc?: number
}

export type PagedEdge = 'accounts' | 'adaccounts' | 'businesses' | 'owned_pages' | 'client_pages' | 'owned_ad_accounts' | 'client_ad_accounts' | 'roles' | 'app_permissions' | 'system_users'

export interface SandboxControls {
  changePassword(userId: string): void
  removeApp(userId: string, appId?: string): void
  logout(userId: string): void
  checkpoint(userId: string): void
  unconfirm(userId: string): void
  removePageRole(userId: string, pageId: string): void
  /** Gives the person `count` more Pages of the practice business; returns their ids. */
  addPages(userId: string, count: number): string[]
  /** No permission: all of them, like DELETE /me/permissions (tokens then fail with 466). */
  revokePermission(userId: string, permission?: string): void
  /** Kill one token with a 190 subcode (458, 459, 460, 464, 466, 467, 492). */
  invalidateToken(token: string, subcode: number): void
  setApp(appId: string, settings: Partial<AppSettings>): void
  /** A second app, e.g. to test tokens of the wrong app. */
  createApp(spec?: { name?: string; redirectUris?: string[] } & Partial<AppSettings>): { id: string; secret: string }
  injectFault(fault: FaultSpec): string
  clearFaults(): void
  setLatency(ms: number): void
  setAccessTier(tier: AccessTier): void
  setUsage(usage: UsageSettings): void
  /** The response number `pageIndex` (0-based) of a listing of `edge` comes back empty, with `next`. */
  setEmptyPage(edge: PagedEdge, pageIndex: number): void
  clearEmptyPages(): void
  setBehaviour(behaviour: Partial<SandboxBehaviour>): void
  /** A role on the app (`/{app-id}/roles`), or null to take it away. */
  setAppRole(appId: string, userId: string, role: AppRole | null): void
  /** "Reset" the App Secret as the dashboard does: the old one stops working. Returns the new one. */
  resetAppSecret(appId: string): string
  /** Facebook refuses every login as from an embedded browser (§1.6). */
  blockEmbeddedLogin(on: boolean): void
  /** A person without any role, e.g. a colleague who logs in to a Development-mode app. */
  createPerson(name: string): { id: string }
  /** Who the login dialog logs in. Default: the practice user. */
  setLoginUser(userId: string): void
  createBusiness(spec: { name: string; admins?: string[] }): { id: string }
  addPage(spec: PageSpec): { id: string }
  addAdAccount(spec: AdAccountSpec): { id: string; accountId: string }
  /** Any `account_status` and `disable_reason` (§2.5). */
  setAdAccountStatus(accountId: string, status: number, disableReason?: number): void
  /** A person's or system user's role in a business; null removes it. */
  setBusinessRole(businessId: string, personId: string, role: 'ADMIN' | 'EMPLOYEE' | null): void
  /** A new system user in the business (EMPLOYEE unless said), the app not installed. */
  addSystemUser(businessId: string, spec?: { name?: string; role?: 'ADMIN' | 'EMPLOYEE' }): { id: string }
  /** Whose system-user allowance applies (the seed's levels); null follows the tier. */
  setSystemUserLevel(level: 'development' | 'basic' | 'standard' | null): void
  /** The permissions App Review approved for the app; null approves every one (the default). */
  setApprovedPermissions(appId: string, permissions: string[] | null): void
  setAppInstalled(systemUserId: string, installed: boolean, appId?: string): void
  /** A Login for Business configuration of a Business app; returns its Configuration ID. */
  createLoginConfiguration(spec: LoginConfigurationSpec): { id: string }
  /** Business Settings > Integrations > Connected apps > Remove: the integration's system user and its tokens go (190 assumed). */
  removeConnectedApp(businessId: string, appId?: string): void
  /** An asset taken from an integration (`business_integration_update`): target_ids shrink. */
  removeIntegrationAsset(businessId: string, assetId: string, appId?: string): void
}

export interface PracticeApp {
  id: string
  secret: string
  name: string
  redirectUris: string[]
}

export interface Sandbox {
  graphUrl: string
  wwwUrl: string
  controlKey: string
  practiceApp: PracticeApp
  practiceUser: { id: string; name: string }
  systemUser: { id: string; name: string }
  pages: { id: string; name: string }[]
  adAccounts: { id: string; accountId: string; name: string }[]
  /** The seeded "Practice Business": owns every seeded Page and ad account; the practice user and the system user are its admins. */
  businesses: { id: string; name: string }[]
  /** The seeded system users: an admin one (the app installed), and two employees: Reporting Server (not installed) and Night Batch (installed). */
  systemUsers: { id: string; name: string; role: 'ADMIN' | 'EMPLOYEE'; businessId: string }[]
  clock: { now(): number; advance(ms: number): void; set(ms: number): void }
  controls: SandboxControls
  consent(dialogUrl: string, choice?: { decline?: string[]; cancel?: boolean; pages?: string[]; accounts?: string[]; business?: string }): Promise<string>
  requests: RecordedRequest[]
  issueToken(spec: IssueTokenSpec): string
  tokenInfo(token: string): SandboxToken | undefined
  /** Resolves once the control API's `stop` action has been answered: whoever started the sandbox closes it. */
  stopRequested: Promise<void>
  close(): Promise<void>
}
