import { describe, expect, it } from 'vitest'
import { configFor, loginKindFor, mergeConfigs, NO_CONFIGS, renewalKind } from '../../../main/core/tokens/configurations'

describe('which configuration a purpose logs in with', () => {
  it('takes the purpose’s own, then the one for every purpose, then the other purpose’s', () => {
    const both = { ...NO_CONFIGS, all: '1', ads: '2', pages: '3' }
    expect(configFor(both, 'manage-ads')).toBe('2')
    expect(configFor(both, 'read-insights')).toBe('2')
    expect(configFor(both, 'manage-pages')).toBe('3')
    expect(configFor({ ...NO_CONFIGS, all: '1' }, 'manage-pages')).toBe('1')
    expect(configFor({ ...NO_CONFIGS, ads: '2' }, 'manage-pages')).toBe('2')
    // The system-user configuration is asked for on purpose only.
    expect(configFor({ ...NO_CONFIGS, systemUser: '9' }, 'manage-ads')).toBeNull()
  })

  it('logs in classic, without public_profile, when there is none', () => {
    expect(loginKindFor(NO_CONFIGS, 'manage-ads', ['public_profile', 'ads_read'])).toEqual({ kind: 'classic', scopes: ['ads_read'] })
    expect(loginKindFor({ ...NO_CONFIGS, all: '5' }, 'manage-ads', ['ads_read'])).toEqual({ kind: 'business', configId: '5' })
  })

  it('renews through the configuration a token was made with while it is still set up', () => {
    expect(renewalKind({ ...NO_CONFIGS, all: '5', systemUser: '9' }, '9', 'manage-ads', [])).toEqual({ kind: 'business', configId: '9' })
    expect(renewalKind({ ...NO_CONFIGS, all: '5' }, '9', 'manage-ads', [])).toEqual({ kind: 'business', configId: '5' })
    expect(renewalKind(NO_CONFIGS, '9', 'manage-ads', ['ads_read'])).toEqual({ kind: 'classic', scopes: ['ads_read'] })
  })

  it('patches: absent keeps, null or empty clears, and the value is trimmed', () => {
    expect(mergeConfigs({ ...NO_CONFIGS, all: '1', ads: '2' }, { ads: null, pages: ' 3 ', systemUser: '' })).toEqual({ all: '1', ads: null, pages: '3', systemUser: null })
  })
})
