import { metaFromInfo } from '../app/token-meta'
import type { GraphClient } from '../graph'
import { verifiedPages } from '../tokens/pages'
import type { TokenMeta } from '../tokens/record'
import type { Vault } from '../vault'

/**
 * After a new user token is stored: every stored Page token made from the same person's login
 * replaced, in place, by one made from the new token and checked with debug_token.
 * Returns the names of the Page tokens renewed.
 */
export async function renewPageTokens(deps: { graph: GraphClient; vault: Vault<TokenMeta>; appId: string; now: number }, userEntryId: string, userToken: string): Promise<string[]> {
  const user = deps.vault.get(userEntryId)
  if (!user) return []
  const stored = deps.vault.list().filter((e) => e.meta.kind === 'PAGE' && (e.meta.parentId === userEntryId || (user.meta.userId !== null && e.meta.userId === user.meta.userId)))
  if (stored.length === 0) return []
  const pages = await verifiedPages(deps.graph, userToken, deps.appId)
  const renewed: string[] = []
  for (const entry of stored) {
    const page = pages.find((p) => p.id === entry.meta.profileId)
    if (!page?.token || !page.info || page.problem) continue
    const meta: TokenMeta = {
      ...metaFromInfo({ info: page.info, last4: page.token.slice(-4), name: entry.meta.name, purpose: entry.meta.purpose, parentId: userEntryId, now: deps.now, tasks: page.tasks }),
      ...(entry.meta.usedIn ? { usedIn: entry.meta.usedIn } : {}),
    }
    await deps.vault.put({ id: entry.id, meta, secret: page.token })
    renewed.push(entry.meta.name)
  }
  return renewed
}
