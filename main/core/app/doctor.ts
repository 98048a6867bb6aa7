import { randomBytes } from 'node:crypto'
import type { AppState, DoctorReport } from '../../../preload/api'
import { runDoctor } from '../doctor'
import type { GraphClient } from '../graph'
import { PURPOSE_LABELS, PURPOSE_SCOPES } from '../tokens/scopes'
import type { AppContext } from './context'
import { AppError } from './errors'
import { redirectUriFor } from './graph-factory'
import { buildState } from './state'

/** A user token of the person who logs in: the wizard's, the admin token kept in memory, or a stored one. */
async function personToken(ctx: AppContext): Promise<string | null> {
  if (ctx.work && ctx.work.inspection.info.type === 'USER') return ctx.work.token
  if (ctx.adminToken) return ctx.adminToken
  const stored = ctx.tokens.list().find((e) => e.meta.kind === 'USER' && e.meta.status !== 'dead' && !e.problem)
  return stored ? ctx.tokens.getSecret(stored.id) : null
}

async function personOf(ctx: AppContext, graph: GraphClient, token: string | null): Promise<{ id: string; name: string | null } | null> {
  const inspected = ctx.work?.inspection
  if (inspected?.info.userId) return { id: inspected.info.userId, name: inspected.userName }
  if (!token) return null
  try {
    const me = await graph.me(token, ['id', 'name'])
    return { id: me.id, name: typeof me.name === 'string' ? me.name : null }
  } catch {
    // Without the person the doctor still checks the app; roles then say who has one.
    return null
  }
}

/**
 * The doctor for the app Token Desk is set up with, from what the app knows: the purpose's
 * permissions, the person's token, the refusal page of the last login, and the login dialog
 * (looked at without logging in).
 */
export async function runAppDoctor(ctx: AppContext): Promise<DoctorReport> {
  const graph = ctx.graph
  const appId = ctx.settings.getApp().appId
  if (!graph || !appId) throw new AppError('not-allowed', 'Set up your Meta app first, or choose practice mode.')
  const w = ctx.wizard
  const purpose = 'purpose' in w && w.purpose ? w.purpose : 'manage-ads'
  const scopes = w.step === 'connect' ? w.scopes : [...PURPOSE_SCOPES[purpose]]
  const token = await personToken(ctx)
  const dialogUrl = graph.loginDialogUrl({ redirectUri: redirectUriFor(ctx), scopes, state: randomBytes(16).toString('hex') })
  const report = await runDoctor({
    graph,
    appId,
    neededScopes: scopes,
    purposeLabel: PURPOSE_LABELS[purpose],
    userToken: token,
    person: await personOf(ctx, graph, token),
    dialogPage: ctx.dialogPage,
    dialogProbe: { url: dialogUrl, fetch: ctx.deps.fetch ?? globalThis.fetch.bind(globalThis) },
    now: ctx.clock.now(),
    log: ctx.log,
  })
  ctx.doctor = report
  // Evidence of a Native/Desktop app (right secret, app token ignored): check tokens with the user's own.
  const nativeDesktop = report.findings.some((f) => f.check === 'app-type' && f.status === 'warning')
  if (nativeDesktop && ctx.settings.getApp().mode === 'production') ctx.settings.setApp({ appType: 'native-desktop' })
  ctx.log.info('app doctor', { outcome: report.outcome, findings: report.findings.map((f) => `${f.check}:${f.status}`).join(' ') })
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
    await runAppDoctor(ctx)
  } catch (error) {
    ctx.log.warn('the app doctor could not run after a failed login', { error })
  }
}
