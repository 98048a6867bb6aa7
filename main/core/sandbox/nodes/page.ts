import { GraphError, unsupportedRequest } from '../errors'
import { nodeType, sub, type View } from '../node-kit'
import { pageReach } from '../reach'
import type { PageRecord, TokenRecord } from '../state'
import { coversPage, pageTokenFor } from '../tokens'
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

/**
 * A Page's `tasks` and `access_token` are the caller's own: its own page token, or a user token of
 * someone who reaches the Page through a direct role, or through a business when the token has
 * business_management; the token must also cover the Page (the Pages ticked at login, §5.1).
 * The trypost report (graph-api-doctor.md §2.1) is why a business Page works here although
 * /me/accounts leaves it out.
 */
function personalAccess(view: View, page: PageRecord): TokenRecord {
  const { caller } = view
  if (caller?.kind !== 'token') throw unsupportedRequest(view.method, page.id)
  const { record } = caller
  if (record.kind === 'PAGE') {
    if (record.profileId === page.id) return record
    throw unsupportedRequest(view.method, page.id)
  }
  const reach = pageReach(view.ctx.state, record.userId, page)
  if (reach === null || (reach === 'business' && !record.scopes.includes('business_management'))) throw unsupportedRequest(view.method, page.id)
  if (!coversPage(view.ctx, record, page.id)) throw unsupportedRequest(view.method, page.id)
  return record
}

/** `access_token` of a Page: the caller's own page token, or one made from their user token (graph-api.md §4.1). */
function pageAccessToken(view: View, page: PageRecord): string {
  const record = personalAccess(view, page)
  return record.kind === 'PAGE' ? record.value : pageTokenFor(view.ctx, record, page.id).value
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
    tasks: {
      get: (p, view) => {
        personalAccess(view, p)
        return p.tasks
      },
    },
    link: { get: (p, view) => `${view.ctx.wwwUrl}/${p.id}` },
    fan_count: { get: fanCountOf, needs: { anyOf: ['pages_read_engagement'], lacking: pageEngagementError } },
    picture: { get: (p, view, args) => pictureOf(view, p.id, args) },
  },
})
