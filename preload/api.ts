/**
 * The contract between the renderer and whichever host runs it (Electron main through the
 * preload, or the web host over HTTP). This file is the only place a method is named.
 * Main, preload, web host and renderer all derive from it.
 *
 * Direction rule: the renderer may *send* a token (the paste path) but never *receives* one.
 * Every result type below holds summaries only: ids, names, the last four characters, times.
 */
import { z } from 'zod'
import { METHODS, STATE_CHANNEL, channelOf, type Method } from './methods'

export { METHODS, STATE_CHANNEL, channelOf, type Method }

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

export const TOKEN_KINDS = ['USER', 'PAGE', 'APP', 'SYSTEM_USER'] as const
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
}

export interface PageChoice {
  id: string
  name: string
  category: string | null
  tasks: string[]
}

export type WizardState =
  | { step: 'purpose' }
  | { step: 'connect'; purpose: Purpose; scopes: string[] }
  | { step: 'working'; purpose: Purpose; label: string }
  | { step: 'inspect'; purpose: Purpose; token: InspectedToken }
  | { step: 'pages'; purpose: Purpose; token: InspectedToken; pages: PageChoice[] }
  | { step: 'saved'; purpose: Purpose; saved: string[] }
  | { step: 'failed'; purpose: Purpose | null; message: string; canPaste: boolean }

export type AccessLevelName = 'development' | 'basic' | 'standard'

export interface AccessInfo {
  /** Live tier from `ads_api_access_tier`, or null when no header has been seen yet. */
  liveTier: 'development_access' | 'standard_access' | null
  /** Today's name for the live tier. */
  liveTierName: 'Limited' | 'Full' | null
  /** The reference level the live tier corresponds to, for the seed's table. */
  level: AccessLevelName | null
  adAccounts: { id: string; accountId: string; name: string; status: number }[]
  adAccountLimit: number | null
  usage: { name: string; percent: number }[]
  checkedAt: string | null
}

export interface Settings {
  reminderDays: number[]
  dataAccessReminderDays: number[]
  checkIntervalHours: number
  startAtLogin: boolean
  allowWeakSecretStorage: boolean
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
}

export interface AppState {
  mode: 'none' | 'practice' | 'production'
  app: { appId: string; redirectUri: string; apiVersion: string } | null
  storage: { protection: 'os-keystore' | 'weak' | 'unavailable'; backend: string; persisting: boolean }
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
}

// ---------------------------------------------------------------- input schemas

const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/)
const name = z.string().trim().min(1).max(120)
const numericId = z.string().regex(/^\d{1,32}$/)
/** Tokens are opaque; this only bounds them and refuses whitespace and control characters. */
const tokenValue = z.string().trim().min(10).max(4096).regex(/^[\x21-\x7e]+$/)

export const schemas = {
  getState: z.object({}).strict(),
  startPractice: z.object({}).strict(),
  configureApp: z
    .object({
      appId: numericId,
      appSecret: z.string().regex(/^[0-9a-f]{32}$/i, 'An App Secret is 32 hexadecimal characters.'),
      redirectUri: z.string().url().max(2048).optional(),
      apiVersion: z.string().regex(/^v\d{1,3}\.\d$/).optional(),
    })
    .strict(),
  choosePurpose: z
    .object({
      purpose: z.enum(PURPOSES),
      scopes: z.array(z.enum(KNOWN_SCOPES)).min(1).max(KNOWN_SCOPES.length).optional(),
    })
    .strict(),
  login: z.object({}).strict(),
  pasteToken: z.object({ token: tokenValue, name: name.optional() }).strict(),
  extendToken: z.object({}).strict(),
  savePages: z
    .object({ pageIds: z.array(numericId).max(1000), saveUserToken: z.boolean(), name: name.optional() })
    .strict(),
  resetWizard: z.object({}).strict(),
  checkNow: z.object({ id: id.optional() }).strict(),
  removeToken: z.object({ id }).strict(),
  renameToken: z.object({ id, name }).strict(),
  copyToken: z.object({ id }).strict(),
  copySnippet: z.object({ id, format: z.enum(['curl', 'env', 'node-sdk']) }).strict(),
  reauthorize: z.object({ id }).strict(),
  refreshAccess: z.object({}).strict(),
  updateSettings: z
    .object({
      reminderDays: z.array(z.number().int().min(1).max(60)).min(1).max(8).optional(),
      dataAccessReminderDays: z.array(z.number().int().min(1).max(89)).min(1).max(8).optional(),
      checkIntervalHours: z.number().int().min(1).max(168).optional(),
      startAtLogin: z.boolean().optional(),
      allowWeakSecretStorage: z.boolean().optional(),
    })
    .strict(),
  signOutFacebook: z.object({}).strict(),
  deleteEverything: z.object({ confirm: z.literal('DELETE') }).strict(),
  dismissNotice: z.object({ id }).strict(),
  practice: z.discriminatedUnion('action', [
    z.object({ action: z.literal('advance-time'), days: z.number().int().min(1).max(400) }).strict(),
    z.object({ action: z.literal('change-password') }).strict(),
    z.object({ action: z.literal('remove-app') }).strict(),
    z.object({ action: z.literal('remove-page-role'), pageId: numericId.optional() }).strict(),
    z.object({ action: z.literal('throttle'), on: z.boolean() }).strict(),
    z.object({ action: z.literal('add-pages'), count: z.number().int().min(1).max(100) }).strict(),
  ]),
  getDiagnostics: z.object({}).strict(),
  copyDiagnostics: z.object({}).strict(),
  openLogsFolder: z.object({}).strict(),
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
  reauthorize: AppState
  refreshAccess: AppState
  updateSettings: AppState
  signOutFacebook: AppState
  deleteEverything: AppState
  dismissNotice: AppState
  practice: AppState
  getDiagnostics: Diagnostics
  copyDiagnostics: CopyResult
  openLogsFolder: Diagnostics
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
