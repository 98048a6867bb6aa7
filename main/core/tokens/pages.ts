import type { GraphClient, PageAccount, TokenDebugInfo } from '../graph'
import { toProblem } from '../graph'
import type { Problem } from '../../../preload/api'
import { problemFor } from './inspect'

export interface VerifiedPage {
  id: string
  name: string
  category: string | null
  tasks: string[]
  /** Null when Facebook gave no token for this Page (no suitable task). */
  token: string | null
  info: TokenDebugInfo | null
  problem: Problem | null
}

/**
 * Every Page the user token reaches, each Page token checked with debug_token (batched):
 * "never expires" is what Graph says, never what we assume.
 */
export async function verifiedPages(graph: GraphClient, userToken: string, appId: string): Promise<VerifiedPage[]> {
  const pages: PageAccount[] = await graph.accounts(userToken)
  const withTokens = pages.filter((p): p is PageAccount & { accessToken: string } => typeof p.accessToken === 'string')
  const outcomes = withTokens.length > 0 ? await graph.debugTokens(withTokens.map((p) => p.accessToken)) : []
  const byPage = new Map(withTokens.map((p, i) => [p.id, outcomes[i]]))
  return pages.map((page) => {
    const outcome = byPage.get(page.id)
    let info: TokenDebugInfo | null = null
    let problem: Problem | null = null
    if (!page.accessToken) problem = problemFor('no-page-role')
    else if (!outcome) problem = problemFor('invalid')
    else if (!outcome.ok) problem = toProblem(outcome.error)
    else {
      info = outcome.info
      if (!info.isValid) problem = (info.error && toProblem(info.error)) ?? problemFor('invalid')
      else if (info.appId !== null && info.appId !== appId) problem = problemFor('wrong-app')
    }
    return { id: page.id, name: page.name, category: page.category, tasks: page.tasks, token: page.accessToken, info, problem }
  })
}

/**
 * One Page read by its id rather than from /me/accounts: Facebook leaves Pages reached through a
 * business out of that list (graph-api-doctor.md §2.2), yet gives their Page token to a person
 * with a task on them. Checked with debug_token like every other.
 */
export async function verifiedPageById(graph: GraphClient, userToken: string, pageId: string, appId: string): Promise<VerifiedPage> {
  const node = await graph.pageNode(userToken, pageId)
  const { accessToken } = await graph.pageToken(pageId, userToken)
  const [outcome] = await graph.debugTokens([accessToken])
  let info: TokenDebugInfo | null = null
  let problem: Problem | null = null
  if (!outcome) problem = problemFor('invalid')
  else if (!outcome.ok) problem = toProblem(outcome.error)
  else {
    info = outcome.info
    if (!info.isValid) problem = (info.error && toProblem(info.error)) ?? problemFor('invalid')
    else if (info.appId !== null && info.appId !== appId) problem = problemFor('wrong-app')
  }
  return { id: node.id, name: node.name, category: null, tasks: node.tasks ?? [], token: accessToken, info, problem }
}
