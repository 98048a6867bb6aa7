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
