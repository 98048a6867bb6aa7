import type { MissingDiagnosis } from '../../../preload/api'
import type { AssetRef, GraphClient } from '../graph'
import { diagnoseAdAccount } from './ad-account-diagnosis'
import { gatherAdAccountFacts, gatherPageFacts } from './gather'
import { diagnosePage } from './page-diagnosis'

export { diagnosePage } from './page-diagnosis'
export { diagnoseAdAccount } from './ad-account-diagnosis'
export type { AdAccountFacts, PageFacts, BusinessLink, NodeRead } from './facts'
export { canRun, statusWords } from './words'
export { parseQuery, bareAccountId } from './query'

/** "Why is my Page or ad account missing?": read what Graph says about it, then decide (graph-api-doctor.md §2.6). */
export async function whyMissing(graph: GraphClient, token: string, kind: 'page' | 'ad-account', query: string, knownPages: readonly AssetRef[] = []): Promise<MissingDiagnosis> {
  return kind === 'page' ? diagnosePage(await gatherPageFacts(graph, token, query, knownPages)) : diagnoseAdAccount(await gatherAdAccountFacts(graph, token, query))
}
