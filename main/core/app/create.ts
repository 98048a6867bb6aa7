import { appSecretDir, tokensDir } from '../home'
import { folderTrustProblems, trustRefusal } from '../folder-trust'
import type { AppState, Input, Method, Reply, Results } from '../../../preload/api'
import { createMonitor, type MonitorEvent } from '../monitor'
import { systemClock, systemTimers, type Clock } from '../ports'
import { openSettings } from '../settings'
import { createTokenChecker } from '../tokens/checker'
import { PendingLogins } from '../tokens/pending-login'
import type { TokenMeta } from '../tokens/record'
import { openVault } from '../vault'
import { createDeliveries } from '../deliveries'
import { refreshAccess } from './access'
import type { AppContext, AppSecretMeta, CreateAppCoreDeps } from './context'
import { copyDiagnostics, getDiagnostics, openLogsFolder } from './diagnostics'
import { toBridgeError } from './errors'
import { enterPractice, leavePractice, practice, startPractice } from './practice'
import { reauthorize } from './reauthorize'
import { savePages } from './save'
import { configureApp, deleteEverything, restoreProduction, signOutFacebook, updateSettings } from './setup'
import { announce, dismissNotice } from './alarms'
import { noticeBook } from './notice-book'
import { noteCheckOutcome, successNotesEnd } from './standing'
import { buildState, tokenSummaries } from './state'
import { rotateStoredToken } from './rotate'
import { mintSystemUser, startSystemUser } from './system-user'
import { checkNow, copySnippet, copyToken, removeToken, renameToken, setUsedIn } from './token-actions'
import type { AppCore } from './types'
import { watchFolder } from './vault-watch'
import { vaultWatchStore } from './watch-store'
import { choosePurpose, extendToken, loginAndContinue, pasteToken, resetWizard } from './wizard'
import { checkApp } from './doctor'
import { setLoginConfigs } from './login-configs'
import { addMissingPage, whyMissing } from './missing'
import { noteVersionWarnings } from './versions'
import { addVaultPassphrase, noticeVaultState, unlockVault } from './vault-passphrase'
import { addDestination, deliverNow, noticeDeliveries, removeDestination } from './deliveries'
import { sendTestAlert } from './alert-command'
import { copyInPage } from './page-copy'
import { clearPracticeTokens, openPracticeKept } from './practice-kept'

export type { CreateAppCoreDeps } from './context'

type Handlers = { [M in Method]: (ctx: AppContext, input: Input<M>) => Results[M] | Promise<Results[M]> }

const handlers: Handlers = {
  getState: (ctx) => buildState(ctx),
  startPractice,
  configureApp,
  choosePurpose,
  login: (ctx, input) => loginAndContinue(ctx, input),
  pasteToken,
  extendToken: (ctx) => extendToken(ctx),
  savePages,
  resetWizard,
  checkNow,
  removeToken,
  renameToken,
  copyToken,
  copySnippet,
  copyInPage,
  reauthorize,
  refreshAccess: (ctx) => refreshAccess(ctx),
  updateSettings,
  signOutFacebook: (ctx) => signOutFacebook(ctx),
  deleteEverything: (ctx) => deleteEverything(ctx),
  dismissNotice: (ctx, input) => {
    dismissNotice(ctx, input.id)
    return buildState(ctx)
  },
  practice,
  startSystemUser: (ctx) => startSystemUser(ctx),
  mintSystemUser,
  rotateToken: rotateStoredToken,
  setUsedIn,
  setLoginConfigs,
  checkApp: (ctx) => checkApp(ctx),
  whyMissing,
  addMissingPage,
  getDiagnostics,
  copyDiagnostics,
  openLogsFolder,
  unlockVault,
  addVaultPassphrase,
  addDestination,
  removeDestination,
  deliverNow,
  sendTestAlert: (ctx) => sendTestAlert(ctx),
  clearPracticeTokens: (ctx) => clearPracticeTokens(ctx),
}

function onMonitorEvent(ctx: AppContext, event: MonitorEvent): void {
  switch (event.type) {
    // Each reminder is announced with its batch, so many tokens at one moment make one alarm per cause.
    case 'reminders-shown':
      announce(ctx, event.reminders, tokenSummaries(ctx))
      break
    case 'check-finished':
      ctx.lastCheckAt = event.at
      noteVersionWarnings(ctx)
      noteCheckOutcome(ctx, event)
      break
    case 'state-changed':
      if (event.to === 'valid') ctx.forgetNotices(event.tokenId)
      // With hundreds of tokens, one state per token would be hundreds of full states: the
      // check's own end (and the batch of reminders) tells the renderer once.
      return
    default:
      return
  }
  ctx.emit()
}

/** One refresh at a time; a change reschedules the monitor and tells the shells. */
function serialRefresh(deps: CreateAppCoreDeps, current: () => AppContext | null): () => Promise<void> {
  let tail: Promise<void> = Promise.resolve()
  return () =>
    (tail = tail.then(async () => {
      const c = current()
      if (!c) return
      try {
        if (!(await c.tokens.refresh())) return
        c.monitor.reschedule()
        c.emit()
      } catch (error) {
        deps.log.warn('the token vault could not be read again', { error })
      }
    }))
}

/**
 * The one object both shells call. Stores are opened in `start()`, never at construction, so
 * the Electron shell can take its single-instance lock first.
 */
export function createAppCore(deps: CreateAppCoreDeps): AppCore {
  const listeners = new Set<(state: AppState) => void>()
  const baseClock = deps.clock ?? systemClock
  let ctx: AppContext | null = null
  const notices = noticeBook({ get: () => need().notices, set: (list) => void (need().notices = list) })
  let stopWatching: () => void = () => undefined
  // In practice mode time is the simulated Facebook's, so moving it forward shows reminders.
  const clock: Clock = { now: () => ctx?.sandbox?.clock.now() ?? baseClock.now() }

  const need = (): AppContext => {
    if (!ctx) throw new Error('Token Desk has not started yet.')
    return ctx
  }

  const core: AppCore = {
    async start() {
      if (ctx) return
      const home = deps.settingsDir
      const opened = openSettings({ dir: home, log: deps.log, clock, ...(deps.settingsEngine ? { engine: deps.settingsEngine } : {}) })
      const allowWeak = () => opened.store.get().allowWeakSecretStorage
      const deliveries = createDeliveries(await openVault<TokenMeta>({ dir: tokensDir(home), cipher: deps.cipher, allowWeak, log: deps.log, clock }), {
        env: deps.childEnv ?? process.env,
        now: () => clock.now(),
        log: deps.log,
        ...(deps.commandTimeoutMs ? { timeoutMs: deps.commandTimeoutMs } : {}),
      })
      const tokens = deliveries.vault
      const secrets = await openVault<AppSecretMeta>({ dir: appSecretDir(home), cipher: deps.cipher, allowWeak, log: deps.log, clock })
      const partial = {
        deps,
        log: deps.log,
        clock,
        settings: opened.store,
        tokens,
        deliveries,
        secrets,
        pending: new PendingLogins(),
        graph: null,
        sandbox: null,
        wizard: { step: 'purpose' },
        work: null,
        access: null,
        notices: [],
        online: true,
        adminToken: null,
        systemUserCaller: null,
        doctor: null,
        dialogPage: null,
        lastCheckAt: null,
        emit: () => {
          const state = buildState(need())
          for (const listener of listeners) listener(state)
        },
        dismissedProblems: new Set<string>(),
        deathsExpected: new Set<string>(),
        notice: notices.add,
        forgetNotices: notices.forgetToken,
        forgetReminders: notices.forgetReminders,
        endNotices: notices.endCause,
        causeOf: notices.causeOf,
        currentNotices: notices.current,
        refreshVault: serialRefresh(deps, () => ctx),
      } as Omit<AppContext, 'monitor' | 'watch'>
      const context = partial as AppContext
      context.watch = vaultWatchStore(tokens, deps.log, (m) => context.notice('error', m))
      context.monitor = createMonitor({
        clock,
        timers: deps.timers ?? systemTimers,
        checker: createTokenChecker({
          graph: () => context.graph,
          appId: () => context.settings.getApp().appId,
          secretOf: (id) => tokens.getSecret(id),
          identityOf: (id) => tokens.get(id)?.meta ?? null,
        }),
        store: context.watch,
        reminders: { has: (k) => opened.store.hasShownReminder(k), add: (k) => opened.store.markReminderShown(k) },
        settings: () => opened.store.get(),
        log: deps.log,
      })
      ctx = context
      await openPracticeKept(context)
      for (const message of opened.notices) context.notice('warning', message)
      noticeVaultState(context)
      // Folder trust (folder-trust.ts): the window still opens, and says what another user could tamper with.
      const untrusted = await folderTrustProblems(home)
      if (untrusted.length > 0) context.notice('error', trustRefusal(untrusted).replace('so it read and changed nothing', 'so check it before you trust what it holds'))
      context.monitor.subscribe((event) => onMonitorEvent(context, event))
      deliveries.onReport((report) => noticeDeliveries(context, report))

      const mode = opened.store.getApp().mode
      if (mode === 'production') await restoreProduction(context)
      if (mode === 'practice') {
        // The simulated Facebook of the last session is gone, and so are its tokens' meaning.
        const practiceTokens = tokens.list().filter((e) => e.meta.appId === opened.store.getApp().appId)
        for (const e of practiceTokens) await tokens.remove(e.id)
        if (practiceTokens.length) context.notice('info', 'Practice tokens from the last session were cleared: each practice session starts fresh.')
        if (deps.practice?.enabled === false) {
          opened.store.setApp({ mode: 'none', appId: null, redirectUri: null, apiVersion: null, pkceHonoured: null })
          context.notice('info', 'Practice mode is not offered here, so Token Desk started without it.')
        } else await enterPractice(context)
      }
      stopWatching = watchFolder(tokensDir(home), () => void context.refreshVault(), { log: deps.log, timers: deps.timers ?? systemTimers })
      void context.monitor.start()
    },
    async stop() {
      const c = ctx
      if (!c) return
      stopWatching()
      c.monitor.stop()
      await c.watch.flush()
      await leavePractice(c)
      ctx = null
    },
    async call<M extends Method>(method: M, input: Input<M>): Promise<Reply<M>> {
      const c = need()
      try {
        const handler = handlers[method] as (ctx: AppContext, input: Input<M>) => Results[M] | Promise<Results[M]>
        successNotesEnd(c, method)
        const value = await handler(c, input)
        noteVersionWarnings(c)
        c.emit()
        return { ok: true, value }
      } catch (error) {
        c.log.warn(`${method} failed`, { error })
        // A failed network step must not leave the wizard spinning, nor its half-done work
        // (a token Graph may just have refused) where a later savePages would store it.
        if (c.wizard.step === 'working') {
          c.work = null
          c.wizard = { step: 'failed', purpose: c.wizard.purpose, message: toBridgeError(error).message, canPaste: true }
        }
        c.emit()
        return { ok: false, error: toBridgeError(error) }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    state: () => buildState(need()),
    wake: () => {
      const c = need()
      void c.refreshVault().then(() => c.monitor.wake())
    },
    setOnline: (online) => {
      const c = need()
      c.online = online
      c.monitor.setOnline(online)
      c.emit()
    },
  }
  return core
}
