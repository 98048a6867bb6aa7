import { GraphError, unsupportedRequest } from '../errors'
import { nodeType, sub, type View } from '../node-kit'
import type { PageRecord } from '../state'
import { pageTokenFor } from '../tokens'
import { pictureOf } from './picture'

/** The real text of this #10 (several captures). */
export const pageEngagementError = (): GraphError =>
  new GraphError(
    10,
    "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature. Refer to https://developers.facebook.com/docs/apps/review/login-permissions#manage-pages and https://developers.facebook.com/docs/apps/review/feature#reference-PAGES_ACCESS for details.",
  )

export const pageCategoryNode = nodeType<{ id: string; name: string }>({
  name: 'PageCategory',
  idOf: (c) => c.id,
  defaultFields: ['id', 'name'],
  fields: { name: { get: (c) => c.name } },
})

/** `access_token` of a Page needs a user token of someone with a task on it (graph-api.md §4.1). */
function pageAccessToken(view: View, page: PageRecord): string {
  const { caller } = view
  if (caller?.kind !== 'token') throw unsupportedRequest(view.method, page.id)
  const { record } = caller
  if (record.kind === 'PAGE' && record.profileId === page.id) return record.value
  if (record.kind === 'PAGE' || record.userId === null || !page.roles.has(record.userId)) throw unsupportedRequest(view.method, page.id)
  return pageTokenFor(view.ctx, record, page.id).value
}

/** A stable follower count per Page, so repeated reads agree. */
const fanCountOf = (page: PageRecord): number => (Number(page.id.slice(-5)) % 5000) + 120

export const pageNode = nodeType<PageRecord>({
  name: 'Page',
  idOf: (p) => p.id,
  defaultFields: ['name', 'id'],
  fields: {
    access_token: { get: (p, view) => pageAccessToken(view, p) },
    category: { get: (p) => p.category },
    category_list: { get: (p) => [sub(pageCategoryNode, { id: p.categoryId, name: p.category })] },
    name: { get: (p) => p.name },
    tasks: { get: (p) => p.tasks },
    link: { get: (p, view) => `${view.ctx.wwwUrl}/${p.id}` },
    fan_count: { get: fanCountOf, needs: { anyOf: ['pages_read_engagement'], lacking: pageEngagementError } },
    picture: { get: (p, view, args) => pictureOf(view, p.id, args) },
  },
})
