import { nowSeconds, type SandboxContext } from './context'
import { newAppToken, newCode, newUserToken } from './ids'
import { LIFETIME } from './options'
import { grantKey, integrationKey, requireApp, type AppRecord, type CodeRecord, type Grant, type TokenRecord } from './state'
import { PAGE_SCOPES } from './known-permissions'
import { reachablePages } from './reach'
import type { GranularScope, SandboxToken } from './types'

/** A new authorization code for the dialog's answer: single use, dated now (§2). */
export function issueCode(ctx: SandboxContext, record: Omit<CodeRecord, 'createdAtMs' | 'used'>): string {
  const code = newCode()
  ctx.state.codes.set(code, { ...record, createdAtMs: ctx.clock.now(), used: false })
  return code
}

export function grantFor(ctx: SandboxContext, userId: string, appId: string): Grant | undefined {
  return ctx.state.grants.get(grantKey(userId, appId))
}

/** What the dialog's Page chooser was answered: the Pages ticked, out of those it offered. */
export interface PageChoice {
  ticked: string[]
  offered: string[]
}

/**
 * Records what a login granted; each login renews data access for 90 days (§10.3). `pages` is
 * the answer of the dialog's Page chooser; undefined keeps the earlier choice.
 */
export function recordGrant(ctx: SandboxContext, userId: string, appId: string, granted: string[], declined: string[], pages?: PageChoice): Grant {
  const key = grantKey(userId, appId)
  const grant = ctx.state.grants.get(key) ?? { granted: new Set<string>(), declined: new Set<string>(), dataAccessExpiresAt: 0, pageTargets: null, futurePages: false }
  if (pages !== undefined) {
    const ticked = new Set(pages.ticked)
    grant.pageTargets = ticked
    grant.futurePages = pages.offered.every((id) => ticked.has(id))
  }
  for (const scope of granted) {
    grant.granted.add(scope)
    grant.declined.delete(scope)
  }
  for (const scope of declined) if (!grant.granted.has(scope)) grant.declined.add(scope)
  grant.dataAccessExpiresAt = nowSeconds(ctx) + LIFETIME.dataAccess
  ctx.state.grants.set(key, grant)
  return grant
}

function store(ctx: SandboxContext, record: Omit<TokenRecord, 'value' | 'death'>, value = newUserToken()): TokenRecord {
  const full: TokenRecord = { ...record, value, death: null }
  ctx.state.tokens.set(value, full)
  return full
}

export function issueUserToken(
  ctx: SandboxContext,
  spec: { appId: string; userId: string; scopes: string[]; longLived: boolean; authType?: string | null; expiresAt?: number },
): TokenRecord {
  const now = nowSeconds(ctx)
  const life = spec.longLived ? LIFETIME.longUser : LIFETIME.shortUser
  return store(ctx, {
    kind: 'USER',
    appId: spec.appId,
    userId: spec.userId,
    profileId: null,
    scopes: [...spec.scopes],
    issuedAt: now,
    longLived: spec.longLived,
    expiresAt: spec.expiresAt ?? now + life,
    authType: spec.authType ?? null,
  })
}

/** A page token made from a user token: never expires from a long-lived one, 1 h otherwise (§4.1). */
export function pageTokenFor(ctx: SandboxContext, parent: TokenRecord, pageId: string): TokenRecord {
  const key = `${parent.value}:${pageId}`
  const cached = ctx.state.pageTokens.get(key)
  const existing = cached === undefined ? undefined : ctx.state.tokens.get(cached)
  if (existing) return existing
  const now = nowSeconds(ctx)
  const record = store(ctx, {
    kind: 'PAGE',
    appId: parent.appId,
    userId: parent.userId,
    profileId: pageId,
    scopes: [...parent.scopes],
    issuedAt: now,
    longLived: parent.longLived,
    expiresAt: parent.longLived ? 0 : now + LIFETIME.shortPage,
    authType: null,
  })
  ctx.state.pageTokens.set(key, record.value)
  return record
}

export function issueSystemUserToken(
  ctx: SandboxContext,
  spec: { appId: string; userId: string; scopes: string[]; expiresAt: number },
): TokenRecord {
  return store(ctx, {
    kind: 'SYSTEM_USER',
    appId: spec.appId,
    userId: spec.userId,
    profileId: null,
    scopes: [...spec.scopes],
    issuedAt: nowSeconds(ctx),
    longLived: true,
    expiresAt: spec.expiresAt,
    authType: null,
  })
}

export function issueAppToken(ctx: SandboxContext, app: AppRecord): TokenRecord {
  const value = newAppToken(app.id)
  app.appTokens.add(value)
  return store(
    ctx,
    { kind: 'APP', appId: app.id, userId: null, profileId: null, scopes: [], issuedAt: nowSeconds(ctx), longLived: true, expiresAt: 0, authType: null },
    value,
  )
}

/** The 190 subcode a token fails with now, or null while it works. Explicit deaths win over expiry. */
export function deathOf(ctx: SandboxContext, token: TokenRecord): number | null {
  if (token.death !== null) return token.death
  if (token.expiresAt !== 0 && nowSeconds(ctx) >= token.expiresAt) return 463
  return null
}

export function dataAccessOf(ctx: SandboxContext, token: TokenRecord): number | null {
  if (token.kind === 'APP') return null
  if (token.kind === 'SYSTEM_USER') return 0
  if (!token.userId) return null
  return grantFor(ctx, token.userId, token.appId)?.dataAccessExpiresAt ?? 0
}

/**
 * The Pages a token's page permissions cover (`target_ids`, §5.1): the ones ticked in the
 * dialog's chooser, or, for a grant made without it, every Page with a direct role.
 */
export function pageTargets(ctx: SandboxContext, token: TokenRecord): string[] {
  if (token.kind === 'PAGE') return token.profileId ? [token.profileId] : []
  const grant = token.userId === null ? undefined : grantFor(ctx, token.userId, token.appId)
  const chosen = grant?.pageTargets ?? null
  if (chosen && token.userId !== null) {
    const later = grant?.futurePages ? new Set(reachablePages(ctx.state, token.userId).map((p) => p.id)) : new Set<string>()
    return ctx.state.pages.filter((p) => chosen.has(p.id) || later.has(p.id)).map((p) => p.id)
  }
  return ctx.state.pages.filter((p) => token.userId !== null && p.roles.has(token.userId)).map((p) => p.id)
}

/** Whether a token's page permissions reach this Page. A grant made without the chooser covers every Page. */
export function coversPage(ctx: SandboxContext, token: TokenRecord, pageId: string): boolean {
  if (token.kind === 'SYSTEM_USER') return true
  if (token.kind === 'PAGE') return token.profileId === pageId
  const grant = token.userId === null ? undefined : grantFor(ctx, token.userId, token.appId)
  const chosen = grant?.pageTargets ?? null
  return chosen === null || grant?.futurePages === true || chosen.has(pageId)
}

const ADS_SCOPE = /^ads_/

/** A business integration token's targets: the assets its business gave the integration, narrowed by `asset` when it was minted so. */
function integrationTargets(ctx: SandboxContext, token: TokenRecord): { pages: string[]; adAccounts: string[] } | null {
  if (!token.clientBusinessId) return null
  const integration = ctx.state.integrations.get(integrationKey(token.clientBusinessId, token.appId))
  if (!integration) return { pages: [], adAccounts: [] }
  const limit = token.assetLimit ? new Set(token.assetLimit) : null
  const keep = (ids: ReadonlySet<string>): string[] => [...ids].filter((id) => limit === null || limit.has(id))
  return { pages: keep(integration.pages), adAccounts: keep(integration.adAccounts) }
}

export function granularOf(ctx: SandboxContext, token: TokenRecord): GranularScope[] {
  const scopes = token.scopes.filter((scope) => scope !== 'public_profile')
  // Business integration tokens: target_ids are the chosen assets (login-for-business.md §4; modelled, not confirmed).
  // Ad account ids are bare numbers here; another fixture has them act_-prefixed (graph-api-doctor.md §2.1).
  const integration = integrationTargets(ctx, token)
  if (integration) {
    return scopes.map((scope) =>
      PAGE_SCOPES.test(scope) ? { scope, target_ids: integration.pages } : ADS_SCOPE.test(scope) ? { scope, target_ids: integration.adAccounts } : { scope },
    )
  }
  // System-user grants list no targets (the WhatsApp SYSTEM_USER example, §5.2).
  const targets = token.kind === 'SYSTEM_USER' ? null : pageTargets(ctx, token)
  const grant = token.kind === 'USER' && token.userId !== null ? grantFor(ctx, token.userId, token.appId) : undefined
  const accounts = grant?.adAccountTargets ? [...grant.adAccountTargets] : null
  return scopes.map((scope) =>
    PAGE_SCOPES.test(scope) && targets ? { scope, target_ids: targets } : ADS_SCOPE.test(scope) && accounts ? { scope, target_ids: accounts } : { scope },
  )
}

export function snapshot(ctx: SandboxContext, token: TokenRecord): SandboxToken {
  return {
    kind: token.kind,
    appId: token.appId,
    userId: token.userId,
    profileId: token.profileId,
    scopes: [...token.scopes],
    granularScopes: granularOf(ctx, token),
    issuedAt: token.kind === 'USER' && !token.longLived ? null : token.issuedAt,
    expiresAt: token.expiresAt,
    dataAccessExpiresAt: dataAccessOf(ctx, token),
    longLived: token.longLived,
    authType: token.authType,
    deadSubcode: deathOf(ctx, token),
  }
}

export type AppTokenLookup = { app: AppRecord } | { error: string; known: AppRecord | null }

/** `{app-id}|{secret}` literals and client_credentials tokens (graph-api.md §6). */
export function lookupAppToken(ctx: SandboxContext, value: string): AppTokenLookup | null {
  const bar = value.indexOf('|')
  if (bar < 0 || !/^\d+$/.test(value.slice(0, bar))) return null
  const app = ctx.state.apps.get(value.slice(0, bar))
  if (!app) return { error: 'unknown-app', known: null }
  if (value.slice(bar + 1) === app.secret || app.appTokens.has(value)) return { app }
  return { error: 'bad-signature', known: app }
}

export { requireApp }
