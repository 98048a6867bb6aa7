import type { SandboxBehaviour } from './types'

export const DEFAULT_BEHAVIOUR: SandboxBehaviour = {
  acceptBearerHeader: false,
  rejectWrongProofWhenNotRequired: true,
  batchItemProof: 'per-item',
  codeExchangeLifetime: 'short',
  reExtendLongLived: 'same-expiry',
  requireVerifierWhenChallenged: true,
  requireState: true,
  appendHashUnderscore: true,
  deleteAnswer: 'true',
  missingPermission: 'error',
  unreleasedVersion: 'error',
  throttleStatus: 400,
  wrongSecretOnDebugToken: 'must-provide',
  adAccountsThroughBusiness: 'excluded',
  userMessagesOnTokenErrors: true,
  scopeBesideConfig: 'refused',
  declinedInConfig: 'empty-grant',
  integrationDebugType: 'SYSTEM_USER',
  integrationAccounts: 'refused',
  integrationExpiresIn: false,
  sameBusinessIntegration: 'refused',
  businessTokenExchange: 'extends',
}

/** The values each switch that is not a boolean takes: a typo in setBehaviour is an error, not a silent new value. */
export const BEHAVIOUR_CHOICES: Partial<Record<keyof SandboxBehaviour, readonly (string | number)[]>> = {
  batchItemProof: ['per-item', 'top-level-only'],
  codeExchangeLifetime: ['short', 'long'],
  reExtendLongLived: ['same-expiry', 'new-expiry'],
  deleteAnswer: ['true', 'success-object'],
  missingPermission: ['error', 'empty'],
  unreleasedVersion: ['error', 'serve'],
  throttleStatus: [400, 403],
  wrongSecretOnDebugToken: ['must-provide', 'invalid-signature'],
  adAccountsThroughBusiness: ['excluded', 'included'],
  scopeBesideConfig: ['refused', 'ignored'],
  declinedInConfig: ['empty-grant', 'access-denied'],
  integrationDebugType: ['SYSTEM_USER', 'USER'],
  integrationAccounts: ['refused', 'allowed'],
  sameBusinessIntegration: ['refused', 'allowed'],
  businessTokenExchange: ['extends', 'refused'],
}

/** Lifetimes in seconds (graph-api.md §3, §4, §10.3, §15.6). */
export const LIFETIME = {
  shortUser: 2 * 3600,
  longUser: 60 * 86400,
  /** What fb_exchange_token reports as expires_in (a real capture). */
  longUserReported: 5183944,
  shortPage: 3600,
  dataAccess: 90 * 86400,
  code: 10 * 60,
  proofWindow: 300,
} as const

export const MAX_BODY_BYTES = 1024 * 1024
export const MAX_BATCH = 50
export const MAX_LIMIT = 100
