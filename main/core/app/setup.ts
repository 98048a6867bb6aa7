import type { AppState, Input } from '../../../preload/api'
import { createGraphClient, GraphError } from '../graph'
import type { AppContext } from './context'
import { AppError } from './errors'
import { DEFAULT_REDIRECT_URI, productionGraph } from './graph-factory'
import { leavePractice } from './practice'
import { buildState } from './state'
import { runAppDoctor } from './doctor'
import { applyStartAtLogin } from './start-at-login'
import { NO_CONFIGS } from '../tokens/configurations'
import { clearPracticeKept, keepPracticeApart } from './practice-kept'
import { freshWizard } from './wizard'
import { APP_CHECK, CHECK_FAILED, endStanding, standNotice } from './standing'

export const APP_SECRET_ID = 'app-secret'
export const APP_SECRET_UNREADABLE = 'The App Secret could not be read. Enter it again under Settings to keep checking tokens.'

/** Strict Mode compares the whole URI; a bare origin needs the trailing slash it was saved with. */
function redirectProblem(uri: string): string | null {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return 'The redirect URI is not a valid address.'
  }
  if (url.protocol !== 'https:') return 'Facebook accepts only https redirect URIs for live apps.'
  if (url.hash) return 'A redirect URI cannot contain a # fragment.'
  if (url.pathname === '/' && !uri.endsWith('/')) return 'Add the trailing slash: Facebook compares the redirect URI exactly, and the site URL is saved with it.'
  return null
}

/** Checks the App ID and secret with an app-token call, then keeps the secret only in the vault. */
export async function configureApp(ctx: AppContext, input: Input<'configureApp'>): Promise<AppState> {
  const redirectUri = input.redirectUri ?? DEFAULT_REDIRECT_URI
  const problem = redirectProblem(redirectUri)
  if (problem) throw new AppError('invalid-input', problem)
  const probe = createGraphClient({
    appId: input.appId,
    appSecret: input.appSecret,
    ...(input.apiVersion ? { apiVersion: input.apiVersion } : {}),
    clock: ctx.clock,
    log: ctx.log,
    retry: { maxAttempts: 2, maxTotalMs: 8000 },
    ...(ctx.deps.fetch ? { fetch: ctx.deps.fetch } : {}),
  })
  try {
    await probe.appToken()
  } catch (error) {
    if (error instanceof GraphError) throw new AppError(error.kind === 'network' ? 'network' : 'invalid-input', `${error.message} ${error.action}`)
    throw error
  }
  // From practice to the person's own app: practice tokens move apart, kept until cleared.
  const before = ctx.settings.getApp()
  const keptApart = before.mode === 'practice' ? await keepPracticeApart(ctx, before.appId) : 0
  await leavePractice(ctx)
  await ctx.secrets.put({ id: APP_SECRET_ID, meta: { appId: input.appId }, secret: input.appSecret })
  ctx.settings.setApp({
    mode: 'production',
    appId: input.appId,
    redirectUri,
    apiVersion: input.apiVersion ?? probe.apiVersion,
    pkceHonoured: null,
    loginConfigs: { ...NO_CONFIGS, all: input.configId ?? null },
  })
  ctx.graph = productionGraph(ctx, input.appSecret)
  // A new App Secret (or a new app) ends what the old one made the checks and the start say.
  endStanding(ctx, CHECK_FAILED)
  ctx.notices = ctx.notices.filter((n) => n.message !== APP_SECRET_UNREADABLE)
  ctx.work = null
  ctx.systemUserCaller = null
  ctx.wizard = freshWizard(ctx)
  ctx.doctor = null
  ctx.dialogPage = null
  if (keptApart > 0) {
    ctx.notice('info', `Your ${keptApart} practice ${keptApart === 1 ? 'token is' : 'tokens are'} kept apart from your own: Settings can clear them.`)
  }
  // The start form's own check of the app: what is wrong shows before the first login tries it,
  // as one notice that goes once a later check of the app finds nothing wrong.
  const report = await runAppDoctor(ctx).catch((error: unknown) => void ctx.log.warn('the app doctor could not run', { error }))
  const failures = report?.findings.filter((f) => f.status === 'failure').length ?? 0
  if (failures > 0) {
    standNotice(ctx, APP_CHECK, 'warning', `The check of your app found ${failures === 1 ? 'a problem' : `${failures} problems`} that can stop the login: Settings > Your Meta app shows ${failures === 1 ? 'it' : 'each'} with the fix.`)
  }
  return buildState(ctx)
}

/** Rebuilds the production client at start from the stored secret. */
export async function restoreProduction(ctx: AppContext): Promise<void> {
  const app = ctx.settings.getApp()
  if (app.mode !== 'production' || !app.appId) return
  const secret = await ctx.secrets.getSecret(APP_SECRET_ID)
  if (!secret) {
    ctx.notice('warning', APP_SECRET_UNREADABLE)
    return
  }
  ctx.graph = productionGraph(ctx, secret)
}

export async function updateSettings(ctx: AppContext, input: Input<'updateSettings'>): Promise<AppState> {
  const before = ctx.settings.get()
  // The OS first: when it refuses, nothing is stored, and the setting keeps showing the truth.
  applyStartAtLogin(ctx, input.startAtLogin, before.startAtLogin)
  const after = ctx.settings.update(input)
  if (after.allowWeakSecretStorage !== before.allowWeakSecretStorage) {
    await ctx.tokens.reconcile()
    await ctx.secrets.reconcile()
  }
  ctx.monitor.reschedule()
  return buildState(ctx)
}

export async function signOutFacebook(ctx: AppContext): Promise<AppState> {
  await ctx.deps.loginWindow.clearSession()
  ctx.notice('info', 'Signed out of Facebook in Token Desk’s login window. Saved tokens keep working.')
  return buildState(ctx)
}

export async function deleteEverything(ctx: AppContext): Promise<AppState> {
  ctx.monitor.stop()
  await ctx.tokens.removeAll({ includeSetAside: true })
  await ctx.secrets.removeAll({ includeSetAside: true })
  await clearPracticeKept(ctx)
  await ctx.deps.loginWindow.clearSession()
  await leavePractice(ctx)
  ctx.settings.clear()
  ctx.graph = null
  ctx.work = null
  ctx.adminToken = null
  ctx.systemUserCaller = null
  ctx.access = null
  ctx.doctor = null
  ctx.dialogPage = null
  ctx.notices = []
  ctx.wizard = { step: 'purpose' }
  ctx.pending.clear()
  await ctx.monitor.start()
  return buildState(ctx)
}
