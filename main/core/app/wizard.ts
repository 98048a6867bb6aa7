import type { AppState, Input, Purpose, WizardState } from '../../../preload/api'
import { explainDialogPage } from '../doctor/dialog-pages'
import { configFor, configsOf } from '../tokens/configurations'
import { grantedNothing } from '../tokens/grant'
import { inspectToken, describeInspection } from '../tokens/inspect'
import type { AuthType, LoginKind } from '../tokens/login-kind'
import { keepShortLived, pagesFor } from '../tokens/business-login'
import { PURPOSE_SCOPES } from '../tokens/scopes'
import type { AppContext, WizardWork } from './context'
import { GraphError } from '../graph'
import { AppError } from './errors'
import { needGraph, redirectUriFor } from './graph-factory'
import { loginKindOf, windowLogin } from './sign-in'
import { buildState } from './state'
import { doctorAfterFailedLogin } from './doctor'
import { chosenPurpose } from './purpose'

/** How a token reached the wizard: a login of one kind, or pasted. */
export type TokenSource = LoginKind | 'pasted'

export { purposeOf } from './purpose'

/** Shows the wizard's working step with what is happening now. */
export function working(ctx: AppContext, purpose: Purpose, label: string): void {
  ctx.wizard = { step: 'working', purpose, label }
  ctx.emit()
}

export function choosePurpose(ctx: AppContext, input: Input<'choosePurpose'>): AppState {
  needGraph(ctx)
  ctx.work = null
  ctx.wizard = connectStep(ctx, input.purpose, [...(input.scopes ?? PURPOSE_SCOPES[input.purpose])])
  // Chosen once, not asked again: the next token starts at Connect for the same purpose.
  if (ctx.settings.getApp().purpose !== input.purpose) ctx.settings.setApp({ purpose: input.purpose })
  return buildState(ctx)
}

/** The Connect step for a purpose: with the configuration it logs in through, when the app has one. */
export function connectStep(ctx: AppContext, purpose: Purpose, scopes: string[]): Extract<AppState['wizard'], { step: 'connect' }> {
  const configId = configFor(configsOf(ctx.settings.getApp()), purpose)
  return { step: 'connect', purpose, scopes, ...(configId ? { configId } : {}) }
}

/** The wizard's first step: Connect for the purpose chosen last, or the purpose question. */
export function freshWizard(ctx: AppContext, askPurpose = false): WizardState {
  const last = ctx.settings.getApp().purpose ?? null
  return !askPurpose && last && ctx.graph ? connectStep(ctx, last, [...PURPOSE_SCOPES[last]]) : { step: 'purpose' }
}

export function resetWizard(ctx: AppContext, input: Input<'resetWizard'> = {}): AppState {
  ctx.work = null
  ctx.wizard = freshWizard(ctx, input.askPurpose === true)
  return buildState(ctx)
}

/**
 * The login through the LoginWindow port; the token it yields never leaves main. `addScopes`
 * asks for more than the purpose needs (business_management, for Pages reached through a
 * business) on the classic dialog; a Login for Business configuration decides for itself.
 */
export async function login(
  ctx: AppContext,
  authType?: AuthType,
  addScopes: readonly string[] = [],
  via?: LoginKind,
): Promise<{ token: string; via: LoginKind } | null> {
  const w = ctx.wizard
  const purpose = chosenPurpose(ctx)
  const base = w.step === 'connect' ? w.scopes : [...PURPOSE_SCOPES[purpose]]
  const scopes = [...new Set([...base, ...addScopes])]
  const kind = via ?? loginKindOf(ctx, purpose, scopes)
  working(ctx, purpose, 'Waiting for you to finish the Facebook login in the other window…')
  const result = await windowLogin(ctx, kind, authType)
  if (result.kind === 'token') {
    ctx.dialogPage = null
    return { token: result.grant.token, via: kind }
  }
  const again = { ...connectStep(ctx, purpose, scopes), ...(kind.kind === 'business' ? { configId: kind.configId } : {}) }
  if (result.kind === 'cancelled') {
    ctx.wizard = again
    ctx.notice('info', result.message)
    return null
  }
  ctx.dialogPage = result.page ?? null
  const dialog = result.page ? explainDialogPage(result.page, redirectUriFor(ctx), { configUsed: kind.kind === 'business', host: ctx.deps.loginRedirectUri ? 'browser' : 'window' }) : null
  ctx.wizard = { step: 'failed', purpose, message: result.message, canPaste: result.canPaste, ...(dialog ? { dialog } : {}) }
  // Every failed login gets the doctor's explanation beside it (Settings shows the whole report).
  await doctorAfterFailedLogin(ctx)
  return null
}

/**
 * Inspect, extend when short-lived, then list the Pages: the steps the user would otherwise
 * click through one by one in Meta's tools. Through a Login for Business configuration the
 * grant is read back first, and a business integration token is recognised by its business.
 */
export async function continueWithToken(ctx: AppContext, token: string, replaces: string | null = null, source: TokenSource = 'pasted'): Promise<void> {
  const graph = needGraph(ctx)
  const purpose = chosenPurpose(ctx)
  const appId = ctx.settings.getApp().appId ?? ''
  const configId = source !== 'pasted' && source.kind === 'business' ? source.configId : null
  const look = (t: string) =>
    inspectToken(graph, t, { appId, purpose, now: ctx.clock.now(), log: ctx.log, configId, askClientBusiness: configId !== null || source === 'pasted' })
  working(ctx, purpose, 'Checking the token with Facebook…')
  let inspection = await look(token)
  if (inspection.problem || (inspection.grant && grantedNothing(inspection.grant))) {
    ctx.work = null
    ctx.wizard = { step: 'failed', purpose, message: inspection.advice.join(' '), canPaste: true }
    return
  }
  let current = token
  if (inspection.info.type === 'USER' && !inspection.longLived && !inspection.clientBusinessId) {
    working(ctx, purpose, 'Exchanging it for a token that lasts about 60 days…')
    const longer = await longLivedOrKept(ctx, token, configId)
    if (longer) {
      current = longer
      inspection = await look(current)
    } else inspection.advice.push(keepShortLived(inspection.info))
  }
  const work: WizardWork = {
    token: current,
    inspection,
    pages: null,
    replaces,
    ...(configId ? { configId } : {}),
    ...(inspection.clientBusinessId ? { clientBusinessId: inspection.clientBusinessId } : {}),
  }
  ctx.work = work
  if (inspection.info.type === 'USER' && !inspection.clientBusinessId) ctx.adminToken = current
  const card = describeInspection(inspection)
  const person = inspection.info.type === 'USER' || inspection.clientBusinessId !== null
  if (person && inspection.report.granted.includes('pages_show_list')) {
    working(ctx, purpose, 'Finding your Pages and checking each Page token…')
    work.pages = await pagesFor(graph, current, appId, inspection, ctx.log)
    ctx.wizard = {
      step: 'pages',
      purpose,
      token: card,
      pages: work.pages.filter((p) => !p.problem).map((p) => ({ id: p.id, name: p.name, category: p.category, tasks: p.tasks })),
    }
    return
  }
  ctx.wizard = { step: 'inspect', purpose, token: card }
}

/**
 * The long-lived exchange. Classic tokens: as always (its failure is the wizard's). Through a
 * configuration, whether `fb_exchange_token` extends the token is not confirmed
 * (login-for-business.md §4): it is tried, a refusal from Facebook keeps the token as it is,
 * and debug_token's `expires_at` is what counts either way.
 */
async function longLivedOrKept(ctx: AppContext, token: string, configId: string | null): Promise<string | null> {
  const graph = needGraph(ctx)
  if (!configId) return (await graph.exchangeForLongLived(token)).token
  try {
    return (await graph.exchangeForLongLived(token)).token
  } catch (error) {
    if (error instanceof GraphError && error.kind !== 'network' && error.kind !== 'throttled') {
      ctx.log.info('the Login for Business token was not extended', { error: error.message })
      return null
    }
    throw error
  }
}

export async function loginAndContinue(ctx: AppContext, input: Input<'login'> = {}): Promise<AppState> {
  // The purpose chosen with the same click that logs in (one action, not two).
  if (input.purpose) choosePurpose(ctx, { purpose: input.purpose })
  const authType = input.switchUser ? 'reauthenticate' : input.authType
  const via = input.configuration === 'system-user' ? systemUserConfiguration(ctx) : undefined
  const done = await login(ctx, authType, input.addScopes, via)
  if (done) await continueWithToken(ctx, done.token, null, done.via)
  return buildState(ctx)
}

/** The app's configuration of the system-user token type, for a business integration token. */
function systemUserConfiguration(ctx: AppContext): LoginKind {
  const configId = configsOf(ctx.settings.getApp()).systemUser
  if (!configId) throw new AppError('not-allowed', 'No system-user configuration is set up: add its Configuration ID under Settings first.')
  return { kind: 'business', configId }
}

export async function pasteToken(ctx: AppContext, input: Input<'pasteToken'>): Promise<AppState> {
  if (ctx.wizard.step === 'purpose') {
    const purpose = chosenPurpose(ctx)
    ctx.wizard = connectStep(ctx, purpose, [...PURPOSE_SCOPES[purpose]])
  }
  await continueWithToken(ctx, input.token)
  if (input.name && ctx.work) ctx.work.name = input.name
  return buildState(ctx)
}

export async function extendToken(ctx: AppContext): Promise<AppState> {
  if (!ctx.work) throw new AppError('not-allowed', 'There is no token to extend yet: log in or paste one first.')
  const { configId } = ctx.work
  await continueWithToken(ctx, ctx.work.token, ctx.work.replaces, configId ? { kind: 'business', configId } : 'pasted')
  return buildState(ctx)
}
