import type { AppState, Input, Purpose } from '../../../preload/api'
import type { VerifiedPage } from '../tokens/pages'
import type { TokenMeta } from '../tokens/record'
import type { AppContext } from './context'
import { AppError } from './errors'
import { buildState } from './state'
import { defaultName, metaFromInfo, metaFromWork } from './token-meta'

/** A stored token this one renews: same app, same kind, same person or Page. */
function sameIdentity(ctx: AppContext, meta: TokenMeta): string | null {
  const match = ctx.tokens
    .list()
    .find(
      (e) =>
        e.meta.kind === meta.kind &&
        e.meta.appId === meta.appId &&
        (meta.kind === 'PAGE' ? e.meta.profileId === meta.profileId : e.meta.userId === meta.userId),
    )
  return match?.id ?? null
}

type UsablePage = VerifiedPage & { token: string; info: NonNullable<VerifiedPage['info']> }

/** A Page token Graph confirmed valid for this app, so it may be stored. */
export function isUsablePage(page: VerifiedPage | undefined): page is UsablePage {
  return !!page?.token && !!page.info && !page.problem
}

/** The stored description of a confirmed Page token. */
export function pageMeta(page: UsablePage, opts: { name: string; purpose: Purpose | null; parentId: string | null; now: number; configId?: string | undefined }): TokenMeta {
  return metaFromInfo({ info: page.info, last4: page.token.slice(-4), tasks: page.tasks, ...opts })
}

/**
 * Stores a token; in place of `id` when it renews one, keeping what the person gave that one (its
 * name and where it is used), since Facebook's answer knows neither. Notices about the old one
 * are old news.
 */
export async function storeToken(ctx: AppContext, meta: TokenMeta, secret: string, id: string | null): Promise<string> {
  const old = id ? ctx.tokens.get(id)?.meta : undefined
  const kept = old ? { ...meta, name: old.name, ...(old.usedIn ? { usedIn: old.usedIn } : {}) } : meta
  const entry = await ctx.tokens.put({ ...(id ? { id } : {}), meta: kept, secret })
  ctx.forgetNotices(entry.id)
  return entry.id
}

/** Saves the wizard's user token and the chosen Page tokens, replacing older copies of each. */
export async function savePages(ctx: AppContext, input: Input<'savePages'>): Promise<AppState> {
  const work = ctx.work
  if (!work) throw new AppError('not-allowed', 'There is nothing to save yet: log in or paste a token first.')
  const now = ctx.clock.now()
  const { inspection } = work
  const purpose = inspection.purpose
  const saved: string[] = []
  const renewed: string[] = []

  let parentId: string | null = null
  if (input.saveUserToken || input.pageIds.length === 0) {
    const kind = work.clientBusinessId ? 'BUSINESS_INTEGRATION' : (inspection.info.type ?? 'USER')
    const typed = input.name ?? work.name
    const name = typed ?? defaultName(kind, inspection.userName ?? (work.clientBusinessId ? `Business ${work.clientBusinessId}` : null))
    const meta = metaFromWork(work, { name, purpose, now })
    // A name typed for this token makes it a token of its own: it never takes another's place
    // (and name) unseen. Without one, a newer token of the same person renews the stored one.
    const replaces = work.replaces ?? (typed ? null : sameIdentity(ctx, meta))
    const had = replaces !== null && ctx.tokens.get(replaces) !== null
    parentId = await storeToken(ctx, meta, work.token, replaces)
    const stored = ctx.tokens.get(parentId)?.meta.name ?? meta.name
    saved.push(stored)
    if (had) renewed.push(stored)
  }

  for (const pageId of input.pageIds) {
    const page = work.pages?.find((p) => p.id === pageId)
    if (!isUsablePage(page)) {
      ctx.notice('warning', `No usable token for the Page ${page?.name ?? pageId}; it was not saved.`)
      continue
    }
    const meta = pageMeta(page, { name: page.name, purpose, parentId, now, configId: work.configId })
    const replaces = sameIdentity(ctx, meta)
    const id = await storeToken(ctx, meta, page.token, replaces)
    saved.push(ctx.tokens.get(id)?.meta.name ?? page.name)
    if (replaces) renewed.push(saved.at(-1)!)
  }

  ctx.work = null
  ctx.wizard = { step: 'saved', purpose: purpose ?? 'manage-ads', saved, ...(renewed.length ? { renewed } : {}) }
  ctx.monitor.reschedule()
  return buildState(ctx)
}
