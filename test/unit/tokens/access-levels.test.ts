import { describe, expect, it } from 'vitest'
import { ACCESS_LEVELS, adAccountLimitReport, levelForTier, normaliseAdAccountId, todayNameForTier } from '../../../main/core/tokens/access-levels'
import { PURPOSE_SCOPES, scopeAdvice, scopeReport } from '../../../main/core/tokens/scopes'

describe('access levels', () => {
  it('keeps the reference limits of 5, 25 and unlimited', () => {
    expect(ACCESS_LEVELS.map((l) => [l.name, l.adAccountLimit])).toEqual([
      ['development', 5],
      ['basic', 25],
      ['standard', null],
    ])
  })

  it('maps the live header tiers to today’s names', () => {
    expect(todayNameForTier('development_access')).toBe('Limited')
    expect(todayNameForTier('standard_access')).toBe('Full')
    expect(todayNameForTier(null)).toBeNull()
    expect(levelForTier('development_access')?.name).toBe('development')
  })

  it('treats act_123 and 123 as one account', () => {
    expect(normaliseAdAccountId('act_123')).toEqual({ id: 'act_123', accountId: '123' })
    expect(normaliseAdAccountId('123')).toEqual({ id: 'act_123', accountId: '123' })
    expect(normaliseAdAccountId('act_x')).toBeNull()
    const report = adAccountLimitReport(['act_1', '1', '2', 'act_3', '4'], levelForTier('development_access'))
    expect(report).toMatchObject({ count: 4, limit: 5, used: 0.8 })
    expect(report.warning).toContain('4 of the 5')
  })

  it('warns past the limit and never for unlimited', () => {
    const dev = levelForTier('development_access')
    expect(adAccountLimitReport(['1', '2', '3', '4', '5', '6'], dev).warning).toContain('allows 5')
    expect(adAccountLimitReport(['1', '2'], dev).warning).toBeNull()
    expect(adAccountLimitReport(Array.from({ length: 90 }, (_, i) => String(i)), levelForTier('standard_access'))).toMatchObject({ count: 90, limit: null, warning: null })
  })
})

describe('scopes', () => {
  it('reports granted, declined and missing for a purpose', () => {
    const report = scopeReport('manage-ads', ['ads_read', 'public_profile'], [
      { permission: 'ads_management', status: 'declined' },
      { permission: 'pages_show_list', status: 'granted' },
    ])
    expect(report.granted).toEqual(['ads_read', 'pages_show_list', 'public_profile'])
    expect(report.declined).toEqual(['ads_management'])
    expect(report.missing).toEqual(['business_management', 'pages_read_engagement'])
    expect(scopeAdvice('manage-ads', report)[0]).toContain('re-request')
  })

  it('gives no advice when everything needed is granted', () => {
    const report = scopeReport('manage-pages', [...PURPOSE_SCOPES['manage-pages']])
    expect(report.missing).toEqual([])
    expect(scopeAdvice('manage-pages', report)).toEqual([])
  })
})
