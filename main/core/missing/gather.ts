import type { AdAccount, AssetRef, GraphClient, PageAccount, TokenDebugInfo } from '../graph'
import { GraphError } from '../graph'
import { clientErrorInfo } from '../graph/classify'
import type { AdAccountFacts, BusinessLink, NodeRead, PageFacts } from './facts'
import { bareAccountId, byName, parseQuery } from './query'

/** Network failures end the diagnosis (nothing can be said); every Graph refusal is a fact. */
function rethrowNetwork(error: unknown): void {
  if (!(error instanceof GraphError) || error.kind === 'network' || error.kind === 'throttled') throw error
}

class Reader {
  blocked = false
  constructor(readonly graph: GraphClient) {}

  /** A call whose refusal is an answer: null, noted as a block when it was one. */
  async optional<T>(run: () => Promise<T>): Promise<T | null> {
    try {
      return await run()
    } catch (error) {
      rethrowNetwork(error)
      if (error instanceof GraphError && error.detail === 'app-blocked') this.blocked = true
      return null
    }
  }

  async node<T>(run: () => Promise<T>): Promise<NodeRead<T>> {
    try {
      return { kind: 'read', value: await run() }
    } catch (error) {
      rethrowNetwork(error)
      const e = error as GraphError
      if (e.detail === 'app-blocked') this.blocked = true
      return { kind: 'refused', code: e.code, message: e.message }
    }
  }
}

/** debug_token first: a blocked app is a fact, a dead token ends the diagnosis with its own reason. */
async function inspect(reader: Reader, token: string): Promise<TokenDebugInfo | null> {
  try {
    const info = await reader.graph.debugToken(token)
    if (!info.isValid) throw new GraphError(info.error ?? clientErrorInfo('Facebook says this token is not valid.'), 'GET /debug_token')
    return info
  } catch (error) {
    if (error instanceof GraphError && error.detail === 'app-blocked') {
      reader.blocked = true
      return null
    }
    throw error
  }
}

/** `target_ids` of the given scopes, merged; null when none of them lists any (not limited). */
function targetsOf(info: TokenDebugInfo | null, scopes: readonly string[], normalise = (id: string) => id): string[] | null {
  const lists = (info?.granularScopes ?? []).filter((g) => scopes.includes(g.scope) && g.targetIds !== null).map((g) => g.targetIds!.map(normalise))
  return lists.length === 0 ? null : [...new Set(lists.flat())]
}

interface BusinessAssets<T> {
  read: boolean
  items: { item: T; link: BusinessLink }[]
}

async function businessAssets<T>(reader: Reader, token: string, scopes: readonly string[], list: (businessId: string, relation: 'owned' | 'client') => Promise<T[]>): Promise<BusinessAssets<T>> {
  if (!scopes.includes('business_management')) return { read: false, items: [] }
  const businesses = await reader.optional(() => reader.graph.businesses(token))
  if (businesses === null) return { read: false, items: [] }
  const items: BusinessAssets<T>['items'] = []
  for (const b of businesses) {
    for (const relation of ['owned', 'client'] as const) {
      const found = (await reader.optional(() => list(b.id, relation))) ?? []
      for (const item of found) items.push({ item, link: { businessId: b.id, businessName: b.name, relation } })
    }
  }
  return { read: true, items }
}

/**
 * Reads what §2.6 needs to place a missing Page: debug_token, /me/accounts, the businesses, the
 * Page itself. `known`: Pages Token Desk has met before (stored Page tokens), so a name typed for
 * a Page this login does not list can still be turned into its id.
 */
export async function gatherPageFacts(graph: GraphClient, token: string, raw: string, known: readonly AssetRef[] = []): Promise<PageFacts> {
  const reader = new Reader(graph)
  const query = parseQuery(raw)
  const info = await inspect(reader, token)
  const scopes = info?.scopes ?? []
  const accounts: PageAccount[] = scopes.includes('pages_show_list') ? ((await reader.optional(() => graph.accounts(token))) ?? []) : []
  const business = await businessAssets(reader, token, scopes, async (id, relation) => graph.businessPages(token, id, relation === 'owned' ? 'owned_pages' : 'client_pages'))
  const targets = targetsOf(info, ['pages_show_list'])
  const id = query.id ?? (query.name ? await idByName(reader, token, query.name, [...accounts, ...business.items.map((b) => b.item), ...known], targets) : null)
  const listedRow = id === null ? undefined : accounts.find((a) => a.id === id)
  const link = id === null ? null : (business.items.find((b) => b.item.id === id)?.link ?? null)
  const tried = id !== null && !listedRow
  const personal = tried ? await reader.node(async () => ({ tasks: (await graph.pageNode(token, id)).tasks })) : ({ kind: 'not-tried' } as const)
  const readable = personal.kind === 'read' && personal.value.tasks !== null
  const visible = tried && !readable ? await reader.node(async () => ({ name: (await graph.pagePublic(token, id)).name })) : ({ kind: 'not-tried' } as const)
  return {
    query: query.raw,
    id,
    name: listedRow?.name ?? business.items.find((b) => b.item.id === id)?.item.name ?? known.find((k) => k.id === id)?.name ?? null,
    blocked: reader.blocked,
    scopes,
    businessesRead: business.read,
    business: link,
    targets,
    listed: listedRow ? { tasks: listedRow.tasks, hasToken: listedRow.accessToken !== null } : null,
    personal: personal.kind === 'read' && personal.value.tasks === null ? { kind: 'refused', code: null, message: 'No tasks given.' } : personal,
    visible,
  }
}

/** How many granted-but-unlisted Pages are read by id to find a name: target_ids can be long. */
const MAX_TARGET_LOOKUPS = 25

/**
 * A typed name, to an id: among the Pages listed and met before, then among the Pages the login
 * was granted (target_ids) that /me/accounts left out, read by id for their names.
 */
async function idByName(reader: Reader, token: string, name: string, candidates: readonly AssetRef[], targets: string[] | null): Promise<string | null> {
  const found = byName(candidates, name)
  if (found) return found.id
  const unlisted = (targets ?? []).filter((t) => !candidates.some((c) => c.id === t)).slice(0, MAX_TARGET_LOOKUPS)
  const named: AssetRef[] = []
  for (const target of unlisted) {
    const page = await reader.optional(() => reader.graph.pagePublic(token, target))
    if (page) named.push(page)
  }
  return byName(named, name)?.id ?? null
}

/** Reads what §2.6 needs to place a missing ad account; ids normalised with and without `act_`. */
export async function gatherAdAccountFacts(graph: GraphClient, token: string, raw: string): Promise<AdAccountFacts> {
  const reader = new Reader(graph)
  const query = parseQuery(raw)
  const info = await inspect(reader, token)
  const scopes = info?.scopes ?? []
  const hasAds = scopes.includes('ads_read') || scopes.includes('ads_management')
  const accounts: AdAccount[] = hasAds ? ((await reader.optional(() => graph.adAccounts(token))) ?? []) : []
  const business = await businessAssets(reader, token, scopes, async (id, relation) => graph.businessAdAccounts(token, id, relation === 'owned' ? 'owned_ad_accounts' : 'client_ad_accounts'))
  const id = query.id ?? (query.name ? (byName(accounts, query.name)?.accountId ?? byName(business.items.map((b) => b.item), query.name)?.accountId ?? null) : null)
  const listedRow = id === null ? undefined : accounts.find((a) => a.accountId === id)
  const inBusiness = id === null ? undefined : business.items.find((b) => b.item.accountId === id)
  const node = id !== null && !listedRow && hasAds
    ? await reader.node(async () => {
        const a = await graph.adAccountNode(token, id)
        return { status: a.accountStatus, disableReason: a.disableReason }
      })
    : ({ kind: 'not-tried' } as const)
  return {
    query: query.raw,
    id,
    name: listedRow?.name ?? inBusiness?.item.name ?? null,
    blocked: reader.blocked,
    scopes,
    businessesRead: business.read,
    business: inBusiness?.link ?? null,
    targets: targetsOf(info, ['ads_management', 'ads_read'], bareAccountId),
    listed: listedRow ? { status: listedRow.accountStatus, disableReason: listedRow.disableReason } : null,
    node,
  }
}
