import type { HeaderSource } from './headers'
import { headerValue } from './headers'

export type AccessTier = 'development_access' | 'standard_access'

export interface BucUsage {
  businessId: string
  type: string
  callCount: number
  totalTime: number
  cpuTime: number
  /** estimated_time_to_regain_access, in minutes. */
  regainMinutes: number
  tier?: AccessTier
}

/** Usage figures from the rate-limit headers (graph-api.md §8); percentages are 0-100. */
export interface Usage {
  appCallCount?: number
  appTotalTime?: number
  appCpuTime?: number
  adAccountPct?: number
  resetSeconds?: number
  insightsAppPct?: number
  insightsAccountPct?: number
  tier?: AccessTier
  buc: BucUsage[]
  highestPercent: number
}

type Json = Record<string, unknown>

function parseObject(text: string | undefined): Json | undefined {
  if (!text) return undefined
  try {
    // The docs print one example with single quotes; tolerate it.
    const parsed: unknown = JSON.parse(text.replace(/'/g, '"'))
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : undefined
  } catch {
    return undefined
  }
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined

const tierOf = (value: unknown): AccessTier | undefined =>
  value === 'development_access' || value === 'standard_access' ? value : undefined

function parseBuc(text: string | undefined): BucUsage[] {
  const root = parseObject(text)
  if (!root) return []
  const out: BucUsage[] = []
  for (const [businessId, entries] of Object.entries(root)) {
    if (!Array.isArray(entries)) continue
    for (const entry of entries as unknown[]) {
      if (entry === null || typeof entry !== 'object') continue
      const e = entry as Json
      const item: BucUsage = {
        businessId,
        type: typeof e.type === 'string' ? e.type : 'unknown',
        callCount: num(e.call_count) ?? 0,
        totalTime: num(e.total_time) ?? 0,
        cpuTime: num(e.total_cputime) ?? 0,
        regainMinutes: num(e.estimated_time_to_regain_access) ?? 0,
      }
      const tier = tierOf(e.ads_api_access_tier)
      if (tier) item.tier = tier
      out.push(item)
    }
  }
  return out
}

/** Undefined when no usage header is present; malformed headers are skipped, never thrown. */
export function parseUsage(headers: HeaderSource): Usage | undefined {
  const appText = headerValue(headers, 'x-app-usage')
  const adText = headerValue(headers, 'x-ad-account-usage')
  const bucText = headerValue(headers, 'x-business-use-case-usage')
  const insightsText = headerValue(headers, 'x-fb-ads-insights-throttle')
  if (appText === undefined && adText === undefined && bucText === undefined && insightsText === undefined) return undefined

  const usage: Usage = { buc: parseBuc(bucText), highestPercent: 0 }
  const app = parseObject(appText)
  if (app) {
    setIf(usage, 'appCallCount', num(app.call_count))
    setIf(usage, 'appTotalTime', num(app.total_time))
    setIf(usage, 'appCpuTime', num(app.total_cputime))
  }
  const ad = parseObject(adText)
  if (ad) {
    setIf(usage, 'adAccountPct', num(ad.acc_id_util_pct))
    setIf(usage, 'resetSeconds', num(ad.reset_time_duration))
  }
  const insights = parseObject(insightsText)
  if (insights) {
    setIf(usage, 'insightsAppPct', num(insights.app_id_util_pct))
    setIf(usage, 'insightsAccountPct', num(insights.acc_id_util_pct))
  }
  const tier = tierOf(ad?.ads_api_access_tier) ?? tierOf(insights?.ads_api_access_tier) ?? usage.buc.find((b) => b.tier)?.tier
  if (tier) usage.tier = tier

  const figures = [usage.appCallCount, usage.appTotalTime, usage.appCpuTime, usage.adAccountPct, usage.insightsAppPct, usage.insightsAccountPct]
  for (const b of usage.buc) figures.push(b.callCount, b.totalTime, b.cpuTime)
  usage.highestPercent = Math.max(0, ...figures.filter((f): f is number => f !== undefined))
  return usage
}

/** The longest BUC wait announced, in milliseconds (0 when none). */
export function regainMs(headers: HeaderSource): number {
  const minutes = parseBuc(headerValue(headers, 'x-business-use-case-usage')).map((b) => b.regainMinutes)
  return Math.max(0, ...minutes) * 60_000
}

function setIf<K extends keyof Usage>(usage: Usage, key: K, value: Usage[K] | undefined): void {
  if (value !== undefined) usage[key] = value
}
