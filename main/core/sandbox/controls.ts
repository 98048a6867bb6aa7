import { appSettings } from './app-settings'
import { addAdAccount, addPage, createBusiness, setAdAccountStatus } from './assets'
import type { SandboxContext } from './context'
import { addFault } from './faults'
import { newSecret, numericId } from './ids'
import { addPages } from './more-pages'
import { revoke } from './permissions'
import { newAppRecord, requireApp, requirePerson, setAppRole } from './state'
import { systemUserControls } from './system-user-controls'
import { configurationSpec, createConfiguration } from './login-configurations'
import { removeConnectedApp, removeIntegrationAsset } from './integrations'
import type { AccessTier, AppRole, FaultSpec, PagedEdge, SandboxBehaviour, SandboxControls } from './types'
import { DEATH_SUBCODES } from './token-messages'
import { BEHAVIOUR_CHOICES } from './options'

const ROLES = new Set<AppRole>(['administrators', 'developers', 'testers', 'insights users'])
const PAGED_EDGES = new Set<PagedEdge>(['accounts', 'adaccounts', 'businesses', 'owned_pages', 'client_pages', 'owned_ad_accounts', 'client_ad_accounts', 'roles', 'app_permissions', 'system_users'])

/** Marks every live user and page token of the person (for one app, or all) with a 190 subcode. */
function killPersonTokens(ctx: SandboxContext, userId: string, subcode: number, appId?: string): void {
  requirePerson(ctx.state, userId)
  for (const token of ctx.state.tokens.values()) {
    if (token.userId !== userId || token.kind === 'APP') continue
    if (appId !== undefined && token.appId !== appId) continue
    token.death ??= subcode
  }
}

export function createControls(ctx: SandboxContext, defaultRedirects: () => string[]): SandboxControls {
  const { state } = ctx
  return {
    ...systemUserControls(ctx),
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
      page.assignedThroughBusiness.delete(userId)
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
      const app = requireApp(state, appId)
      Object.assign(app, appSettings(state, settings as Record<string, unknown>))
    },
    createApp(spec = {}) {
      const app = newAppRecord({
        id: numericId(15),
        secret: newSecret(),
        name: typeof spec.name === 'string' ? spec.name : 'Another Practice App',
        redirectUris: defaultRedirects(),
      })
      Object.assign(app, appSettings(state, spec as Record<string, unknown>))
      setAppRole(app, state.practiceUserId, 'administrators')
      state.apps.set(app.id, app)
      return { id: app.id, secret: app.secret }
    },
    setAppRole(appId, userId, role) {
      const app = requireApp(state, appId)
      requirePerson(state, userId)
      if (role !== null && !ROLES.has(role)) throw new Error('role is administrators, developers, testers, insights users or null.')
      setAppRole(app, userId, role)
    },
    resetAppSecret(appId) {
      const app = requireApp(state, appId)
      app.secret = newSecret()
      // Generated app tokens were made with the old secret: they go with it.
      for (const value of app.appTokens) state.tokens.delete(value)
      app.appTokens.clear()
      return app.secret
    },
    blockEmbeddedLogin(on) {
      if (typeof on !== 'boolean') throw new Error('on is a boolean.')
      state.embeddedLoginBlocked = on
    },
    createPerson(name) {
      if (typeof name !== 'string' || name.trim() === '' || name.length > 100) throw new Error('name is a non-empty string.')
      const id = numericId(15)
      state.people.set(id, { id, name: name.trim(), system: false })
      return { id }
    },
    setLoginUser(userId) {
      const person = requirePerson(state, userId)
      if (person.system) throw new Error('A system user cannot log in through the dialog.')
      state.loginUserId = userId
    },
    createBusiness: (spec) => createBusiness(state, spec),
    addPage: (spec) => addPage(state, spec),
    addAdAccount: (spec) => addAdAccount(state, spec),
    setAdAccountStatus: (accountId, status, disableReason) => setAdAccountStatus(state, accountId, status, disableReason),
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
      if (!PAGED_EDGES.has(edge)) throw new Error(`The edge is one of ${[...PAGED_EDGES].join(', ')}.`)
      if (!Number.isInteger(pageIndex) || pageIndex < 0) throw new Error('pageIndex is an integer >= 0.')
      state.emptyPages.add(`${edge}:${pageIndex}`)
    },
    clearEmptyPages() {
      state.emptyPages.clear()
    },
    createLoginConfiguration: (spec) => ({ id: createConfiguration(state, configurationSpec(spec as unknown as Record<string, unknown>)).id }),
    removeConnectedApp: (businessId, appId = state.practiceAppId) => removeConnectedApp(ctx, businessId, appId),
    removeIntegrationAsset: (businessId, assetId, appId = state.practiceAppId) => removeIntegrationAsset(ctx, businessId, appId, assetId),
    setBehaviour(behaviour: Partial<SandboxBehaviour>) {
      const current = state.behaviour as unknown as Record<string, unknown>
      for (const [key, value] of Object.entries(behaviour)) {
        if (!Object.hasOwn(current, key)) throw new Error(`Unknown behaviour ${key}.`)
        if (typeof value !== typeof current[key]) throw new Error(`Behaviour ${key} takes a ${typeof current[key]}.`)
        const choices = BEHAVIOUR_CHOICES[key as keyof SandboxBehaviour]
        if (choices && !choices.includes(value as string | number)) throw new Error(`Behaviour ${key} is one of ${choices.join(', ')}.`)
      }
      state.behaviour = { ...state.behaviour, ...behaviour }
    },
  }
}
