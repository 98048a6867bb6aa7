/**
 * The Graph client's doctor and missing-asset calls against scripted answers, with the quoted
 * responses of graph-api-doctor.md as fixtures, read defensively where their shape is not confirmed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { GraphError, classifyGraphError } from '../../../main/core/graph'
import { versionSeen } from '../../../main/core/graph/version-seen'
import { APP_ID, APP_SECRET, NOW, USER_TOKEN, graphError, rejection, startHarness, type Harness } from './harness'

let h: Harness | null = null
afterEach(async () => {
  await h?.server.close()
  h = null
})

describe('the app node, roles and approved permissions', () => {
  it('reads the Application node with the app token and no proof', async () => {
    h = await startHarness()
    // The real default answer (graph-api-doctor.md §1.1).
    h.server.enqueue({ body: { category: 'Business', link: 'https://www.facebook.com/games/?app_id=679718078830731', name: '\u7c4c\u78bcK\u7dda', namespace: 'cmoneychipk', id: '679718078830731' } })
    const node = await h.client.appNode(['id', 'name', 'category'])
    expect(node).toMatchObject({ category: 'Business', id: '679718078830731' })
    expect(h.server.requests[0]).toMatchObject({ path: `/v27.0/${APP_ID}`, query: { fields: 'id,name,category', access_token: `${APP_ID}|${APP_SECRET}` } })
    expect(h.server.requests[0]!.query).not.toHaveProperty('appsecret_proof')
  })

  it('reads roles from the capture (no app_id, "insights") and from the fixture (with app_id)', async () => {
    h = await startHarness()
    h.server.enqueue({ body: { data: [{ user: '1182', role: 'administrators' }, { user: '4195', role: 'developers' }, { user: '2498', role: 'insights' }, { role: 'testers' }, 'junk'] } })
    expect(await h.client.appRoles()).toEqual([
      { user: '1182', role: 'administrators', appId: null },
      { user: '4195', role: 'developers', appId: null },
      { user: '2498', role: 'insights', appId: null },
    ])
    h.server.enqueue({ body: { data: [{ app_id: '1032633966817570', user: '245389629168802', role: 'administrators' }] } })
    expect(await h.client.appRoles()).toEqual([{ user: '245389629168802', role: 'administrators', appId: '1032633966817570' }])
  })

  it('reads approved permissions in either shape it might come in, dropping rows it cannot read', async () => {
    h = await startHarness()
    h.server.enqueue({ body: { data: [{ permission: 'ads_read', status: 'live' }, { name: 'ads_management', review_status: 'unapproved' }, { permission: 'email' }, { status: 'live' }] } })
    expect(await h.client.appPermissions()).toEqual([
      { permission: 'ads_read', status: 'live' },
      { permission: 'ads_management', status: 'unapproved' },
      { permission: 'email', status: null },
    ])
  })

  it('sends the "Require App Secret" probe without appsecret_proof, and passes on the refusal', async () => {
    h = await startHarness()
    h.server.enqueue({ status: 400, body: { error: { message: 'API calls from the server require an appsecret_proof argument', type: 'GraphMethodException', code: 100 } } })
    const error = await rejection(h.client.callWithoutProof(USER_TOKEN))
    expect(error).toBeInstanceOf(GraphError)
    expect((error as GraphError).detail).toBe('proof-required')
    expect(h.server.requests[0]!.query).toEqual({ fields: 'id', access_token: USER_TOKEN })
  })
})

describe('business and asset calls', () => {
  it('lists businesses, their Pages and ad accounts, and reads nodes by id', async () => {
    h = await startHarness()
    h.server.enqueue(
      { body: { data: [{ id: '123456789', name: 'App', link: 'https://www.facebook.com/123456789', verification_status: 'verified' }] } },
      { body: { data: [{ id: '11', name: 'Owned Page' }, { name: 'no id' }] } },
      { body: { data: [{ id: 'act_1234567890', account_id: '1234567890', name: 'Main', account_status: 1, disable_reason: 0, business: { id: '111', name: 'My Biz' } }] } },
      { body: { id: '4225', name: 'Cisco Dog Page', tasks: ['ANALYZE'] } },
      { body: { id: '4226', name: 'Public Page' } },
      { body: { id: 'act_99', name: 'Closed', account_status: 101, disable_reason: 7 } },
    )
    expect(await h.client.businesses(USER_TOKEN)).toEqual([{ id: '123456789', name: 'App' }])
    expect(await h.client.businessPages(USER_TOKEN, '123456789', 'owned_pages')).toEqual([{ id: '11', name: 'Owned Page' }])
    expect(await h.client.businessAdAccounts(USER_TOKEN, '123456789', 'client_ad_accounts')).toEqual([
      { id: 'act_1234567890', accountId: '1234567890', name: 'Main', accountStatus: 1, disableReason: 0, business: { id: '111', name: 'My Biz' } },
    ])
    expect(await h.client.pageNode(USER_TOKEN, '4225')).toEqual({ id: '4225', name: 'Cisco Dog Page', tasks: ['ANALYZE'] })
    expect(await h.client.pageNode(USER_TOKEN, '4226')).toEqual({ id: '4226', name: 'Public Page', tasks: null })
    expect(await h.client.adAccountNode(USER_TOKEN, '99')).toMatchObject({ id: 'act_99', accountId: '99', accountStatus: 101, disableReason: 7 })
    expect(h.server.requests.map((r) => r.path)).toEqual([
      '/v27.0/me/businesses', '/v27.0/123456789/owned_pages', '/v27.0/123456789/client_ad_accounts', '/v27.0/4225', '/v27.0/4226', '/v27.0/act_99',
    ])
  })
})

describe('app-level errors, wherever they appear (graph-api-doctor.md §1.7)', () => {
  it('reads "API access blocked." as the app, never as the token or a permission', () => {
    for (const body of [{ error: { message: 'API access blocked.', type: 'OAuthException', code: 200 } }, graphError(200, 'API access blocked.', { fbtrace_id: 'x' })]) {
      const info = classifyGraphError(body, 400)
      expect(info).toMatchObject({ kind: 'configuration', detail: 'app-blocked', code: 200 })
      expect(info.reason).toBeUndefined()
      expect(info.message).toMatch(/blocked this app’s API access/)
    }
    expect(classifyGraphError(graphError(200, "(#200) The user hasn't authorized the application to perform this action"), 400).kind).toBe('permission')
  })

  it('reads the IP allow-list refusal', () => {
    expect(classifyGraphError(graphError(5, '(#5) Unauthorized source IP address'), 400)).toMatchObject({ kind: 'configuration', detail: 'ip-not-allowed' })
  })

  it('calls a wrong secret a wrong secret and says where to copy it', () => {
    const info = classifyGraphError(graphError(1, 'Error validating client secret.'), 400)
    expect(info.message).toBe('Facebook rejected the App Secret: it is wrong.')
    expect(info.action).toMatch(/App settings > Basic > App secret/)
  })

  it('explains 2635 with the latest version Facebook names, and an unknown path as a version problem', () => {
    const deprecated = classifyGraphError(graphError(2635, '(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: v25.0.'), 400, undefined, NOW)
    expect(deprecated.message).toMatch(/error 2635.*Use v25\.0\.$/)
    const unknown = classifyGraphError(graphError(2500, 'Unknown path components: /me'), 400, undefined, NOW)
    expect(unknown).toMatchObject({ detail: 'unknown-path' })
    expect(unknown.message).toMatch(/API version may not exist/)
  })
})

describe('debug_token refused as if no token was sent', () => {
  const noToken = { status: 400, body: graphError(100, '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app') }

  it('is a wrong secret when the same secret cannot get an app token', async () => {
    h = await startHarness()
    h.server.enqueue(noToken, { status: 400, body: graphError(1, 'Error validating client secret.') })
    const error = (await rejection(h.client.debugToken(USER_TOKEN))) as GraphError
    expect([error.kind, error.detail]).toEqual(['configuration', 'wrong-secret'])
    expect(error.message).not.toMatch(/Native/)
    expect(h.server.requests[1]).toMatchObject({ path: '/v27.0/oauth/access_token', query: { grant_type: 'client_credentials' } })
  })

  it('is Native/Desktop only when the secret is right', async () => {
    h = await startHarness()
    h.server.enqueue(noToken, { body: { access_token: `${APP_ID}|abc`, token_type: 'bearer' } })
    const error = (await rejection(h.client.debugToken(USER_TOKEN))) as GraphError
    expect([error.kind, error.detail]).toEqual(['configuration', 'native-desktop'])
    expect(error.message).toMatch(/App Secret is right/)
    expect(error.action).toMatch(/Native or desktop app/)
  })

  it('keeps the original answer when the probe itself could not reach Facebook', async () => {
    h = await startHarness({ retry: { maxAttempts: 1 } })
    h.server.enqueue(noToken, { drop: true })
    const error = (await rejection(h.client.debugToken(USER_TOKEN))) as GraphError
    expect(error.detail).toBe('no-token')
  })
})

describe('version headers', () => {
  it('records what was asked, what served it and any ads warning', async () => {
    h = await startHarness()
    const seen: unknown[] = []
    h.client.onVersion((v) => seen.push(v))
    h.server.enqueue(
      { headers: { 'facebook-api-version': 'v27.0' }, body: { id: '1' } },
      { headers: { 'facebook-api-version': 'v27.0', 'x-ad-api-version-warning': 'The call has been auto-upgraded to v27.0 as v26.0 has been deprecated.' }, body: { data: [] } },
    )
    await h.client.me(USER_TOKEN)
    await h.client.adAccounts(USER_TOKEN)
    expect(seen).toHaveLength(2)
    expect(h.client.versions()).toMatchObject({
      graph: { requested: 'v27.0', served: 'v27.0', adsCall: true },
      ads: { adWarning: 'The call has been auto-upgraded to v27.0 as v26.0 has been deprecated.', adsCall: true, at: NOW },
    })
  })

  it('reads the asked version from the URL and tells ads paths from others', () => {
    const headers = { 'facebook-api-version': 'v25.0' }
    expect(versionSeen(headers, new URL('https://graph.facebook.com/v23.0/act_12/insights'), 1)).toEqual({ requested: 'v23.0', served: 'v25.0', adWarning: null, adsCall: true, at: 1 })
    expect(versionSeen(headers, new URL('https://graph.facebook.com/v2.12/me/accounts'), 1)).toMatchObject({ requested: 'v2.12', adsCall: false })
    expect(versionSeen(headers, new URL('https://graph.facebook.com/me'), 1)).toMatchObject({ requested: null })
    expect(versionSeen({}, new URL('https://graph.facebook.com/v23.0/me'), 1)).toBeUndefined()
  })
})
