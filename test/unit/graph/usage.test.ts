import { describe, expect, it } from 'vitest'
import { parseUsage } from '../../../main/core/graph'

describe('parseUsage', () => {
  it('is undefined when no usage header is present', () => {
    expect(parseUsage(new Headers({ 'content-type': 'application/json' }))).toBeUndefined()
  })

  it('reads X-App-Usage', () => {
    expect(parseUsage({ 'X-App-Usage': '{"call_count":28,"total_time":25,"total_cputime":12}' })).toEqual({
      appCallCount: 28, appTotalTime: 25, appCpuTime: 12, buc: [], highestPercent: 28,
    })
  })

  it("reads X-Ad-Account-Usage with the tier, even in the docs' single quotes", () => {
    const usage = parseUsage({ 'x-ad-account-usage': "{'acc_id_util_pct':9.67,'reset_time_duration':100,'ads_api_access_tier':'standard_access'}" })
    expect(usage).toEqual({ adAccountPct: 9.67, resetSeconds: 100, tier: 'standard_access', buc: [], highestPercent: 9.67 })
  })

  it('reads every business and type of X-Business-Use-Case-Usage', () => {
    const header = JSON.stringify({
      '66782684': [{ type: 'ads_management', call_count: 95, total_cputime: 20, total_time: 21, estimated_time_to_regain_access: 0, ads_api_access_tier: 'development_access' }],
      '10153848260347724': [{ type: 'ads_insights', call_count: 97, total_cputime: 23, total_time: 24, estimated_time_to_regain_access: 5 }],
    })
    const usage = parseUsage(new Headers({ 'x-business-use-case-usage': header }))
    expect(usage?.buc).toEqual([
      { businessId: '66782684', type: 'ads_management', callCount: 95, totalTime: 21, cpuTime: 20, regainMinutes: 0, tier: 'development_access' },
      { businessId: '10153848260347724', type: 'ads_insights', callCount: 97, totalTime: 24, cpuTime: 23, regainMinutes: 5 },
    ])
    expect(usage?.tier).toBe('development_access')
    expect(usage?.highestPercent).toBe(97)
  })

  it('reads X-FB-Ads-Insights-Throttle', () => {
    const usage = parseUsage({ 'x-fb-ads-insights-throttle': '{"app_id_util_pct":12.5,"acc_id_util_pct":64,"ads_api_access_tier":"standard_access"}' })
    expect(usage).toMatchObject({ insightsAppPct: 12.5, insightsAccountPct: 64, tier: 'standard_access', highestPercent: 64 })
  })

  it('reads batch item headers', () => {
    expect(parseUsage([{ name: 'X-App-Usage', value: '{"call_count":3,"total_time":1,"total_cputime":1}' }])?.appCallCount).toBe(3)
  })

  it.each(['not json', '[1,2]', 'null', '{"call_count":"lots"}', '{'])('ignores malformed %s without throwing', (bad) => {
    const usage = parseUsage({ 'x-app-usage': bad, 'x-ad-account-usage': bad, 'x-business-use-case-usage': bad })
    expect(usage).toEqual({ buc: [], highestPercent: 0 })
  })

  it('skips malformed BUC entries and keeps the good ones', () => {
    const header = JSON.stringify({ a: 'x', b: [null, 7, { type: 'pages', call_count: 40 }], c: [{ ads_api_access_tier: 'premium' }] })
    const usage = parseUsage({ 'x-business-use-case-usage': header })
    expect(usage?.buc).toEqual([
      { businessId: 'b', type: 'pages', callCount: 40, totalTime: 0, cpuTime: 0, regainMinutes: 0 },
      { businessId: 'c', type: 'unknown', callCount: 0, totalTime: 0, cpuTime: 0, regainMinutes: 0 },
    ])
    expect(usage?.tier).toBeUndefined()
  })
})
