import type { AppState, Input } from '../../../preload/api'

import { verifiedPages } from '../tokens/pages'
import { PURPOSE_SCOPES } from '../tokens/scopes'
import { DAY } from '../monitor/durations'
import type { AppContext } from './context'
import { AppError } from './errors'
import { buildState, liveMeta, userEntryOf } from './state'
import { metaFromWork } from './token-meta'
import { isUsablePage, pageMeta, storeToken } from './save'
import { renewSystemUser } from './system-user'
import { needGraph } from './graph-factory'
import { loginKindOf } from './sign-in'
import { connectStep, continueWithToken, login } from './wizard'
import { otherPerson } from '../tokens/same-person'


/** The auth_type that fixes a token: re-ask for declined permissions, renew data access, or none. */
function authTypeFor(ctx: AppContext, id: string): 'rerequest' | 'reauthorize' | 'reauthenticate' | undefined {
  const meta = liveMeta(ctx, id)
  if (!meta) return undefined
  if (meta.problem?.fix === 'rerequest') return 'rerequest'
  if (meta.problem?.fix === 'reauthenticate') return 'reauthenticate'
  const dataAccessSoon = meta.dataAccessExpiresAt !== null && meta.dataAccessExpiresAt - ctx.clock.now() < 14 * DAY
  return dataAccessSoon && meta.status !== 'dead' ? 'reauthorize' : undefined
}

/**
 * One click: log in again for the user behind a token, then replace that user token and every
 * stored Page token made from it with fresh, verified ones.
 */
export async function reauthorize(ctx: AppContext, input: Input<'reauthorize'>): Promise<AppState> {
  const entry = ctx.tokens.get(input.id)
  const meta = liveMeta(ctx, input.id)
  if (!entry || !meta) throw new AppError('invalid-input', 'There is no such token.')
  if (meta.problem?.fix === 'visit-facebook' || meta.problem?.fix === 'fix-page-role')
    throw new AppError('not-allowed', `${meta.problem.message} This is fixed on facebook.com first; then choose Check now.`)
  if (meta.kind === 'SYSTEM_USER') return renewSystemUser(ctx, input.id)
  // A business integration token has no refresh: a new login through its configuration makes another (login-for-business.md §4).
  if (meta.kind === 'APP') throw new AppError('not-allowed', 'An app token does not need renewing: it works until the App Secret is reset.')

  const userEntry = meta.kind === 'PAGE' ? userEntryOf(ctx, meta) : entry
  const purpose = meta.purpose ?? 'manage-ads'
  const scopes = [...new Set([...(userEntry?.meta.scopes ?? meta.scopes), ...PURPOSE_SCOPES[purpose]])].filter((s) => s !== 'public_profile')
  ctx.wizard = connectStep(ctx, purpose, scopes)
  // Through the configuration the token was made with, while it is still set up (tokens/configurations.ts).
  const made = (userEntry?.meta ?? meta).configId ?? null
  const via = loginKindOf(ctx, purpose, scopes, made)
  const done = await login(ctx, authTypeFor(ctx, userEntry?.id ?? input.id), [], via)
  if (!done) return buildState(ctx)
  await continueWithToken(ctx, done.token, userEntry?.id ?? null, done.via)
  const work = ctx.work
  if (!work) return buildState(ctx)
  // A renewal never replaces one person's token with another's: the new login is offered as a new token.
  const other = otherPerson(userEntry?.meta ?? meta, work.inspection)
  if (other) {
    work.replaces = null
    ctx.notice('warning', other)
    return buildState(ctx)
  }

  const now = ctx.clock.now()
  const userMeta = metaFromWork(work, { name: userEntry?.meta.name ?? meta.name, purpose, now })
  const userId = await storeToken(ctx, userMeta, work.token, userEntry?.id ?? null)
  const pages = work.pages ?? (await verifiedPages(needGraph(ctx), work.token, ctx.settings.getApp().appId ?? ''))
  let renewedPages = 0
  for (const stored of ctx.tokens.list().filter((e) => e.meta.kind === 'PAGE' && (e.meta.parentId === userId || e.meta.userId === userMeta.userId))) {
    const page = pages.find((p) => p.id === stored.meta.profileId)
    if (!isUsablePage(page)) continue
    await storeToken(ctx, pageMeta(page, { name: stored.meta.name, purpose, parentId: userId, now, configId: work.configId }), page.token, stored.id)
    renewedPages += 1
  }
  const pagesText = renewedPages ? `${renewedPages} Page token${renewedPages === 1 ? '' : 's'}` : null
  ctx.work = null
  const saved = [userMeta.name, ...(pagesText ? [pagesText] : [])]
  ctx.wizard = { step: 'saved', purpose, saved, renewed: saved }
  ctx.notice('info', `Renewed ${userMeta.name}${pagesText ? ` and ${pagesText}` : ''}.`)
  ctx.monitor.reschedule()
  return buildState(ctx)
}

