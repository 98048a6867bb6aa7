import type { Purpose, TokenKind } from '../../../preload/api'
import type { TokenDebugInfo } from '../graph'
import type { TokenMeta } from '../tokens/record'
import type { WizardWork } from './context'

const KIND_LABEL: Record<TokenKind, string> = {
  USER: 'user token',
  PAGE: 'Page token',
  APP: 'app token',
  SYSTEM_USER: 'system-user token',
  BUSINESS_INTEGRATION: 'business integration token',
}

export function defaultName(kind: TokenKind, who: string | null): string {
  return who ? `${who} (${KIND_LABEL[kind]})` : KIND_LABEL[kind].replace(/^./, (c) => c.toUpperCase())
}

/** The stored description of a token Graph has just confirmed valid. */
export function metaFromInfo(opts: {
  info: TokenDebugInfo
  last4: string
  name: string
  purpose: Purpose | null
  parentId: string | null
  now: number
  tasks?: string[]
  /** The Login for Business configuration it came through. */
  configId?: string | undefined
  /** A business integration token: its client business (stored as its own kind). */
  clientBusinessId?: string | undefined
}): TokenMeta {
  const { info } = opts
  return {
    name: opts.name,
    kind: opts.clientBusinessId ? 'BUSINESS_INTEGRATION' : (info.type ?? 'USER'),
    last4: opts.last4,
    appId: info.appId,
    userId: info.userId,
    profileId: info.profileId,
    scopes: [...info.scopes],
    purpose: opts.purpose,
    expiresAt: info.neverExpires ? null : info.expiresAt,
    neverExpires: info.neverExpires,
    dataAccessExpiresAt: info.dataAccessExpiresAt,
    status: 'valid',
    problem: null,
    lastCheckedAt: opts.now,
    diedAt: null,
    parentId: opts.parentId,
    createdAt: opts.now,
    ...(opts.tasks ? { tasks: [...opts.tasks] } : {}),
    ...(opts.configId ? { configId: opts.configId } : {}),
    ...(opts.clientBusinessId ? { clientBusinessId: opts.clientBusinessId } : {}),
  }
}

/** The stored description of the wizard's token (a user or business integration token). */
export function metaFromWork(work: WizardWork, opts: { name: string; purpose: Purpose | null; now: number }): TokenMeta {
  const { inspection } = work
  return metaFromInfo({ info: inspection.info, last4: inspection.last4, parentId: null, configId: work.configId, clientBusinessId: work.clientBusinessId, ...opts })
}
