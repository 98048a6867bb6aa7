/**
 * The grant read-back: what a Login for Business configuration granted, from debug_token's
 * scopes and granular_scopes, against what the purpose needs (login-for-business.md §2, §4).
 */
import { describe, expect, it } from 'vitest'
import type { TokenDebugInfo } from '../../../main/core/graph'
import { grantedNothing, readGrant } from '../../../main/core/tokens/grant'

const info = (scopes: string[], granular: TokenDebugInfo['granularScopes'] = []): TokenDebugInfo => ({
  isValid: true,
  type: 'USER',
  appId: '1',
  application: 'App',
  userId: '2',
  profileId: null,
  issuedAt: null,
  expiresAt: null,
  neverExpires: false,
  dataAccessExpiresAt: null,
  scopes,
  granularScopes: granular,
  metadata: {},
  error: null,
})

describe('readGrant', () => {
  it('reads a full grant: nothing missing, the picked Pages and ad accounts as targets', () => {
    const g = readGrant('manage-ads', info(['public_profile', 'ads_management', 'ads_read', 'business_management', 'pages_show_list', 'pages_read_engagement'], [
      { scope: 'ads_management', targetIds: ['101', '102'] },
      { scope: 'pages_show_list', targetIds: ['201'] },
      { scope: 'business_management', targetIds: null },
    ]), '777')
    expect(g.granted).toEqual(['ads_management', 'ads_read', 'business_management', 'pages_read_engagement', 'pages_show_list'])
    expect(g.missing).toEqual([])
    expect(g.targets).toEqual([{ scope: 'ads_management', ids: ['101', '102'] }, { scope: 'pages_show_list', ids: ['201'] }, { scope: 'business_management', ids: null }])
    expect(g.words).toEqual([])
    expect(grantedNothing(g)).toBe(false)
  })

  it('names a missing permission with the fix in the configuration, not another login', () => {
    const g = readGrant('manage-pages', info(['pages_show_list', 'pages_read_engagement']), '777')
    expect(g.missing).toEqual(['pages_manage_posts', 'pages_manage_metadata'])
    expect(g.words.join(' ')).toMatch(/To manage Pages the token also needs pages_manage_posts, pages_manage_metadata\. The configuration decides the permissions, so logging in again does not add them: .*Facebook Login for Business > Configurations.*edit this configuration, add them, save, and log in again\./)
  })

  it('says a grant of nothing is all or nothing, with another login as the fix', () => {
    const g = readGrant('manage-ads', info(['public_profile']), '777')
    expect(grantedNothing(g)).toBe(true)
    expect(g.words).toEqual([expect.stringMatching(/granted nothing.*any one of a configuration’s permissions is declined: log in again and allow all of them/)])
  })

  it('warns when no Pages or no ad accounts were picked (empty target_ids)', () => {
    const g = readGrant('read-insights', info(['ads_read', 'read_insights', 'pages_show_list', 'pages_read_engagement'], [
      { scope: 'ads_read', targetIds: [] },
      { scope: 'pages_show_list', targetIds: [] },
    ]), '777')
    expect(g.words).toEqual([
      expect.stringMatching(/^No Pages were chosen in Facebook's dialog/),
      expect.stringMatching(/^No ad accounts were chosen in Facebook's dialog/),
    ])
  })
})
