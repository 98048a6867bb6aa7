import type { AccessInfo, AppState } from '../../../preload/api'
import type { AdAccount, GraphClient, Usage } from '../graph'
import { GraphError } from '../graph'
import { canRun, statusWords } from '../missing'
import { adAccountLimitReport, levelForTier, todayNameForTier } from '../tokens/access-levels'
import type { AppContext } from './context'
import { AppError } from './errors'
import { buildState } from './state'
import { needGraph } from './graph-factory'

function usageFigures(usage: Usage | undefined): AccessInfo['usage'] {
  if (!usage) return []
  const figures: AccessInfo['usage'] = []
  const add = (name: string, value: number | undefined): void => {
    if (value !== undefined) figures.push({ name, percent: Math.round(value * 10) / 10 })
  }
  add('App calls (last hour)', usage.appCallCount)
  add('App CPU time', usage.appCpuTime)
  add('App total time', usage.appTotalTime)
  add('Ad account', usage.adAccountPct)
  for (const b of usage.buc) add(`${b.type.replace(/_/g, ' ')} (business ${b.businessId})`, Math.max(b.callCount, b.cpuTime, b.totalTime))
  return figures
}

type Listed = AdAccount & { throughBusiness: string | null }

/**
 * Which ad accounts /me/adaccounts includes is not confirmed (graph-api-doctor.md §2.5): the
 * union with each business's owned and client accounts is what §2.5 recommends. Businesses are
 * read only when the token has business_management; a refusal there leaves the direct list.
 */
async function withBusinessAccounts(graph: GraphClient, token: string, direct: AdAccount[], scopes: readonly string[]): Promise<Listed[]> {
  const all: Listed[] = direct.map((a) => ({ ...a, throughBusiness: null }))
  if (!scopes.includes('business_management')) return all
  try {
    for (const business of await graph.businesses(token)) {
      for (const edge of ['owned_ad_accounts', 'client_ad_accounts'] as const) {
        for (const account of await graph.businessAdAccounts(token, business.id, edge)) {
          if (!all.some((a) => a.accountId === account.accountId)) all.push({ ...account, throughBusiness: business.name })
        }
      }
    }
  } catch (error) {
    if (!(error instanceof GraphError) || error.kind === 'network') throw error
  }
  return all
}

/** The ad accounts a token reaches, the tier Facebook reports live, and the usage figures. */
export async function refreshAccess(ctx: AppContext): Promise<AppState> {
  const graph = needGraph(ctx)
  const candidate = ctx.tokens.list().find((e) => (e.meta.kind === 'USER' || e.meta.kind === 'SYSTEM_USER') && e.meta.status !== 'dead' && !e.problem)
  const token = candidate ? await ctx.tokens.getSecret(candidate.id) : (ctx.work?.token ?? null)
  if (!token) throw new AppError('not-allowed', 'Save a user or system-user token first: the ad accounts are read with it.')
  const scopes = candidate?.meta.scopes ?? ctx.work?.inspection.info.scopes ?? []
  const accounts = await withBusinessAccounts(graph, token, await graph.adAccounts(token), scopes)
  const usage = graph.usage()
  const tier = usage?.tier ?? null
  const level = levelForTier(tier)
  const report = adAccountLimitReport(accounts.map((a) => a.accountId), level)
  if (report.warning) ctx.notice('warning', report.warning)
  ctx.access = {
    liveTier: tier,
    liveTierName: todayNameForTier(tier),
    level: level?.name ?? null,
    adAccounts: accounts.map((a) => ({
      id: a.id,
      accountId: a.accountId,
      name: a.name,
      status: a.accountStatus ?? 0,
      statusWords: statusWords(a.accountStatus, a.disableReason),
      canRun: canRun(a.accountStatus),
      throughBusiness: a.throughBusiness,
    })),
    adAccountLimit: report.limit,
    usage: usageFigures(usage),
    checkedAt: new Date(ctx.clock.now()).toISOString(),
  }
  return buildState(ctx)
}
