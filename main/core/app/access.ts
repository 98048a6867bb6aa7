import type { AccessInfo, AppState } from '../../../preload/api'
import type { Usage } from '../graph'
import { adAccountLimitReport, levelForTier, todayNameForTier } from '../tokens/access-levels'
import type { AppContext } from './context'
import { AppError } from './errors'
import { buildState } from './state'
import { needGraph } from './wizard'

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

/** The ad accounts a token reaches, the tier Facebook reports live, and the usage figures. */
export async function refreshAccess(ctx: AppContext): Promise<AppState> {
  const graph = needGraph(ctx)
  const candidate = ctx.tokens.list().find((e) => (e.meta.kind === 'USER' || e.meta.kind === 'SYSTEM_USER') && e.meta.status !== 'dead' && !e.problem)
  const token = candidate ? await ctx.tokens.getSecret(candidate.id) : (ctx.work?.token ?? null)
  if (!token) throw new AppError('not-allowed', 'Save a user or system-user token first: the ad accounts are read with it.')
  const accounts = await graph.adAccounts(token)
  const usage = graph.usage()
  const tier = usage?.tier ?? null
  const level = levelForTier(tier)
  const report = adAccountLimitReport(accounts.map((a) => a.accountId), level)
  if (report.warning) ctx.notice('warning', report.warning)
  ctx.access = {
    liveTier: tier,
    liveTierName: todayNameForTier(tier),
    level: level?.name ?? null,
    adAccounts: accounts.map((a) => ({ id: a.id, accountId: a.accountId, name: a.name, status: a.accountStatus ?? 0 })),
    adAccountLimit: report.limit,
    usage: usageFigures(usage),
    checkedAt: new Date(ctx.clock.now()).toISOString(),
  }
  return buildState(ctx)
}
