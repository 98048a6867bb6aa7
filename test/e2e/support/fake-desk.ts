import type { AppState, InspectedToken, PageChoice, TokenSummary } from '../../../preload/api'

export interface FakeDeskOptions {
  state: AppState
  /** What the simulated Facebook answers to a login: the host's happy path goes straight to pages. */
  loginOutcome: 'pages' | 'inspect' | 'denied'
  loginToken: InspectedToken
  pages: PageChoice[]
  /** How long the simulated popup takes, so the progress state is visible. */
  loginDelayMs: number
  /** The passphrase a locked vault opens with (unlockVault); absent: none opens it. */
  vaultPassphrase?: string
}

/** What a test reads back through `tokenDesk[Symbol.for('fake-desk')]`. */
export interface FakeDeskHandle {
  calls: { method: string; input: unknown }[]
  push: (state: AppState) => void
}

/**
 * Runs inside the page (serialised by addInitScript): it may use nothing from this module but
 * types. A small stand-in for the host: holds one AppState and answers the contract's methods.
 */
export function fakeDesk(options: FakeDeskOptions): void {
  let state: AppState = options.state
  const listeners = new Set<(s: AppState) => void>()
  const calls: FakeDeskHandle['calls'] = []
  const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T
  const emit = () => listeners.forEach((l) => l(clone(state)))
  const set = (patch: Partial<AppState>) => {
    state = { ...state, ...patch }
    emit()
    return { ok: true, value: clone(state) }
  }
  const later = <T>(value: T, ms = 10) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms))
  const purposeOf = () => ('purpose' in state.wizard && state.wizard.purpose) || 'manage-pages'
  // As the core: the purpose chosen last is where the next wizard starts (issue 21).
  let lastPurpose: string | null = null
  const presets: Record<string, string[]> = {
    'manage-ads': ['ads_management', 'ads_read', 'business_management'],
    'read-insights': ['ads_read', 'read_insights'],
    'manage-pages': ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts'],
  }
  const summary = (id: string, name: string, kind: TokenSummary['kind'], profileId: string | null): TokenSummary => ({
    id,
    name,
    kind,
    last4: id.slice(-4),
    appId: options.loginToken.appId,
    userId: options.loginToken.userId,
    profileId,
    scopes: options.loginToken.scopes.granted,
    expiresAt: kind === 'PAGE' ? null : options.loginToken.expiresAt,
    neverExpires: kind === 'PAGE',
    dataAccessExpiresAt: options.loginToken.dataAccessExpiresAt,
    status: 'valid',
    problem: null,
    lastCheckedAt: state.practiceNow,
    parentId: kind === 'PAGE' ? 'user-0001' : null,
  })

  const diagnostics = { text: 'Token Desk diagnostics (fake desk)\n', logsFolder: '/home/u/.config/token-desk/logs', canOpenLogsFolder: true }
  const methods: Record<string, (input: Record<string, unknown>) => Promise<unknown>> = {
    getState: () => later({ ok: true, value: clone(state) }),
    startPractice: () => later(set({ mode: 'practice', practiceNow: '2026-06-01T09:00:00.000Z' })),
    configureApp: (input) =>
      later(set({ mode: 'production', app: { appId: String(input.appId), redirectUri: typeof input.redirectUri === 'string' ? input.redirectUri : '', apiVersion: 'v25.0' } })),
    choosePurpose: (input) => {
      const purpose = input.purpose as 'manage-ads'
      lastPurpose = purpose
      return later(set({ wizard: { step: 'connect', purpose, scopes: (input.scopes as string[]) ?? presets[purpose] ?? [] } }))
    },
    login: async (input) => {
      if (typeof input.purpose === 'string') {
        lastPurpose = input.purpose
        set({ wizard: { step: 'connect', purpose: input.purpose as 'manage-ads', scopes: presets[input.purpose] ?? [] } })
      }
      const purpose = purposeOf()
      set({ wizard: { step: 'working', purpose, label: 'Waiting for you in the Facebook window…' } })
      await later(null, options.loginDelayMs)
      if (options.loginOutcome === 'denied') {
        set({ wizard: { step: 'failed', purpose, message: 'You pressed Cancel in the Facebook window, so no token was made.', canPaste: true } })
        return { ok: false, error: { code: 'cancelled', message: 'Login cancelled.' } }
      }
      if (options.loginOutcome === 'inspect') return set({ wizard: { step: 'inspect', purpose, token: options.loginToken } })
      return set({ wizard: { step: 'pages', purpose, token: options.loginToken, pages: options.pages } })
    },
    pasteToken: () =>
      later(set({ wizard: { step: 'inspect', purpose: purposeOf(), token: { ...options.loginToken, longLived: false } } })),
    extendToken: () =>
      later(set({ wizard: { step: 'pages', purpose: purposeOf(), token: { ...options.loginToken, longLived: true }, pages: options.pages } })),
    savePages: (input) => {
      const ids = input.pageIds as string[]
      const saved = options.pages.filter((p) => ids.includes(p.id)).map((p) => summary(`page-${p.id}`, p.name, 'PAGE', p.id))
      if (input.saveUserToken) saved.unshift(summary('user-0001', `${options.loginToken.userName ?? 'User'} (user)`, 'USER', null))
      return later(set({ tokens: [...state.tokens, ...saved], wizard: { step: 'saved', purpose: purposeOf(), saved: saved.map((t) => t.id) } }))
    },
    resetWizard: (input) =>
      later(
        set({
          wizard:
            lastPurpose && input.askPurpose !== true
              ? { step: 'connect', purpose: lastPurpose as 'manage-ads', scopes: presets[lastPurpose] ?? [] }
              : { step: 'purpose' },
        }),
      ),
    checkNow: () => later(set({ lastCheckAt: state.practiceNow })),
    removeToken: (input) => later(set({ tokens: state.tokens.filter((t) => t.id !== input.id) })),
    renameToken: (input) => later(set({ tokens: state.tokens.map((t) => (t.id === input.id ? { ...t, name: String(input.name) } : t)) })),
    copyToken: (input) => {
      const t = state.tokens.find((x) => x.id === input.id)
      return later({ ok: true, value: { masked: `…${t?.last4 ?? '????'}`, clearsInSeconds: 30 } })
    },
    copySnippet: (input) => {
      const t = state.tokens.find((x) => x.id === input.id)
      return later({ ok: true, value: { masked: `…${t?.last4 ?? '????'}`, clearsInSeconds: 30 } })
    },
    reauthorize: (input) =>
      later(set({ tokens: state.tokens.map((t) => (t.id === input.id ? { ...t, status: 'valid', problem: null } : t)) })),
    refreshAccess: () => later(set({})),
    updateSettings: (input) => later(set({ settings: { ...state.settings, ...input } })),
    signOutFacebook: () => later(set({})),
    deleteEverything: () => later(set({ mode: 'none', tokens: [], notices: [], wizard: { step: 'purpose' } })),
    dismissNotice: (input) => later(set({ notices: state.notices.filter((n) => n.id !== input.id) })),
    practice: (input) => {
      if (input.action === 'advance-time' && state.practiceNow)
        return later(set({ practiceNow: new Date(Date.parse(state.practiceNow) + Number(input.days) * 86_400_000).toISOString() }))
      const switches = state.practiceSwitches ?? { busy: false, limitedAccess: false, employee: false, smallAllowance: false, approvalLimited: false, broken: [] }
      if (input.action === 'throttle') return later(set({ practiceSwitches: { ...switches, busy: input.on === true } }))
      if (input.action === 'access-tier') return later(set({ practiceSwitches: { ...switches, limitedAccess: input.tier === 'limited' } }))
      return later(set({}))
    },
    getDiagnostics: () => later({ ok: true, value: diagnostics }),
    copyDiagnostics: () => later({ ok: true, value: { masked: 'diagnostics', clearsInSeconds: 3600 } }),
    // As the core: only where the page writes the clipboard, and then the text itself.
    copyInPage: (input) => {
      if (state.host?.copy !== 'page') return later({ ok: false, error: { code: 'not-allowed', message: 'Token Desk copies to the clipboard itself here.' } })
      if (input.what === 'diagnostics') return later({ ok: true, value: { text: diagnostics.text, masked: 'diagnostics', clearsInSeconds: 3600 } })
      const t = state.tokens.find((x) => x.id === input.id)
      if (!t) return later({ ok: false, error: { code: 'invalid-input', message: 'There is no such token.' } })
      const text = `EAAfake${t.id.replace(/[^A-Za-z0-9]/g, '')}${t.last4}`
      return later({ ok: true, value: { text: input.what === 'snippet' ? `TOKEN=${text}` : text, masked: `…${t.last4}`, clearsInSeconds: Number((globalThis as { __clearsIn?: number }).__clearsIn ?? 30) } })
    },
    clearPracticeTokens: () => later(set({ practiceTokensKept: 0 })),
    openLogsFolder: () => later({ ok: true, value: diagnostics }),
    unlockVault: (input) =>
      options.vaultPassphrase !== undefined && input.passphrase === options.vaultPassphrase
        ? later(set({ storage: { ...state.storage, protection: 'os-keystore', persisting: true, unlock: null } }))
        : later({ ok: false, error: { code: 'invalid-input', message: 'That passphrase does not open this vault. Nothing was changed.' } }),
    addVaultPassphrase: () =>
      later(
        set({
          storage:
            state.storage.scriptPassphrase === 'can-create'
              ? { ...state.storage, protection: 'os-keystore', backend: 'a passphrase', persisting: true, scriptPassphrase: 'set', reason: null }
              : { ...state.storage, scriptPassphrase: 'set' },
        }),
      ),
  }

  const api: Record<string | symbol, unknown> = {
    onState(listener: (s: AppState) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  for (const [name, run] of Object.entries(methods)) {
    api[name] = (input: Record<string, unknown>) => {
      calls.push({ method: name, input })
      return run(input)
    }
  }
  const handle: FakeDeskHandle = { calls, push: (next) => { state = next; emit() } }
  Object.defineProperty(api, Symbol.for('fake-desk'), { value: handle, enumerable: false })
  Object.defineProperty(globalThis, 'tokenDesk', { value: Object.freeze(api), enumerable: true })
}
