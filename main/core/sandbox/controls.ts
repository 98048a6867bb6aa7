import type { SandboxContext } from './context'
import { addFault } from './faults'
import { newSecret, numericId } from './ids'
import { addPages } from './more-pages'
import { revoke } from './permissions'
import { requireApp, requirePerson, type AppRecord } from './state'
import type { AccessTier, AppSettings, FaultSpec, PagedEdge, SandboxBehaviour, SandboxControls } from './types'
import { DEATH_SUBCODES } from './token-messages'

/** Marks every live user and page token of the person (for one app, or all) with a 190 subcode. */
function killPersonTokens(ctx: SandboxContext, userId: string, subcode: number, appId?: string): void {
  requirePerson(ctx.state, userId)
  for (const token of ctx.state.tokens.values()) {
    if (token.userId !== userId || token.kind === 'APP') continue
    if (appId !== undefined && token.appId !== appId) continue
    token.death ??= subcode
  }
}

/** Only the three settings, whatever else the caller sent. */
function appSettings(settings: Partial<AppSettings>): Partial<AppSettings> {
  if (settings.appType !== undefined && settings.appType !== 'web' && settings.appType !== 'native-desktop') {
    throw new Error('appType is web or native-desktop.')
  }
  for (const key of ['requireAppSecret', 'honourPkce'] as const) {
    if (settings[key] !== undefined && typeof settings[key] !== 'boolean') throw new Error(`${key} is a boolean.`)
  }
  const out: Partial<AppSettings> = {}
  if (settings.appType !== undefined) out.appType = settings.appType
  if (settings.requireAppSecret !== undefined) out.requireAppSecret = settings.requireAppSecret
  if (settings.honourPkce !== undefined) out.honourPkce = settings.honourPkce
  return out
}

export function createControls(ctx: SandboxContext, defaultRedirects: () => string[]): SandboxControls {
  const { state } = ctx
  return {
    changePassword: (userId) => killPersonTokens(ctx, userId, 460),
    removeApp(userId, appId = state.practiceAppId) {
      requireApp(state, appId)
      killPersonTokens(ctx, userId, 458, appId)
      state.grants.delete(`${userId}:${appId}`)
    },
    logout: (userId) => killPersonTokens(ctx, userId, 467),
    checkpoint: (userId) => killPersonTokens(ctx, userId, 459),
    unconfirm: (userId) => killPersonTokens(ctx, userId, 464),
    removePageRole(userId, pageId) {
      const page = state.pages.find((p) => p.id === pageId)
      if (!page) throw new Error(`The sandbox has no Page ${pageId}.`)
      page.roles.delete(userId)
      for (const token of state.tokens.values()) {
        if (token.kind === 'PAGE' && token.profileId === pageId && token.userId === userId) token.death ??= 492
      }
    },
    addPages: (userId, count) => addPages(state, userId, count),
    revokePermission(userId, permission) {
      requirePerson(state, userId)
      revoke(ctx, userId, state.practiceAppId, permission)
    },
    invalidateToken(token, subcode) {
      const record = state.tokens.get(token)
      if (!record) throw new Error('The sandbox did not issue that token.')
      if (!(DEATH_SUBCODES as readonly number[]).includes(subcode) || subcode === 463) {
        throw new Error('Use one of the subcodes 458, 459, 460, 464, 466, 467, 492 (463 comes from the clock).')
      }
      record.death = subcode
    },
    setApp(appId, settings) {
      Object.assign(requireApp(state, appId), appSettings(settings))
    },
    createApp(spec = {}) {
      const settings = appSettings(spec)
      const app: AppRecord = {
        id: numericId(15),
        secret: newSecret(),
        name: typeof spec.name === 'string' ? spec.name : 'Another Practice App',
        redirectUris: Array.isArray(spec.redirectUris) ? spec.redirectUris.filter((u) => typeof u === 'string') : defaultRedirects(),
        appType: settings.appType ?? 'web',
        requireAppSecret: settings.requireAppSecret ?? false,
        honourPkce: settings.honourPkce ?? true,
        admins: new Set([state.practiceUserId]),
        appTokens: new Set(),
      }
      state.apps.set(app.id, app)
      return { id: app.id, secret: app.secret }
    },
    injectFault: (fault: FaultSpec) => addFault(state, fault),
    clearFaults() {
      state.faults.length = 0
    },
    setLatency(ms) {
      if (!(ms >= 0 && ms <= 60_000)) throw new Error('Latency is 0 to 60000 ms.')
      state.latencyMs = ms
    },
    setAccessTier(tier: AccessTier) {
      if (tier !== 'development_access' && tier !== 'standard_access') throw new Error('The tier is development_access or standard_access.')
      state.tier = tier
    },
    setUsage(usage) {
      const next = { ...state.usage }
      for (const key of ['appCallCount', 'adAccountPct', 'buc'] as const) {
        const v = usage[key]
        if (v === undefined) continue
        if (!(typeof v === 'number' && v >= 0)) throw new Error('Usage figures are numbers >= 0.')
        next[key] = v
      }
      state.usage = next
    },
    setEmptyPage(edge: PagedEdge, pageIndex) {
      if (edge !== 'accounts' && edge !== 'adaccounts') throw new Error('The edge is accounts or adaccounts.')
      if (!Number.isInteger(pageIndex) || pageIndex < 0) throw new Error('pageIndex is an integer >= 0.')
      state.emptyPages.add(`${edge}:${pageIndex}`)
    },
    clearEmptyPages() {
      state.emptyPages.clear()
    },
    setBehaviour(behaviour: Partial<SandboxBehaviour>) {
      const current = state.behaviour as unknown as Record<string, unknown>
      for (const [key, value] of Object.entries(behaviour)) {
        if (!Object.hasOwn(current, key)) throw new Error(`Unknown behaviour ${key}.`)
        if (typeof value !== typeof current[key]) throw new Error(`Behaviour ${key} takes a ${typeof current[key]}.`)
      }
      state.behaviour = { ...state.behaviour, ...behaviour }
    },
  }
}
