import type { AppState, Input, MissingDiagnosis } from '../../../preload/api'
import { GraphError } from '../graph'
import { whyMissing as diagnose } from '../missing'
import { redactText } from '../redact'
import { verifiedPageById } from '../tokens/pages'
import type { AppContext } from './context'
import { AppError } from './errors'
import { buildState } from './state'
import { needGraph } from './graph-factory'

/** The token the question is about: the one the wizard holds, else a stored user or system-user token. */
async function tokenToAsk(ctx: AppContext): Promise<string> {
  if (ctx.work && (ctx.work.inspection.info.type === 'USER' || ctx.work.inspection.info.type === 'SYSTEM_USER')) return ctx.work.token
  const stored = ctx.tokens.list().find((e) => (e.meta.kind === 'USER' || e.meta.kind === 'SYSTEM_USER') && e.meta.status !== 'dead' && !e.problem)
  const token = stored ? await ctx.tokens.getSecret(stored.id) : null
  if (!token) throw new AppError('not-allowed', 'Log in or save a user token first: Token Desk asks Facebook with it.')
  return token
}

/** "Not in the list?": which case of §2.6 a Page or ad account is, and its fix. */
export async function whyMissing(ctx: AppContext, input: Input<'whyMissing'>): Promise<MissingDiagnosis> {
  // A pasted token in the search box must not travel into a question, a log or an answer.
  if (redactText(input.query) !== input.query) throw new AppError('invalid-input', 'That looks like an access token, not a Page or an ad account. Type a name, an ID or act_ and the number.')
  const graph = needGraph(ctx)
  // Pages met before (stored Page tokens) let a typed name find a Page this login leaves out.
  const known = ctx.tokens
    .list()
    .filter((e) => e.meta.kind === 'PAGE' && e.meta.profileId)
    .map((e) => ({ id: e.meta.profileId!, name: e.meta.name }))
  const diagnosis = await diagnose(graph, await tokenToAsk(ctx), input.kind, input.query, known)
  ctx.log.info('why missing', { kind: input.kind, case: diagnosis.case })
  return diagnosis
}

/** "Add this Page": a Page Facebook left out of /me/accounts, read by its id and added to the wizard's list. */
export async function addMissingPage(ctx: AppContext, input: Input<'addMissingPage'>): Promise<AppState> {
  const w = ctx.wizard
  const work = ctx.work
  if (w.step !== 'pages' || !work || work.inspection.info.type !== 'USER') throw new AppError('not-allowed', 'Pages are added while choosing them, after a login.')
  if (w.pages.some((p) => p.id === input.pageId)) return buildState(ctx)
  const graph = needGraph(ctx)
  let page
  try {
    page = await verifiedPageById(graph, work.token, input.pageId, ctx.settings.getApp().appId ?? '')
  } catch (error) {
    if (error instanceof GraphError && error.kind !== 'network') throw new AppError('failed', 'Facebook did not give a Page token for that Page to this login. Use Not in the list? to see why.')
    throw error
  }
  if (page.problem) throw new AppError('failed', `The Page token Facebook gave does not work: ${page.problem.message}`)
  work.pages = [...(work.pages ?? []).filter((p) => p.id !== page.id), page]
  ctx.wizard = { ...w, pages: [...w.pages, { id: page.id, name: page.name, category: page.category, tasks: page.tasks }] }
  return buildState(ctx)
}
