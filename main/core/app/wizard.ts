import type { AppState, Input, Purpose, WizardState } from '../../../preload/api'
import { explainDialogPage } from '../doctor/dialog-pages'
import { inspectToken, describeInspection } from '../tokens/inspect'
import type { LoginRequest } from '../tokens/login-flow'
import { verifiedPages } from '../tokens/pages'
import { PURPOSE_SCOPES } from '../tokens/scopes'
import type { AppContext, WizardWork } from './context'
import { AppError } from './errors'
import { needGraph, redirectUriFor } from './graph-factory'
import { windowLogin } from './sign-in'
import { buildState } from './state'
import { doctorAfterFailedLogin } from './doctor'
import { chosenPurpose } from './purpose'

export { purposeOf } from './purpose'

/** Shows the wizard's working step with what is happening now. */
export function working(ctx: AppContext, purpose: Purpose, label: string): void {
  ctx.wizard = { step: 'working', purpose, label }
  ctx.emit()
}

export function choosePurpose(ctx: AppContext, input: Input<'choosePurpose'>): AppState {
  needGraph(ctx)
  ctx.work = null
  ctx.wizard = { step: 'connect', purpose: input.purpose, scopes: [...(input.scopes ?? PURPOSE_SCOPES[input.purpose])] }
  // Chosen once, not asked again: the next token starts at Connect for the same purpose.
  if (ctx.settings.getApp().purpose !== input.purpose) ctx.settings.setApp({ purpose: input.purpose })
  return buildState(ctx)
}

/** The wizard's first step: Connect for the purpose chosen last, or the purpose question. */
export function freshWizard(ctx: AppContext, askPurpose = false): WizardState {
  const last = ctx.settings.getApp().purpose ?? null
  return !askPurpose && last && ctx.graph ? { step: 'connect', purpose: last, scopes: [...PURPOSE_SCOPES[last]] } : { step: 'purpose' }
}

export function resetWizard(ctx: AppContext, input: Input<'resetWizard'> = {}): AppState {
  ctx.work = null
  ctx.wizard = freshWizard(ctx, input.askPurpose === true)
  return buildState(ctx)
}

/**
 * The login through the LoginWindow port; the token it yields never leaves main. `addScopes`
 * asks for more than the purpose needs (business_management, for Pages reached through a business).
 */
export async function login(ctx: AppContext, authType?: LoginRequest['authType'], addScopes: readonly string[] = []): Promise<string | null> {
  const w = ctx.wizard
  const purpose = chosenPurpose(ctx)
  const base = w.step === 'connect' ? w.scopes : [...PURPOSE_SCOPES[purpose]]
  const scopes = [...new Set([...base, ...addScopes])]
  working(ctx, purpose, 'Waiting for you to finish the Facebook login in the other window…')
  const result = await windowLogin(ctx, scopes, authType)
  if (result.kind === 'token') {
    ctx.dialogPage = null
    return result.grant.token
  }
  if (result.kind === 'cancelled') {
    ctx.wizard = { step: 'connect', purpose, scopes }
    ctx.notice('info', result.message)
    return null
  }
  ctx.dialogPage = result.page ?? null
  const dialog = result.page ? explainDialogPage(result.page, redirectUriFor(ctx)) : null
  ctx.wizard = { step: 'failed', purpose, message: result.message, canPaste: result.canPaste, ...(dialog ? { dialog } : {}) }
  // Every failed login gets the doctor's explanation beside it (Settings shows the whole report).
  await doctorAfterFailedLogin(ctx)
  return null
}

/**
 * Inspect, extend when short-lived, then list the Pages: the steps the user would otherwise
 * click through one by one in Meta's tools.
 */
export async function continueWithToken(ctx: AppContext, token: string, replaces: string | null = null): Promise<void> {
  const graph = needGraph(ctx)
  const purpose = chosenPurpose(ctx)
  const appId = ctx.settings.getApp().appId ?? ''
  working(ctx, purpose, 'Checking the token with Facebook…')
  let inspection = await inspectToken(graph, token, { appId, purpose, now: ctx.clock.now(), log: ctx.log })
  if (inspection.problem) {
    ctx.work = null
    ctx.wizard = { step: 'failed', purpose, message: inspection.advice.join(' '), canPaste: true }
    return
  }
  let current = token
  if (inspection.info.type === 'USER' && !inspection.longLived) {
    working(ctx, purpose, 'Exchanging it for a token that lasts about 60 days…')
    current = (await graph.exchangeForLongLived(token)).token
    inspection = await inspectToken(graph, current, { appId, purpose, now: ctx.clock.now(), log: ctx.log })
  }
  const work: WizardWork = { token: current, inspection, pages: null, replaces }
  ctx.work = work
  if (inspection.info.type === 'USER') ctx.adminToken = current
  const card = describeInspection(inspection)
  if (inspection.info.type === 'USER' && inspection.report.granted.includes('pages_show_list')) {
    working(ctx, purpose, 'Finding your Pages and checking each Page token…')
    work.pages = await verifiedPages(graph, current, appId)
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

export async function loginAndContinue(ctx: AppContext, input: Input<'login'> = {}): Promise<AppState> {
  // The purpose chosen with the same click that logs in (one action, not two).
  if (input.purpose) choosePurpose(ctx, { purpose: input.purpose })
  const token = await login(ctx, input.authType, input.addScopes)
  if (token) await continueWithToken(ctx, token)
  return buildState(ctx)
}

export async function pasteToken(ctx: AppContext, input: Input<'pasteToken'>): Promise<AppState> {
  if (ctx.wizard.step === 'purpose') {
    const purpose = chosenPurpose(ctx)
    ctx.wizard = { step: 'connect', purpose, scopes: [...PURPOSE_SCOPES[purpose]] }
  }
  await continueWithToken(ctx, input.token)
  if (input.name && ctx.work) ctx.work.name = input.name
  return buildState(ctx)
}

export async function extendToken(ctx: AppContext): Promise<AppState> {
  if (!ctx.work) throw new AppError('not-allowed', 'There is no token to extend yet: log in or paste one first.')
  await continueWithToken(ctx, ctx.work.token, ctx.work.replaces)
  return buildState(ctx)
}
