import type { Problem, Purpose, TokenKind, TokenStatus, TokenSummary } from '../../../preload/api'
import { destinationSummaries } from '../deliveries/summary'

/**
 * What the vault keeps beside each encrypted token: everything the app shows and the monitor
 * schedules on, and nothing secret. Times are ms since the epoch.
 */
export interface TokenMeta {
  name: string
  kind: TokenKind
  last4: string
  appId: string | null
  userId: string | null
  profileId: string | null
  scopes: string[]
  purpose: Purpose | null
  expiresAt: number | null
  neverExpires: boolean
  dataAccessExpiresAt: number | null
  status: TokenStatus
  problem: Problem | null
  lastCheckedAt: number | null
  /** When the monitor first saw it dead for the current reason (keys the death reminder). */
  diedAt: number | null
  parentId: string | null
  createdAt: number
  /** Page tasks when kind is PAGE. */
  tasks?: string[]
  /** Where the token is in use ("n8n production", "~/ads/.env"): shown when it is replaced. */
  usedIn?: string
  /** A system-user token minted here: the business and system user, for renewal and rotation. */
  systemUser?: SystemUserRef
  /**
   * Where the token is delivered after every renewal (core/deliveries). As read from the file:
   * checked on every read by readDestinations, which refuses what is not exactly a destination.
   */
  destinations?: unknown
  /** The Login for Business configuration the login went through: renewals go through it again. */
  configId?: string
  /** A business integration system-user token: the client business it acts in (`/me?fields=client_business_id`). */
  clientBusinessId?: string
}

export interface SystemUserRef {
  businessId: string
  id: string
  name: string
}

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

export function toSummary(id: string, meta: TokenMeta): TokenSummary {
  return {
    id,
    name: meta.name,
    kind: meta.kind,
    last4: meta.last4,
    appId: meta.appId,
    userId: meta.userId,
    profileId: meta.profileId,
    scopes: [...meta.scopes],
    expiresAt: iso(meta.expiresAt),
    neverExpires: meta.neverExpires,
    dataAccessExpiresAt: iso(meta.dataAccessExpiresAt),
    status: meta.status,
    problem: meta.problem,
    lastCheckedAt: iso(meta.lastCheckedAt),
    parentId: meta.parentId,
    usedIn: meta.usedIn ?? null,
    systemUser: meta.systemUser ? { ...meta.systemUser } : null,
    ...(meta.destinations !== undefined ? { destinations: destinationSummaries(meta.destinations) } : {}),
    ...(meta.configId ? { configId: meta.configId } : {}),
    ...(meta.clientBusinessId ? { clientBusinessId: meta.clientBusinessId } : {}),
  }
}
