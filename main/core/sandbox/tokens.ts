import { nowSeconds, type SandboxContext } from './context'
import { newAppToken, newUserToken } from './ids'
import { LIFETIME } from './options'
import { grantKey, requireApp, type AppRecord, type Grant, type TokenRecord } from './state'
import type { GranularScope, SandboxToken } from './types'

/** Scopes that target assets: the grant lists the Pages it covers (graph-api.md §5.1). */
const PAGE_SCOPES = /^pages_|^read_insights$/

export function grantFor(ctx: SandboxContext, userId: string, appId: string): Grant | undefined {
  return ctx.state.grants.get(grantKey(userId, appId))
}

/** Records what a login granted; each login renews data access for 90 days (§10.3). */
export function recordGrant(ctx: SandboxContext, userId: string, appId: string, granted: string[], declined: string[]): Grant {
  const key = grantKey(userId, appId)
  const grant = ctx.state.grants.get(key) ?? { granted: new Set<string>(), declined: new Set<string>(), dataAccessExpiresAt: 0 }
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

export function granularOf(ctx: SandboxContext, token: TokenRecord): GranularScope[] {
  const pages = ctx.state.pages.filter((p) => token.userId !== null && p.roles.has(token.userId)).map((p) => p.id)
  return token.scopes
    .filter((scope) => scope !== 'public_profile')
    .map((scope) => {
      if (!PAGE_SCOPES.test(scope)) return { scope }
      const targets = token.kind === 'PAGE' && token.profileId ? [token.profileId] : pages
      return { scope, target_ids: targets }
    })
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
