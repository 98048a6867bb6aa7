import type { AppState, Input } from '../../../preload/api'
import { startSandbox } from '../sandbox'
import { DAY } from '../monitor/durations'
import type { AppContext } from './context'
import { AppError } from './errors'
import { practiceGraph } from './graph-factory'
import { buildState } from './state'
import { freshWizard } from './wizard'
import { practiceSystemUsers } from './practice-system-users'
import { runAppDoctor } from './doctor'
import { breakApp, repairApp } from './practice-breaks'
import { makeBusinessApp } from './practice-business'
import { NO_CONFIGS } from '../tokens/configurations'
import { notePracticeSwitch, resetPracticeSwitches } from './practice-switches'
import { CHECK_FAILED, endStanding } from './standing'


/**
 * Starts the simulated Facebook on loopback and points the app at it. `kind` 'business': its
 * practice app is a Business app with Login for Business configurations (practice-business.ts).
 */
export async function enterPractice(ctx: AppContext, kind: 'classic' | 'business' = 'classic'): Promise<void> {
  if (ctx.deps.practice?.enabled === false) throw new AppError('not-allowed', 'Practice mode is not available here.')
  if (ctx.sandbox && ctx.practiceApp && ctx.practiceApp.kind !== kind) await restartPractice(ctx)
  if (!ctx.sandbox) {
    const extra = ctx.deps.practice?.redirectUri
    // Full access by default, so the system-user path can be rehearsed to the end; the practice screen switches it.
    resetPracticeSwitches(ctx)
    ctx.sandbox = await startSandbox({ ticking: true, tier: 'standard_access', ...ctx.deps.practice?.sandbox, ...(extra ? { extraRedirectUris: [extra] } : {}) })
    // A browser cannot read facebook.com's login_success page: the web host's Business app lists only its own address.
    const configs = kind === 'business' ? makeBusinessApp(ctx.sandbox, extra ? [extra] : ctx.sandbox.practiceApp.redirectUris) : NO_CONFIGS
    ctx.practiceApp = { kind, configs }
    ctx.deps.practice?.onSandbox?.(ctx.sandbox)
  }
  ctx.graph = practiceGraph(ctx, ctx.sandbox)
  ctx.settings.setApp({
    mode: 'practice',
    appId: ctx.sandbox.practiceApp.id,
    redirectUri: null,
    apiVersion: ctx.graph.apiVersion,
    pkceHonoured: null,
    loginConfigs: ctx.practiceApp?.configs ?? NO_CONFIGS,
  })
}

/** Another kind of practice app: a new simulated Facebook, and the old one's tokens go with it. */
async function restartPractice(ctx: AppContext): Promise<void> {
  const old = ctx.sandbox?.practiceApp.id
  await leavePractice(ctx)
  const stale = ctx.tokens.list().filter((e) => e.meta.appId === old)
  for (const e of stale) await ctx.tokens.remove(e.id)
  ctx.doctor = null
  ctx.dialogPage = null
}

export async function startPractice(ctx: AppContext, input: Input<'startPractice'> = {}): Promise<AppState> {
  await enterPractice(ctx, input.app ?? ctx.practiceApp?.kind ?? 'classic')
  ctx.work = null
  ctx.systemUserCaller = null
  ctx.wizard = freshWizard(ctx)
  return buildState(ctx)
}

export async function leavePractice(ctx: AppContext): Promise<void> {
  const sandbox = ctx.sandbox
  ctx.sandbox = null
  delete ctx.practiceApp
  if (sandbox) await sandbox.close()
}

/** What the practice controls do to the simulated Facebook, then a check so the user sees it. */
export async function practice(ctx: AppContext, input: Input<'practice'>): Promise<AppState> {
  const sandbox = ctx.sandbox
  if (!sandbox) throw new AppError('not-allowed', 'The practice controls work only in practice mode.')
  const user = sandbox.practiceUser.id
  switch (input.action) {
    case 'advance-time':
      sandbox.clock.advance(input.days * DAY)
      break
    case 'change-password':
      sandbox.controls.changePassword(user)
      break
    case 'remove-app':
      sandbox.controls.removeApp(user)
      break
    case 'remove-page-role': {
      const stored = ctx.tokens.list().find((e) => e.meta.kind === 'PAGE')?.meta.profileId
      const pageId = input.pageId ?? stored ?? sandbox.pages[0]?.id
      if (!pageId) throw new AppError('invalid-input', 'There is no Page to remove a role from.')
      sandbox.controls.removePageRole(user, pageId)
      break
    }
    case 'add-pages':
      sandbox.controls.addPages(user, input.count)
      // As a real login with 57 Pages answers (issue 10): 25, then an empty page that still
      // has `next`, then the rest. The wizard must follow `next` past the empty page.
      if (sandbox.pages.length > 25) sandbox.controls.setEmptyPage('accounts', 1)
      break
    case 'throttle':
      if (input.on) sandbox.controls.injectFault({ kind: 'throttle', code: 4, times: Infinity, regainMinutes: 5, retryAfterSeconds: 300 })
      else sandbox.controls.clearFaults()
      break
    case 'break-app':
    case 'repair-app':
      if (input.action === 'break-app') breakApp(ctx, sandbox, input.what)
      else {
        repairApp(ctx, sandbox)
        // What the broken app made the checks say is over; a check that still fails says so again.
        endStanding(ctx, CHECK_FAILED)
      }
      notePracticeSwitch(ctx, input)
      // The doctor shows what the change means; Settings holds its report.
      await runAppDoctor(ctx).catch((error: unknown) => ctx.log.warn('the app doctor could not run', { error }))
      return buildState(ctx)
    case 'add-business-page': {
      const business = sandbox.businesses[0]
      if (!business) throw new AppError('not-allowed', 'The practice sandbox has no business.')
      const n = sandbox.controls.addPage({ name: 'Practice Business Page', ownedBy: business.id, assigned: [user] })
      ctx.notice('info', `Added “Practice Business Page” (${n.id}): your practice business owns it and assigned it to you, so it is missing from Facebook’s list until you ask why.`)
      break
    }
    case 'disable-ad-account': {
      const account = sandbox.adAccounts.find((a) => a.id) ?? null
      if (!account) throw new AppError('not-allowed', 'The practice sandbox has no ad account.')
      sandbox.controls.setAdAccountStatus(account.id, 2, 3)
      break
    }
    case 'access-tier':
    case 'business-admin':
    case 'system-user-allowance':
    case 'limit-approval':
      practiceSystemUsers(sandbox, input)
      break
  }
  notePracticeSwitch(ctx, input)
  await ctx.monitor.checkNow()
  return buildState(ctx)
}
