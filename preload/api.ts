/**
 * The contract between the renderer and whichever host runs it (Electron main through the
 * preload, or the web host over HTTP). This file is the only place a method is named.
 * Main, preload, web host and renderer all derive from it.
 *
 * Direction rule: the renderer may *send* a token (the paste path) but never *receives* one,
 * with one exception: copyInPage, which answers a click in a browser (where only the page can
 * write the clipboard) with that one text. Every other result type holds summaries only: ids,
 * names, the last four characters, times.
 */
import { z } from './zod'
import { METHODS, STATE_CHANNEL, channelOf, type Method } from './methods'
import { DEFAULT_API_VERSION } from './versions'
import { destinationInput, type DestinationSummary } from './destinations'

export { METHODS, STATE_CHANNEL, channelOf, type Method, DEFAULT_API_VERSION }

// ---------------------------------------------------------------- shared vocabulary

export const PURPOSES = ['manage-ads', 'read-insights', 'manage-pages'] as const
export type Purpose = (typeof PURPOSES)[number]

/** Permissions the wizard offers. Anything else is refused before it reaches the dialog URL. */
export const KNOWN_SCOPES = [
  'ads_management',
  'ads_read',
  'business_management',
  'read_insights',
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
  'pages_manage_metadata',
  'pages_manage_ads',
  'pages_read_user_content',
  'pages_manage_engagement',
  'public_profile',
] as const
export type Scope = (typeof KNOWN_SCOPES)[number]

/** What debug_token's `type` says (graph-api.md §5.1). */
export const DEBUG_TOKEN_TYPES = ['USER', 'PAGE', 'APP', 'SYSTEM_USER'] as const
/**
 * How Token Desk keeps a token. BUSINESS_INTEGRATION: a business integration system-user token
 * from a Login for Business configuration of the system-user type (login-for-business.md §4);
 * debug_token may call it SYSTEM_USER or USER, `/me?fields=client_business_id` tells it apart.
 */
export const TOKEN_KINDS = [...DEBUG_TOKEN_TYPES, 'BUSINESS_INTEGRATION'] as const
export type TokenKind = (typeof TOKEN_KINDS)[number]

export const TOKEN_STATUSES = ['valid', 'expiring', 'dead', 'unknown', 'needs-relogin'] as const
export type TokenStatus = (typeof TOKEN_STATUSES)[number]

/** Why a token stopped working, as the monitor and `inspect` report it. */
export const DEATH_REASONS = [
  'expired',
  'password-changed',
  'app-removed',
  'logged-out',
  'invalidated',
  'checkpoint',
  'unconfirmed-user',
  'no-page-role',
  'invalid',
  'wrong-app',
  'permission-removed',
  'unreadable',
] as const
export type DeathReason = (typeof DEATH_REASONS)[number]

export interface Problem {
  reason: DeathReason
  code: number | null
  subcode: number | null
  /** Plain words for the user, never a token. */
  message: string
  /** What fixes it: a new login (with which auth_type), or a step on facebook.com. */
  fix: 'reauthorize' | 'rerequest' | 'reauthenticate' | 'visit-facebook' | 'fix-page-role' | 'repaste'
}

export interface TokenSummary {
  id: string
  name: string
  kind: TokenKind
  last4: string
  appId: string | null
  userId: string | null
  /** For page tokens: the page id. */
  profileId: string | null
  scopes: string[]
  /** ISO-8601 or null when it never expires. */
  expiresAt: string | null
  neverExpires: boolean
  dataAccessExpiresAt: string | null
  status: TokenStatus
  problem: Problem | null
  lastCheckedAt: string | null
  /** Id of the user token a page token was made from, if any. */
  parentId: string | null
  /** The person's note of where the token is used; shown after a rotation. */
  usedIn?: string | null
  /** For a system-user token minted by Token Desk: its business and system user. */
  systemUser?: { businessId: string; id: string; name: string } | null
  /** Where it is delivered after every renewal, with the last delivery (preload/destinations.ts). */
  destinations?: DestinationSummary[]
  /** The Login for Business configuration it was made through, if any. */
  configId?: string
  /** A business integration token: the client business it acts in. */
  clientBusinessId?: string
}

/**
 * Facebook Login for Business configurations (login-for-business.md §2), by Configuration ID:
 * one for every purpose, or one for ads and one for Pages, and one of the system-user token type.
 * All null: the app logs in with the classic dialog.
 */
export interface LoginConfigs {
  all: string | null
  ads: string | null
  pages: string | null
  systemUser: string | null
}

/** What a Login for Business configuration granted, read back from debug_token, against what the purpose needs. */
export interface GrantReport {
  configId: string
  /** Every permission debug_token lists (public_profile aside). */
  granted: string[]
  /** What the chosen purpose needs. */
  needed: string[]
  /** Needed but not granted: the configuration lacks it, or the login gave nothing. */
  missing: string[]
  /** The assets picked in the dialog, per permission (`target_ids`); null ids: not limited to chosen assets. */
  targets: { scope: string; ids: string[] | null }[]
  /** Plain words: what was granted, and the fix for what is missing. */
  words: string[]
}

export interface ScopeReport {
  granted: string[]
  declined: string[]
  /** Needed for the chosen purpose but neither granted nor declined. */
  missing: string[]
}

/** The token the wizard is working on, described without its value. */
export interface InspectedToken {
  kind: TokenKind
  last4: string
  appId: string | null
  application: string | null
  userId: string | null
  userName: string | null
  profileId: string | null
  issuedAt: string | null
  expiresAt: string | null
  neverExpires: boolean
  dataAccessExpiresAt: string | null
  longLived: boolean
  scopes: ScopeReport
  advice: string[]
  /** Through a Login for Business configuration: what it granted, against the purpose. */
  grant?: GrantReport
  /** A business integration token: the client business it acts in. */
  clientBusinessId?: string
}

export interface PageChoice {
  id: string
  name: string
  category: string | null
  tasks: string[]
}

export interface SystemUserChoice {
  id: string
  name: string
  /** `ADMIN` or `EMPLOYEE`. */
  role: string
}

export interface BusinessChoice {
  id: string
  name: string
  /** False when Facebook refused the list: the person is not an admin of this business. */
  admin: boolean
  systemUsers: SystemUserChoice[]
  /** What to do about this business, in plain words, or null. */
  note: string | null
}

/** How many system users the access level allows: the seed's table, read for the live tier. */
export interface SystemUserAllowanceInfo {
  tierName: 'Limited' | 'Full' | null
  levelTitle: string | null
  regular: number | null
  admin: number | null
  /** Whether Facebook lets this app install and mint through the API (Full access); null: not known. */
  apiMinting: boolean | null
  words: string
}

export type WizardState =
  | { step: 'purpose' }
  /** `configId`: the Login for Business configuration this purpose logs in with; then no scope is asked for. */
  | { step: 'connect'; purpose: Purpose; scopes: string[]; configId?: string }
  | { step: 'working'; purpose: Purpose; label: string }
  | { step: 'inspect'; purpose: Purpose; token: InspectedToken }
  | { step: 'pages'; purpose: Purpose; token: InspectedToken; pages: PageChoice[] }
  /** `renewed`: the saved tokens that took the place of a stored one (the same person or Page, a newer token). */
  | { step: 'saved'; purpose: Purpose; saved: string[]; renewed?: string[] }
  | {
      step: 'system-users'
      purpose: Purpose
      /** The permissions the token will be minted with. */
      scopes: string[]
      /** Who logged in (the business admin), when Facebook said. */
      adminName: string | null
      businesses: BusinessChoice[]
      allowance: SystemUserAllowanceInfo
      /** Business Settings, step by step: creating a system user, and making its token there. */
      createSteps: string[]
      tokenSteps: string[]
    }
  | { step: 'failed'; purpose: Purpose | null; message: string; canPaste: boolean; dialog?: DialogExplanation }

export type AccessLevelName = 'development' | 'basic' | 'standard'

export interface AccessInfo {
  /** Live tier from `ads_api_access_tier`, or null when no header has been seen yet. */
  liveTier: 'development_access' | 'standard_access' | null
  /** Today's name for the live tier. */
  liveTierName: 'Limited' | 'Full' | null
  /** The reference level the live tier corresponds to, for the seed's table. */
  level: AccessLevelName | null
  adAccounts: {
    id: string
    accountId: string
    name: string
    status: number
    /** `account_status` in words (graph-api-doctor.md §2.5), with `disable_reason` when there is one. */
    statusWords: string
    /** True when ads can run (status 1, 8 or 9). */
    canRun: boolean
    /** Set when the account is reached only through a business, not directly. */
    throughBusiness: string | null
  }[]
  adAccountLimit: number | null
  usage: { name: string; percent: number }[]
  checkedAt: string | null
}

// ---------------------------------------------------------------- the app doctor

/** The checks of graph-api-doctor.md §1.8, in the order they run. */
export const DOCTOR_CHECKS = [
  'credentials',
  'app-access',
  'app-type',
  'app-settings',
  'restrictions',
  'ip-allow-list',
  'roles',
  'permissions',
  'require-app-secret',
  'login-dialog',
  'login-for-business',
  'versions',
] as const
export type DoctorCheck = (typeof DOCTOR_CHECKS)[number]

export type FindingStatus = 'pass' | 'warning' | 'failure' | 'skipped'

/** One check's answer: plain words, and where in the App Dashboard to fix it. Never a secret. */
export interface DoctorFinding {
  check: DoctorCheck
  title: string
  status: FindingStatus
  reason: string
  /** What to do; null when nothing needs doing. */
  fix: string | null
  /** The exact place: "App Dashboard > App settings > Basic > App secret". */
  where: string | null
}

export interface DoctorReport {
  appId: string
  appName: string | null
  checkedAt: string
  /** 'unreachable': Facebook could not be asked at all (the CLI's exit 3). */
  outcome: 'pass' | 'warning' | 'failure' | 'unreachable'
  findings: DoctorFinding[]
}

/** Facebook's login dialog refusal pages the login windows recognise (graph-api-doctor.md §1.6). */
export const DIALOG_PAGES = [
  'url-blocked',
  'cant-load-url',
  'insecure-login',
  'app-not-setup',
  'app-not-active',
  'feature-unavailable',
  'not-available',
  'invalid-scopes',
  'embedded-browser',
  'config-invalid',
  'config-required',
  'wrong-response-type',
  'blank',
] as const
export type DialogPage = (typeof DIALOG_PAGES)[number]

/** A dialog refusal explained: what Facebook showed, why, and the fix. */
export interface DialogExplanation {
  page: DialogPage
  /** Facebook's title for it, e.g. "URL Blocked". */
  shown: string
  reason: string
  fix: string
  where: string
  /** The paste path still works around it. */
  canPaste: boolean
  /** The redirect address the login used, for the pages about it (URL Blocked, Can't load URL, Insecure Login). */
  redirectUri: string | null
}

/** The API version in use, as Token Desk last saw it answered (graph-api-doctor.md §3). */
export interface VersionStatus {
  requested: string
  served: string | null
  known: boolean
  graphUntil: string | null
  marketingUntil: string | null
  newest: string
  checkedOn: string
  lines: { level: 'info' | 'warning'; text: string }[]
}

// ---------------------------------------------------------------- "why is my Page or ad account missing?"

/** The cases of graph-api-doctor.md §2.6. */
export const MISSING_CASES = [
  'listed',
  'app-blocked',
  'permission-not-granted',
  'not-found',
  'not-selected',
  'weak-tasks',
  'through-business',
  'read-directly',
  'business-no-task',
  'no-role',
  'inactive',
  'no-access',
  'not-visible',
] as const
export type MissingCase = (typeof MISSING_CASES)[number]

/** What Token Desk can do about it in one step. */
export type MissingAction = 'rerequest' | 'rerequest-business' | 'add-page' | 'none'

export interface MissingDiagnosis {
  kind: 'page' | 'ad-account'
  query: string
  case: MissingCase
  /** The asset, when Token Desk found which one was meant. */
  asset: { id: string; name: string | null } | null
  title: string
  reason: string
  fix: string
  action: MissingAction
  /** Ad accounts: `account_status` and `disable_reason` in words. */
  status: string | null
  /** What Token Desk read to decide, in words ("debug_token: pages_show_list granted for 2 Pages"). */
  evidence: string[]
}

export interface Settings {
  reminderDays: number[]
  dataAccessReminderDays: number[]
  checkIntervalHours: number
  startAtLogin: boolean
  allowWeakSecretStorage: boolean
  /**
   * A program and its arguments, run without a shell with each grouped alert as one JSON object
   * on its standard input (core/deliveries/alerts.ts). Empty or absent: none.
   */
  alertCommand?: string[]
}

export interface Notice {
  id: string
  level: 'info' | 'warning' | 'error'
  message: string
  /** The token it is about, if any: renewing that token clears its notices. */
  tokenId?: string
  /** The tokens a grouped alarm is about (one cause, many tokens): renewing them clears it. */
  tokenIds?: string[]
  /** The family (main/core/families) an alarm is about, when it is one: the dashboard links to its row. */
  familyId?: string
  /** What its "Try again" does: deliver `tokenId` to its destinations again (deliverNow). */
  retry?: 'deliver'
}

/** What the host running this window does itself. */
export interface HostAbilities {
  /**
   * 'host': the host writes the clipboard and clears it (the desktop app); 'page': the page does,
   * with the browser's clipboard, from copyInPage's one-off reply (`token-desk serve`).
   */
  copy: 'host' | 'page'
  /** Whether "Start Token Desk when I log in" can work here (the desktop app only). */
  startAtLogin: boolean
}

/** Practice mode's switches that stay as set until set back, so each control can show its state. */
export interface PracticeSwitches {
  /** Facebook answers "too many calls" (throttle). */
  busy: boolean
  /** The app has Limited Marketing API access. */
  limitedAccess: boolean
  /** The practice person is an employee, not an admin, of the practice business. */
  employee: boolean
  /** The development allowance of system users. */
  smallAllowance: boolean
  /** App Review approved everything but ads_management. */
  approvalLimited: boolean
  /** The misconfigurations "Break my app" made, until "Repair my app". */
  broken: Break[]
}

export interface AppState {
  mode: 'none' | 'practice' | 'production'
  app: { appId: string; redirectUri: string; apiVersion: string; loginConfigs?: LoginConfigs } | null
  /**
   * Where this host's logins return, for the start form to show before an app is set up.
   * `browser`: the web host catches it at http://localhost:PORT/login/callback; `fixed`: the
   * port stays the same across launches (given with --port, or remembered).
   */
  loginHost?: { redirectUri: string | null; browser: boolean; fixed: boolean }
  storage: {
    /** 'passphrase': a passphrase slot opened the key here (no OS keystore involved). */
    protection: 'os-keystore' | 'passphrase' | 'weak' | 'unavailable'
    backend: string
    persisting: boolean
    /** 'passphrase': the vault is locked here and its passphrase opens it (unlockVault). */
    unlock: 'passphrase' | null
    /**
     * The passphrase the command line opens the vault with (TOKEN_DESK_PASSPHRASE): 'set' when
     * the vault has one, 'can-add' when it is open here without one, 'can-create' when nothing
     * here can keep the vault's key (no OS keyring, no TOKEN_DESK_PASSPHRASE, or only weak
     * storage) and a passphrase typed in the window can (addVaultPassphrase both times).
     */
    scriptPassphrase: 'set' | 'can-add' | 'can-create' | null
    /** Why tokens are not saved, or the standing warning when they are saved weakly; null when all is well. */
    reason?: string | null
  }
  wizard: WizardState
  tokens: TokenSummary[]
  access: AccessInfo | null
  settings: Settings
  notices: Notice[]
  online: boolean
  lastCheckAt: string | null
  /** Practice mode only: the simulated clock. */
  practiceNow: string | null
  /** Practice mode only: the simulated Graph API Explorer, to rehearse the paste path. */
  practiceExplorerUrl: string | null
  /** The app doctor's last report (Check my app, or the last failed login). */
  doctor: DoctorReport | null
  /** The API version asked for and the one Facebook answered with, with any warning. */
  versions: VersionStatus | null
  /** What this host does itself; absent: as the desktop app (the host copies, start at login offered). */
  host?: HostAbilities
  /** Practice mode only: the switches set on the simulated Facebook. */
  practiceSwitches?: PracticeSwitches | null
  /** Your own app's mode only: how many practice tokens are kept apart, until clearPracticeTokens. */
  practiceTokensKept?: number
}

// ---------------------------------------------------------------- input schemas

/** What the Practice screen's "Break my app" can do to the simulated app (each one a real misconfiguration). */
export const BREAKS = ['redirect-uri', 'development-mode', 'blocked', 'native-desktop', 'wrong-secret', 'ip-allow-list', 'login-unavailable', 'business-without-config'] as const
export type Break = (typeof BREAKS)[number]

const id = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9_.:-]+$/))
const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(120))
const numericId = z.string().check(z.regex(/^\d{1,32}$/))
/** A Configuration ID as the App Dashboard shows it: digits (tokens/login-kind.ts CONFIG_ID). */
const configId = z.string().check(z.trim(), z.regex(/^\d{1,32}$/, 'A Configuration ID is the number shown under the configuration, digits only.'))
const optionalConfigId = z.optional(z.union([configId, z.literal(''), z.null()]))
/** Tokens are opaque; this only bounds them and refuses whitespace and control characters. */
const tokenValue = z.string().check(z.trim(), z.minLength(10), z.maxLength(4096), z.regex(/^[\x21-\x7e]+$/))
/**
 * A vault passphrase, never trimmed (a space can be part of it). To open a vault, any length the
 * command line accepted; a new one has at least 8 characters.
 */
const typedPassphrase = z.string().check(z.minLength(1, 'Type the passphrase.'), z.maxLength(1024, 'A passphrase has at most 1024 characters.'))
const newPassphrase = z.string().check(z.minLength(8, 'A passphrase has at least 8 characters.'), z.maxLength(1024, 'A passphrase has at most 1024 characters.'))
/** A user, Page or system-user token inside free text (a name, a note): never kept there. */
export const holdsUserToken = (text: string): boolean => /EAA[A-Za-z0-9_-]{10,}/.test(text)
/** The longest "used in" note, here and on the command line. */
export const USED_IN_MAX = 300
/** Where a token is used: a short note, never a token itself. '' clears it. */
const usedIn = z.string().check(
  z.trim(),
  z.maxLength(USED_IN_MAX),
  z.regex(/^[^\p{Cc}]*$/u, 'One line, without control characters.'),
  z.refine((v) => !holdsUserToken(v), 'Write where the token is used, not the token itself.'),
)

/** The alert command: a program and its arguments, each one line; [] turns it off. */
export const alertCommand = z
  .array(z.string().check(z.minLength(1), z.maxLength(4096), z.regex(/^[^\p{Cc}]*$/u, 'One line per argument, without control characters.')))
  .check(
    z.maxLength(64),
    z.refine((argv) => !argv.some(holdsUserToken), 'The alert command needs no token: Token Desk never sends one.'),
  )

const count = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max))
const empty = z.strictObject({})

export const schemas = {
  getState: empty,
  /** `business`: the practice app is a Business app with Login for Business configurations. */
  startPractice: z.strictObject({ app: z.optional(z.enum(['classic', 'business'])) }),
  configureApp: z.strictObject({
    appId: numericId,
    appSecret: z.string().check(z.regex(/^[0-9a-f]{32}$/i, 'An App Secret is 32 hexadecimal characters.')),
    redirectUri: z.optional(z.url().check(z.maxLength(2048))),
    apiVersion: z.optional(z.string().check(z.regex(/^v\d{1,3}\.\d$/))),
    /** A Facebook Login for Business configuration for every purpose. */
    configId: z.optional(configId),
  }),
  /** The app's Login for Business configurations; null or '' clears one, absent keeps it. */
  setLoginConfigs: z.strictObject({ all: optionalConfigId, ads: optionalConfigId, pages: optionalConfigId, systemUser: optionalConfigId }),
  choosePurpose: z.strictObject({
    purpose: z.enum(PURPOSES),
    scopes: z.optional(z.array(z.enum(KNOWN_SCOPES)).check(z.minLength(1), z.maxLength(KNOWN_SCOPES.length))),
  }),
  login: z.strictObject({
    /** Choose the purpose and log in with one click (as choosePurpose, then login). */
    purpose: z.optional(z.enum(PURPOSES)),
    /** Ask Facebook to show declined permissions and the Page choice again (graph-api.md §1.4). */
    authType: z.optional(z.literal('rerequest')),
    /** Permissions to ask for besides the purpose's, e.g. business_management. */
    addScopes: z.optional(z.array(z.enum(KNOWN_SCOPES)).check(z.maxLength(KNOWN_SCOPES.length))),
    /** Log in as another Facebook user: Facebook asks for the password again (auth_type=reauthenticate). */
    switchUser: z.optional(z.boolean()),
    /** Through the app's system-user configuration: a business integration system-user token. */
    configuration: z.optional(z.literal('system-user')),
  }),
  pasteToken: z.strictObject({ token: tokenValue, name: z.optional(name) }),
  extendToken: empty,
  savePages: z.strictObject({ pageIds: z.array(numericId).check(z.maxLength(1000)), saveUserToken: z.boolean(), name: z.optional(name) }),
  /** Back to the first step: the purpose chosen last, ready to log in, or with askPurpose the purpose question. */
  resetWizard: z.strictObject({ askPurpose: z.optional(z.literal(true)) }),
  checkNow: z.strictObject({ id: z.optional(id) }),
  removeToken: z.strictObject({
    id,
    /** Also revoke it at Facebook (verified with debug_token) before forgetting it here. */
    revoke: z.optional(z.boolean()),
    /** With revoke, for user and Page tokens: take back only this permission, not the whole login. */
    permission: z.optional(z.enum(KNOWN_SCOPES)),
  }),
  renameToken: z.strictObject({ id, name }),
  copyToken: z.strictObject({ id }),
  copySnippet: z.strictObject({ id, format: z.enum(['curl', 'env', 'node-sdk']) }),
  /**
   * Only where the page writes the clipboard (host.copy 'page'), only on a click: the one reply
   * that carries a token or the diagnostics to the page. Never part of the state; no-store.
   */
  copyInPage: z.discriminatedUnion('what', [
    z.strictObject({ what: z.literal('token'), id }),
    z.strictObject({ what: z.literal('snippet'), id, format: z.enum(['curl', 'env', 'node-sdk']) }),
    z.strictObject({ what: z.literal('diagnostics') }),
  ]),
  reauthorize: z.strictObject({ id }),
  refreshAccess: empty,
  updateSettings: z.strictObject({
    reminderDays: z.optional(z.array(count(1, 60)).check(z.minLength(1), z.maxLength(8))),
    dataAccessReminderDays: z.optional(z.array(count(1, 89)).check(z.minLength(1), z.maxLength(8))),
    checkIntervalHours: z.optional(count(1, 168)),
    startAtLogin: z.optional(z.boolean()),
    allowWeakSecretStorage: z.optional(z.boolean()),
    alertCommand: z.optional(alertCommand),
  }),
  signOutFacebook: empty,
  deleteEverything: z.strictObject({ confirm: z.literal('DELETE') }),
  dismissNotice: z.strictObject({ id }),
  practice: z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('advance-time'), days: count(1, 400) }),
    z.strictObject({ action: z.literal('change-password') }),
    z.strictObject({ action: z.literal('remove-app') }),
    z.strictObject({ action: z.literal('remove-page-role'), pageId: z.optional(numericId) }),
    z.strictObject({ action: z.literal('throttle'), on: z.boolean() }),
    z.strictObject({ action: z.literal('break-app'), what: z.enum(BREAKS) }),
    z.strictObject({ action: z.literal('repair-app') }),
    z.strictObject({ action: z.literal('add-business-page') }),
    z.strictObject({ action: z.literal('disable-ad-account') }),
    z.strictObject({ action: z.literal('add-pages'), count: count(1, 100) }),
    z.strictObject({ action: z.literal('access-tier'), tier: z.enum(['limited', 'full']) }),
    z.strictObject({ action: z.literal('business-admin'), admin: z.boolean() }),
    z.strictObject({ action: z.literal('system-user-allowance'), level: z.enum(['development', 'basic', 'standard', 'tier']) }),
    z.strictObject({ action: z.literal('limit-approval'), on: z.boolean() }),
  ]),
  /** Log in as a business admin (business_management), then list businesses and system users. */
  startSystemUser: empty,
  /** Install the app for the chosen system user, mint, verify with debug_token, save and watch. */
  mintSystemUser: z.strictObject({
    businessId: numericId,
    systemUserId: numericId,
    expiresIn60Days: z.boolean(),
    name: z.optional(name),
    usedIn: z.optional(usedIn),
  }),
  /** "This token may have leaked": a verified replacement, stored in place, then the old one revoked. */
  rotateToken: z.strictObject({ id, revokeFirst: z.optional(z.boolean()) }),
  setUsedIn: z.strictObject({ id, usedIn }),
  checkApp: empty,
  whyMissing: z.strictObject({ kind: z.enum(['page', 'ad-account']), query: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)) }),
  addMissingPage: z.strictObject({ pageId: numericId }),
  getDiagnostics: empty,
  copyDiagnostics: empty,
  openLogsFolder: empty,
  /** Opens a vault locked here with the passphrase its slots file holds (storage.unlock). */
  unlockVault: z.strictObject({ passphrase: typedPassphrase }),
  /**
   * Adds a passphrase to the open vault so `token-desk` can open it (storage.scriptPassphrase
   * 'can-add'), or makes the vault's key with it where nothing else can keep one ('can-create').
   */
  addVaultPassphrase: z.strictObject({ passphrase: newPassphrase }),
  /** A place the token is delivered to after every renewal (preload/destinations.ts; free commands from the command line only). */
  addDestination: z.strictObject({ id, destination: destinationInput }),
  removeDestination: z.strictObject({ id, destinationId: id }),
  /** "Deliver now", "Test" (one destination) and a failure notice's "Try again". */
  deliverNow: z.strictObject({ id, destinationId: z.optional(id) }),
  /** Runs the alert command once with a sample alert, so the person sees it arrive. */
  sendTestAlert: empty,
  /** Your own app's mode: forgets the practice tokens kept apart (practiceTokensKept). */
  clearPracticeTokens: empty,
} as const

// Both ways: every method has a schema, and every schema is a method.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const _sameKeys: Exactly<keyof typeof schemas, Method> = true
void _sameKeys

export type Input<M extends Method> = z.infer<(typeof schemas)[M]>

/** A copy action's answer: what was copied, masked, and when the clipboard is cleared. */
export interface CopyResult {
  masked: string
  clearsInSeconds: number
}

/** copyInPage's answer: the text itself, for the page to write to the clipboard and forget. */
export interface PageCopy extends CopyResult {
  text: string
}

export interface Results {
  getState: AppState
  startPractice: AppState
  configureApp: AppState
  choosePurpose: AppState
  login: AppState
  pasteToken: AppState
  extendToken: AppState
  savePages: AppState
  resetWizard: AppState
  checkNow: AppState
  removeToken: AppState
  renameToken: AppState
  copyToken: CopyResult
  copySnippet: CopyResult
  copyInPage: PageCopy
  reauthorize: AppState
  refreshAccess: AppState
  updateSettings: AppState
  signOutFacebook: AppState
  deleteEverything: AppState
  dismissNotice: AppState
  practice: AppState
  startSystemUser: AppState
  mintSystemUser: AppState
  rotateToken: AppState
  setUsedIn: AppState
  setLoginConfigs: AppState
  checkApp: AppState
  whyMissing: MissingDiagnosis
  addMissingPage: AppState
  getDiagnostics: Diagnostics
  copyDiagnostics: CopyResult
  openLogsFolder: Diagnostics
  unlockVault: AppState
  addVaultPassphrase: AppState
  addDestination: AppState
  removeDestination: AppState
  deliverNow: AppState
  sendTestAlert: AppState
  clearPracticeTokens: AppState
}

/** What a bug report needs, redacted: shown under Settings and copied by "Copy diagnostics". */
export interface Diagnostics {
  text: string
  /** The folder the log files are in, when this host writes any. */
  logsFolder: string | null
  /** Whether "Open logs folder" can open it here (the desktop app). */
  canOpenLogsFolder: boolean
}

/** Errors crossing the bridge: a stable code and plain words. Never a token or secret. */
export interface BridgeError {
  code: 'invalid-input' | 'not-allowed' | 'failed' | 'cancelled' | 'network'
  message: string
}

export type Reply<M extends Method> = { ok: true; value: Results[M] } | { ok: false; error: BridgeError }

/** What `window.tokenDesk` is: one function per method, plus one state subscription. */
export type TokenDeskApi = { [M in Method]: (input: Input<M>) => Promise<Reply<M>> } & {
  onState: (listener: (state: AppState) => void) => () => void
}
