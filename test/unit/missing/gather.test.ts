/**
 * What whyMissing reads, against scripted Graph answers: the ID formats §2.1 warns about, the
 * trypost report, and a dead token or a network failure ending the diagnosis.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { GraphError } from '../../../main/core/graph'
import { whyMissing } from '../../../main/core/missing'
import type { RecordedRequest, ScriptedResponse } from '../../support/scripted-server'
import { USER_TOKEN, rejection, startHarness, type Harness } from '../graph/harness'

let h: Harness | null = null
afterEach(async () => {
  await h?.server.close()
  h = null
})

type Routes = Record<string, ScriptedResponse>

async function scripted(routes: Routes): Promise<Harness> {
  const harness = await startHarness({ retry: { maxAttempts: 1 } })
  harness.server.otherwise((request: RecordedRequest) => {
    const path = request.path.replace(/^\/v\d+\.\d+/, '')
    return routes[path] ?? { status: 400, body: { error: { message: `Unsupported get request. Object with ID '${path.slice(1)}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, type: 'GraphMethodException', code: 100, error_subcode: 33 } } }
  })
  return harness
}

const debugToken = (granular: unknown[], scopes: string[]): ScriptedResponse => ({
  body: { data: { app_id: '1234567890123', type: 'USER', application: 'Demo', expires_at: 0, is_valid: true, scopes, granular_scopes: granular, user_id: '10215241773831025' } },
})

describe('whyMissing reads', () => {
  it('ad-account target_ids with act_ as well as without (two fixtures disagree, §2.1)', async () => {
    h = await scripted({
      '/debug_token': debugToken([{ scope: 'ads_management', target_ids: ['act_101010101'] }, { scope: 'ads_read', target_ids: ['202020202'] }], ['ads_management', 'ads_read']),
      '/me/adaccounts': { body: { data: [{ id: 'act_101010101', account_id: '101010101', name: 'Main', account_status: 1 }] } },
    })
    const bare = await whyMissing(h.client, USER_TOKEN, 'ad-account', '202020202')
    expect(bare.case).not.toBe('not-selected')
    const other = await whyMissing(h.client, USER_TOKEN, 'ad-account', 'act_303030303')
    expect(other).toMatchObject({ case: 'not-selected', action: 'rerequest', asset: { id: 'act_303030303' } })
    const listed = await whyMissing(h.client, USER_TOKEN, 'ad-account', 'main')
    expect(listed).toMatchObject({ case: 'listed', asset: { id: 'act_101010101', name: 'Main' }, status: 'Active' })
  })

  it('a Page scoped to its id, absent from /me/accounts, readable by id (the trypost report)', async () => {
    h = await scripted({
      '/debug_token': debugToken([{ scope: 'pages_show_list', target_ids: ['4225'] }, { scope: 'business_management' }], ['pages_show_list', 'business_management']),
      '/me/accounts': { body: { data: [] } },
      '/me/businesses': { body: { data: [] } },
      '/4225': { body: { id: '4225', name: 'Cisco Dog Page', tasks: ['CREATE_CONTENT', 'MANAGE'] } },
    })
    const d = await whyMissing(h.client, USER_TOKEN, 'page', 'https://www.facebook.com/profile.php?id=4225')
    expect(d).toMatchObject({ case: 'read-directly', action: 'add-page', asset: { id: '4225' } })
    expect(h.server.requests.map((r) => r.path.replace(/^\/v\d+\.\d+/, ''))).toEqual(['/debug_token', '/me/accounts', '/me/businesses', '/4225'])
  })

  it('stops with the token’s own reason when the token is dead, and with the network failure when Facebook is gone', async () => {
    h = await scripted({
      '/debug_token': { body: { data: { app_id: '1', type: 'USER', is_valid: false, error: { code: 190, message: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', subcode: 460 }, scopes: [] } } },
    })
    const dead = (await rejection(whyMissing(h.client, USER_TOKEN, 'page', '4225'))) as GraphError
    expect(dead).toBeInstanceOf(GraphError)
    expect(dead.reason).toBe('password-changed')
    await h.server.close()
    h = await scripted({ '/debug_token': { drop: true } })
    const offline = (await rejection(whyMissing(h.client, USER_TOKEN, 'page', '4225'))) as GraphError
    expect(offline.kind).toBe('network')
  })

  it('says "API access blocked." when debug_token does', async () => {
    h = await scripted({ '/debug_token': { status: 400, body: { error: { message: 'API access blocked.', type: 'OAuthException', code: 200 } } } })
    expect((await whyMissing(h.client, USER_TOKEN, 'page', 'Anything')).case).toBe('app-blocked')
  })
})
