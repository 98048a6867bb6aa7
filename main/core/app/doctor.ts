import type { AppState, DoctorReport } from '../../../preload/api'
import { checkApp as runCheck } from '../doctor'
import { configFor, configsOf } from '../tokens/configurations'
import { PURPOSE_SCOPES } from '../tokens/scopes'
import type { AppContext } from './context'
import { AppError } from './errors'
import { redirectUriFor } from './graph-factory'
import { buildState } from './state'
import { chosenPurpose } from './purpose'
import { APP_CHECK, endStanding } from './standing'

/** A user token of the person who logs in: the wizard's, the admin token kept in memory, or a stored one. */
async function personToken(ctx: AppContext): Promise<string | null> {
  if (ctx.work && ctx.work.inspection.info.type === 'USER') return ctx.work.token
  if (ctx.adminToken) return ctx.adminToken
  const stored = ctx.tokens.list().find((e) => e.meta.kind === 'USER' && e.meta.status !== 'dead' && !e.problem)
  return stored ? ctx.tokens.getSecret(stored.id) : null
}

/** What a configuration granted at its last login: the wizard's token, else a stored token made through it. */
function grantedBy(ctx: AppContext, configId: string): string[] | null {
  const grant = ctx.work?.inspection.grant
  if (grant?.configId === configId) return grant.granted
  const stored = ctx.tokens.list().find((e) => e.meta.configId === configId && e.meta.kind !== 'PAGE')
  return stored ? stored.meta.scopes.filter((s) => s !== 'public_profile') : null
}

/**
 * The doctor for the app Token Desk is set up with, from what the app knows now. After a failed
 * login it trusts the refusal page that login ended on; asked on its own (Check my app, Break my
 * app) it looks at the dialog afresh, since the app may have been fixed since.
 */
export async function runAppDoctor(ctx: AppContext, afterLogin = false): Promise<DoctorReport> {
  const graph = ctx.graph
  const appId = ctx.settings.getApp().appId
  if (!graph || !appId) throw new AppError('not-allowed', 'Set up your Meta app first, or choose practice mode.')
  const w = ctx.wizard
  const purpose = chosenPurpose(ctx)
  const inspected = ctx.work?.inspection
  const configId = configFor(configsOf(ctx.settings.getApp()), purpose)
  const report = await runCheck({
    graph,
    appId,
    purpose,
    scopes: w.step === 'connect' ? w.scopes : PURPOSE_SCOPES[purpose],
    userToken: await personToken(ctx),
    ...(inspected?.info.userId ? { person: { id: inspected.info.userId, name: inspected.userName } } : {}),
    dialogPage: afterLogin ? ctx.dialogPage : null,
    redirectUri: redirectUriFor(ctx),
    configId,
    configGranted: configId ? grantedBy(ctx, configId) : null,
    loginHost: ctx.deps.loginRedirectUri ? 'browser' : 'window',
    fetch: ctx.deps.fetch ?? globalThis.fetch.bind(globalThis),
    now: ctx.clock.now(),
    log: ctx.log,
  })
  ctx.doctor = report
  if (!report.findings.some((f) => f.status === 'failure')) endStanding(ctx, APP_CHECK)
  // Evidence of a Native/Desktop app (right secret, app token ignored): remembered for the next start.
  const nativeDesktop = report.findings.some((f) => f.check === 'app-type' && f.status === 'warning')
  if (nativeDesktop && ctx.settings.getApp().mode === 'production') ctx.settings.setApp({ appType: 'native-desktop' })
  return report
}

/** Settings > Check my app. */
export async function checkApp(ctx: AppContext): Promise<AppState> {
  await runAppDoctor(ctx)
  return buildState(ctx)
}

/** After a failed login: the doctor explains what it can; its own failure must not hide the login's. */
export async function doctorAfterFailedLogin(ctx: AppContext): Promise<void> {
  try {
    await runAppDoctor(ctx, true)
  } catch (error) {
    ctx.log.warn('the app doctor could not run after a failed login', { error })
  }
}
