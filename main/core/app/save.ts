import type { AppState, Input } from '../../../preload/api'
import type { TokenMeta } from '../tokens/record'
import type { AppContext } from './context'
import { AppError } from './errors'
import { buildState } from './state'
import { defaultName, metaFromInfo } from './token-meta'

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

/** Saves the wizard's user token and the chosen Page tokens, replacing older copies of each. */
export async function savePages(ctx: AppContext, input: Input<'savePages'>): Promise<AppState> {
  const work = ctx.work
  if (!work) throw new AppError('not-allowed', 'There is nothing to save yet: log in or paste a token first.')
  const now = ctx.clock.now()
  const { inspection } = work
  const purpose = inspection.purpose
  const saved: string[] = []

  let parentId: string | null = null
  if (input.saveUserToken || input.pageIds.length === 0) {
    const kind = inspection.info.type ?? 'USER'
    const name = input.name ?? work.name ?? defaultName(kind, inspection.userName)
    const meta = metaFromInfo({ info: inspection.info, last4: inspection.last4, name, purpose, parentId: null, now })
    const id = work.replaces ?? sameIdentity(ctx, meta)
    if (id) meta.name = ctx.tokens.get(id)?.meta.name ?? meta.name
    const entry = await ctx.tokens.put({ ...(id ? { id } : {}), meta, secret: work.token })
    ctx.forgetNotices(entry.id)
    parentId = entry.id
    saved.push(meta.name)
  }

  for (const pageId of input.pageIds) {
    const page = work.pages?.find((p) => p.id === pageId)
    if (!page?.token || !page.info || page.problem) {
      ctx.notice('warning', `No usable token for the Page ${page?.name ?? pageId}; it was not saved.`)
      continue
    }
    const meta = metaFromInfo({
      info: page.info,
      last4: page.token.slice(-4),
      name: page.name,
      purpose,
      parentId,
      now,
      tasks: page.tasks,
    })
    const id = sameIdentity(ctx, meta)
    const stored = await ctx.tokens.put({ ...(id ? { id } : {}), meta, secret: page.token })
    ctx.forgetNotices(stored.id)
    saved.push(page.name)
  }

  ctx.work = null
  ctx.wizard = { step: 'saved', purpose: purpose ?? 'manage-ads', saved }
  ctx.monitor.reschedule()
  return buildState(ctx)
}
