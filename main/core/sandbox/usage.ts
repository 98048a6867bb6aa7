import type { SandboxState } from './state'

/** `x-app-usage`, once the usage control says enough calls were made (graph-api.md §8). */
export function appUsageHeaders(state: SandboxState, callCount = state.usage.appCallCount): Record<string, string> {
  if (callCount === undefined) return {}
  const pct = Math.round(callCount)
  return { 'x-app-usage': JSON.stringify({ call_count: pct, total_time: pct, total_cputime: pct }) }
}

export function bucEntry(state: SandboxState, callCount: number, regainMinutes: number): Record<string, unknown> {
  return {
    type: 'ads_management',
    call_count: callCount,
    total_cputime: callCount,
    total_time: callCount,
    estimated_time_to_regain_access: regainMinutes,
    ads_api_access_tier: state.tier,
  }
}

/** The Marketing headers carrying `ads_api_access_tier`, on every ad-account call. */
export function marketingHeaders(state: SandboxState, override?: { pct: number; regainMinutes: number }): Record<string, string> {
  const pct = override?.pct ?? state.usage.adAccountPct ?? 0
  const buc = override?.pct ?? state.usage.buc ?? 0
  const key = state.adAccounts[0]?.accountId ?? state.practiceAppId
  return {
    'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: pct, reset_time_duration: pct >= 100 ? 300 : 0, ads_api_access_tier: state.tier }),
    'x-business-use-case-usage': JSON.stringify({ [key]: [bucEntry(state, buc, override?.regainMinutes ?? 0)] }),
  }
}
