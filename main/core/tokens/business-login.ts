import type { GraphClient, TokenDebugInfo } from '../graph'
import { GraphError } from '../graph'
import type { Logger } from '../ports'
import type { Inspection } from './inspect'
import { verifiedPageById, verifiedPages, type VerifiedPage } from './pages'

const PAGE_SCOPE = /^pages_/

/** The Page ids debug_token says the token was limited to, or null when not limited (graph-api-doctor.md §2.1). */
export function pageTargetIds(info: TokenDebugInfo): string[] | null {
  return info.granularScopes.find((g) => PAGE_SCOPE.test(g.scope) && g.targetIds !== null)?.targetIds ?? null
}

/** The words when Facebook would not extend a Login for Business token: its own expiry stands. */
export function keepShortLived(info: TokenDebugInfo): string {
  const until = info.expiresAt === null ? 'for as long as Facebook allows' : `until ${new Date(info.expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`
  return `Facebook did not exchange this Login for Business token for a longer one, so it works ${until}, as debug_token says. Token Desk reminds you before it ends; logging in again gives a new one.`
}

/**
 * The Pages a person's or a business integration token reaches, each Page token verified.
 * Whether `/me/accounts` answers a business integration system user is not confirmed
 * (login-for-business.md §4, Q5): it is tried, and the Pages its grant names (`target_ids`)
 * that it did not list are read one by one with `/{page-id}?fields=access_token`.
 */
export async function pagesFor(graph: GraphClient, token: string, appId: string, inspection: Inspection, log: Logger): Promise<VerifiedPage[]> {
  if (!inspection.clientBusinessId) return verifiedPages(graph, token, appId)
  let pages: VerifiedPage[] = []
  try {
    pages = await verifiedPages(graph, token, appId)
  } catch (error) {
    if (!(error instanceof GraphError) || error.kind === 'network' || error.kind === 'throttled') throw error
    log.info('Facebook did not list the Pages of the business integration token; reading its chosen Pages one by one', { error: error.message })
  }
  const listed = new Set(pages.map((p) => p.id))
  for (const id of pageTargetIds(inspection.info) ?? []) {
    if (listed.has(id)) continue
    try {
      pages.push(await verifiedPageById(graph, token, id, appId))
    } catch (error) {
      if (error instanceof GraphError && (error.kind === 'network' || error.kind === 'throttled')) throw error
      log.info('a chosen Page gave no token', { error: error instanceof Error ? error.message : String(error) })
    }
  }
  return pages
}
