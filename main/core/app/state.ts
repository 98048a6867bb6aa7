import type { AppState, TokenSummary } from '../../../preload/api'
import { DEFAULT_API_VERSION } from '../graph'
import { toSummary, type TokenMeta } from '../tokens/record'
import { DEFAULT_REDIRECT_URI, redirectUriFor } from './graph-factory'
import { configsOf } from '../tokens/configurations'
import { problemNotices } from './alarms'
import type { AppContext } from './context'
import { versionStatus } from '../doctor'
import { canStartAtLogin, settingsAsRegistered } from './start-at-login'
import { practiceSwitches } from './practice-switches'
import { practiceKeptCount } from './practice-kept'
import { passphraseDoor, type VaultEntry } from '../vault'

/** Every stored token as the renderer sees it, with the monitor's newest verdicts, by name. */
export function tokenSummaries(ctx: AppContext): TokenSummary[] {
  const live = new Map(ctx.watch.list().map((t) => [t.id, t]))
  return ctx.tokens
    .list()
    .map((entry) => {
      const summary = toSummary(entry.id, { ...entry.meta, ...live.get(entry.id) })
      if (entry.problem) {
        summary.status = 'needs-relogin'
        summary.problem = { reason: 'unreadable', code: null, subcode: null, message: entry.problem.message, fix: 'repaste' }
      }
      return summary
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The whole state the renderer sees: summaries only, never a token or secret. */
export function buildState(ctx: AppContext): AppState {
  const config = ctx.settings.getApp()
  const vault = ctx.tokens.status()
  const tokens = tokenSummaries(ctx)
  const passphrase = passphraseDoor(ctx.deps.cipher)?.passphraseUse() ?? null
  return {
    mode: config.mode,
    app: config.mode === 'none' || !config.appId ? null : {
            appId: config.appId,
            redirectUri: ctx.deps.loginRedirectUri ?? config.redirectUri ?? DEFAULT_REDIRECT_URI,
            apiVersion: config.apiVersion ?? DEFAULT_API_VERSION,
            loginConfigs: configsOf(config),
          },
    loginHost: {
      redirectUri: ctx.sandbox ? redirectUriFor(ctx) : (ctx.deps.loginRedirectUri ?? null),
      browser: ctx.deps.loginRedirectUri !== undefined,
      fixed: ctx.deps.loginRedirectFixed === true,
    },
    storage: {
      protection: vault.protection,
      backend: vault.backend,
      persisting: vault.persisting,
      unlock: passphrase === 'unlock' ? 'passphrase' : null,
      scriptPassphrase:
        passphrase === 'unlock' || passphrase === 'set' ? 'set' : passphrase === 'add' ? 'can-add' : passphrase === 'create' ? 'can-create' : null,
      reason: vault.reason,
    },
    wizard: ctx.wizard,
    tokens,
    access: ctx.access,
    settings: settingsAsRegistered(ctx, ctx.settings.get()),
    notices: [...problemNotices(ctx, tokens), ...ctx.currentNotices()],
    online: ctx.online,
    lastCheckAt: ctx.lastCheckAt === null ? null : new Date(ctx.lastCheckAt).toISOString(),
    practiceNow: ctx.sandbox ? new Date(ctx.sandbox.clock.now()).toISOString() : null,
    practiceExplorerUrl: ctx.sandbox ? `${ctx.sandbox.wwwUrl}/tools/explorer` : null,
    doctor: ctx.doctor,
    versions: ctx.graph ? versionStatus(ctx.graph, ctx.clock.now()) : null,
    host: { copy: ctx.deps.clipboard === 'page' ? 'page' : 'host', startAtLogin: canStartAtLogin(ctx) },
    practiceSwitches: practiceSwitches(ctx),
    practiceTokensKept: config.mode === 'production' ? practiceKeptCount(ctx) : 0,
  }
}

/** A stored token's description with the monitor's newest verdict applied. */
export function liveMeta(ctx: AppContext, id: string): TokenMeta | null {
  const entry = ctx.tokens.get(id)
  if (!entry) return null
  const live = ctx.watch.list().find((t) => t.id === id)
  return live ? { ...entry.meta, ...live } : entry.meta
}

/**
 * The stored user token a Page token was made from: its parent, else a user token of the same
 * person. A login through it renews the Page token too.
 */
export function userEntryOf(ctx: AppContext, page: TokenMeta): VaultEntry<TokenMeta> | undefined {
  return ctx.tokens.list().find((e) => e.id === page.parentId || (e.meta.kind === 'USER' && e.meta.userId !== null && e.meta.userId === page.userId))
}
