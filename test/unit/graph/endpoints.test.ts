import { afterEach, describe, expect, it } from 'vitest'
import { appsecretProof } from '../../../main/core/graph'
import type { Harness } from './harness'
import { APP_SECRET, USER_TOKEN, rejection, startHarness } from './harness'

let h: Harness
afterEach(() => h.server.close())

const page = (id: string) => ({ id, name: `Page ${id}`, category: 'Blogger', tasks: ['ADVERTISE', 'MANAGE'], access_token: `EAAGpage${id}XXXXXXXXXXXXXX` })

describe('accounts follows paging.next', () => {
  it('across three pages, past an empty middle page and a short first page', async () => {
    h = await startHarness()
    const next = (after: string) => `${h.server.url}/v27.0/me/accounts?fields=id%2Cname&limit=25&after=${after}&access_token=EAAGstaleTokenFromGraphXXXXXX`
    h.server.enqueue(
      { body: { data: [page('1')], paging: { cursors: { after: 'c1' }, next: next('c1') } } },
      { body: { data: [], paging: { cursors: { after: 'c2' }, next: next('c2') } } },
      { body: { data: [page('2'), page('3')], paging: { cursors: { before: 'b', after: 'c3' } } } },
    )
    const pages = await h.client.accounts(USER_TOKEN)
    expect(pages.map((p) => p.id)).toEqual(['1', '2', '3'])
    expect(pages[0]).toEqual({ id: '1', name: 'Page 1', category: 'Blogger', tasks: ['ADVERTISE', 'MANAGE'], accessToken: 'EAAGpage1XXXXXXXXXXXXXX' })
    expect(h.server.requests).toHaveLength(3)
    expect(h.server.requests[0]?.query.fields).toBe('id,name,category,tasks,access_token')
    const third = h.server.requests[2]
    expect(third?.path).toBe('/v27.0/me/accounts')
    // Graph's own token in the link is replaced by ours, with our proof.
    expect(third?.query).toMatchObject({ after: 'c2', limit: '25', access_token: USER_TOKEN, appsecret_proof: appsecretProof(USER_TOKEN, APP_SECRET) })
  })

  it('refuses a next link to another host without calling it', async () => {
    h = await startHarness()
    h.server.enqueue({ body: { data: [page('1')], paging: { next: 'https://evil.example/v27.0/me/accounts?after=x' } } })
    expect(await rejection(h.client.accounts(USER_TOKEN))).toMatchObject({ kind: 'unknown', message: expect.stringContaining('another host') as string })
    expect(h.server.requests).toHaveLength(1)
  })
})

describe('single page token', () => {
  it('reads access_token from /{page-id}', async () => {
    h = await startHarness()
    h.server.enqueue({ body: { access_token: 'EAAGpageXXXXXXXXXXXXXXXXXX', id: '4225' } })
    expect(await h.client.pageToken('4225', USER_TOKEN)).toEqual({ id: '4225', accessToken: 'EAAGpageXXXXXXXXXXXXXXXXXX' })
    expect(h.server.requests[0]).toMatchObject({ path: '/v27.0/4225', query: { fields: 'access_token', access_token: USER_TOKEN } })
  })
})

describe('permissions', () => {
  it('lists them, following paging', async () => {
    h = await startHarness()
    h.server.enqueue(
      { body: { data: [{ permission: 'public_profile', status: 'granted' }], paging: { next: `${h.server.url}/v27.0/me/permissions?after=p` } } },
      { body: { data: [{ permission: 'ads_read', status: 'declined' }, { bogus: true }] } },
    )
    expect(await h.client.permissions(USER_TOKEN)).toEqual([
      { permission: 'public_profile', status: 'granted' },
      { permission: 'ads_read', status: 'declined' },
    ])
  })

  it('revokes one permission or all with DELETE', async () => {
    h = await startHarness()
    h.server.enqueue({ body: true }, { body: { success: true } }, { body: false })
    expect(await h.client.revokePermission(USER_TOKEN, 'ads_read')).toBe(true)
    expect(await h.client.revokePermission(USER_TOKEN)).toBe(true)
    expect(await h.client.revokePermission(USER_TOKEN)).toBe(false)
    expect(h.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'DELETE /v27.0/me/permissions/ads_read',
      'DELETE /v27.0/me/permissions',
      'DELETE /v27.0/me/permissions',
    ])
    expect(h.server.requests[0]?.query.appsecret_proof).toBe(appsecretProof(USER_TOKEN, APP_SECRET))
  })
})

describe('adAccounts', () => {
  it('pages through and normalises act_ ids both ways', async () => {
    h = await startHarness()
    h.server.enqueue(
      { body: { data: [{ account_id: '111', id: 'act_111', name: 'One', account_status: 1 }], paging: { next: `${h.server.url}/v27.0/me/adaccounts?after=a` } } },
      { body: { data: [], paging: { next: `${h.server.url}/v27.0/me/adaccounts?after=b` } } },
      { body: { data: [{ id: 'act_222', name: 'Two', account_status: 2, disable_reason: 3, business: { id: '9', name: 'Biz' } }, { account_id: 333, name: 'Three' }] } },
    )
    expect(await h.client.adAccounts(USER_TOKEN)).toEqual([
      { id: 'act_111', accountId: '111', name: 'One', accountStatus: 1, disableReason: null, business: null },
      { id: 'act_222', accountId: '222', name: 'Two', accountStatus: 2, disableReason: 3, business: { id: '9', name: 'Biz' } },
      { id: 'act_333', accountId: '333', name: 'Three', accountStatus: null, disableReason: null, business: null },
    ])
    expect(h.server.requests[0]?.query.fields).toBe('account_id,id,name,account_status,disable_reason,business')
  })
})

describe('me', () => {
  it('refuses an answer without an id', async () => {
    h = await startHarness()
    h.server.enqueue({ body: { name: 'no id' } })
    expect(await rejection(h.client.me(USER_TOKEN))).toMatchObject({ kind: 'unknown' })
  })
})
