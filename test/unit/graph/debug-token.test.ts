import { afterEach, describe, expect, it } from 'vitest'
import { appsecretProof, parseDebugToken } from '../../../main/core/graph'
import type { Harness } from './harness'
import { ADMIN_TOKEN, APP_ID, APP_SECRET, PAGE_TOKEN, USER_TOKEN, graphError, rejection, startHarness } from './harness'

let h: Harness
afterEach(() => h.server.close())

const APP_LITERAL = `${APP_ID}|${APP_SECRET}`
const NO_TOKEN = { status: 400, body: graphError(100, '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app') }
const valid = (id: string) => ({ data: { app_id: APP_ID, type: 'USER', application: 'Desk', expires_at: 0, is_valid: true, scopes: ['ads_read'], user_id: id } })

describe('debugToken', () => {
  it('maps a valid page token, times in milliseconds', async () => {
    h = await startHarness()
    h.server.enqueue({
      body: { data: { app_id: 257422819769992, type: 'PAGE', application: 'Demo', data_access_expires_at: 1676858291, expires_at: 1669086000, is_valid: true, issued_at: 1668750788, profile_id: '103455271248220', scopes: ['pages_show_list'], granular_scopes: [{ scope: 'pages_show_list', target_ids: ['103455271248220'] }, { scope: 'ads_read' }], metadata: { auth_type: 'rerequest' }, user_id: '123' } },
    })
    const info = await h.client.debugToken(PAGE_TOKEN)
    expect(info).toEqual({
      isValid: true, type: 'PAGE', appId: '257422819769992', application: 'Demo', userId: '123', profileId: '103455271248220',
      issuedAt: 1668750788000, expiresAt: 1669086000000, neverExpires: false, dataAccessExpiresAt: 1676858291000,
      scopes: ['pages_show_list'], granularScopes: [{ scope: 'pages_show_list', targetIds: ['103455271248220'] }, { scope: 'ads_read', targetIds: null }],
      metadata: { auth_type: 'rerequest' }, error: null,
    })
    expect(h.server.requests[0]).toMatchObject({ path: '/v27.0/debug_token', query: { input_token: PAGE_TOKEN, access_token: APP_LITERAL } })
  })

  it('returns 200 is_valid:false as data, classified, even the garbage shape', async () => {
    h = await startHarness()
    h.server.enqueue(
      { body: { data: { error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' }, is_valid: false, scopes: [] } } },
      { body: { data: { app_id: APP_ID, type: 'USER', error: { code: 190, message: 'Error validating access token: Session has expired on Wednesday', subcode: 463 }, expires_at: 1668613551, is_valid: false, scopes: [], user_id: '1' } } },
    )
    const garbage = await h.client.debugToken('garbage-token-value')
    expect(garbage).toMatchObject({ isValid: false, type: null, appId: null, userId: null, neverExpires: false, scopes: [] })
    expect(garbage.error).toMatchObject({ kind: 'token-dead', reason: 'invalid', code: 190, subcode: null })
    const expired = await h.client.debugToken(USER_TOKEN)
    expect(expired.error).toMatchObject({ kind: 'token-dead', reason: 'expired', subcode: 463 })
  })

  it('says app tokens and expires_at 0 never expire', () => {
    expect(parseDebugToken({ data: { type: 'APP', is_valid: true, scopes: [] } })?.neverExpires).toBe(true)
    expect(parseDebugToken({ data: { type: 'SYSTEM_USER', expires_at: 0, data_access_expires_at: 0, is_valid: true } })).toMatchObject({ neverExpires: true, expiresAt: null, dataAccessExpiresAt: null })
    expect(parseDebugToken({ nope: 1 })).toBeNull()
  })

  it('throws on a refused checker token when no admin token is known', async () => {
    h = await startHarness()
    h.server.enqueue(NO_TOKEN)
    expect(await rejection(h.client.debugToken(USER_TOKEN))).toMatchObject({ kind: 'configuration', detail: 'no-token', httpStatus: 400 })
  })
})

describe('Native/Desktop fallback', () => {
  it('retries with the admin user token (with its proof) when the app token is refused, then keeps using it', async () => {
    h = await startHarness({ adminUserToken: () => ADMIN_TOKEN })
    h.server.enqueue(NO_TOKEN, { body: valid('1') }, { body: valid('2') })
    expect((await h.client.debugToken(USER_TOKEN)).userId).toBe('1')
    expect((await h.client.debugToken(USER_TOKEN)).userId).toBe('2')
    const [first, second, third] = h.server.requests
    expect(first?.query.access_token).toBe(APP_LITERAL)
    expect(second?.query).toMatchObject({ input_token: USER_TOKEN, access_token: ADMIN_TOKEN, appsecret_proof: appsecretProof(ADMIN_TOKEN, APP_SECRET) })
    expect(third?.query.access_token).toBe(ADMIN_TOKEN)
  })

  it('goes straight to the admin token when the app type is known to be Native/Desktop', async () => {
    h = await startHarness({ appType: 'native-desktop', adminUserToken: () => ADMIN_TOKEN })
    h.server.enqueue({ body: valid('1') })
    await h.client.debugToken(USER_TOKEN)
    expect(h.server.requests.map((r) => r.query.access_token)).toEqual([ADMIN_TOKEN])
  })

  it('falls back for batched checks when the items are refused', async () => {
    h = await startHarness({ adminUserToken: () => ADMIN_TOKEN })
    const refusedItem = { code: 400, body: JSON.stringify(NO_TOKEN.body) }
    h.server.enqueue({ body: [refusedItem, refusedItem] }, { body: [{ code: 200, body: JSON.stringify(valid('a')) }, { code: 200, body: JSON.stringify(valid('b')) }] })
    const outcomes = await h.client.debugTokens([USER_TOKEN, PAGE_TOKEN])
    expect(outcomes.map((o) => o.ok && o.info.userId)).toEqual(['a', 'b'])
    expect(h.server.requests.map((r) => r.body.access_token)).toEqual([APP_LITERAL, ADMIN_TOKEN])
    expect(h.server.requests[1]?.body.appsecret_proof).toBe(appsecretProof(ADMIN_TOKEN, APP_SECRET))
  })
})

describe('debugTokens', () => {
  it('checks 120 tokens in batches of 50, 50 and 20, in input order, retrying null items', async () => {
    h = await startHarness()
    const tokens = Array.from({ length: 120 }, (_, i) => `EAAGtoken${String(i).padStart(3, '0')}XXXXXXXXXXXX`)
    let nulled = false
    h.server.otherwise((request) => {
      const items = JSON.parse(String(request.body.batch)) as { relative_url: string }[]
      return {
        body: items.map((item, i) => {
          // The first batch loses its third item once, as Graph does when an item times out.
          if (!nulled && i === 2) {
            nulled = true
            return null
          }
          const input = new URL(item.relative_url, 'http://x/').searchParams.get('input_token') ?? ''
          return { code: 200, body: JSON.stringify(valid(input.slice(9, 12))) }
        }),
      }
    })
    const outcomes = await h.client.debugTokens(tokens)
    expect(outcomes.map((o) => (o.ok ? o.info.userId : 'failed'))).toEqual(tokens.map((_, i) => String(i).padStart(3, '0')))
    const sizes = h.server.requests.map((r) => (JSON.parse(String(r.body.batch)) as unknown[]).length)
    expect(sizes).toEqual([50, 1, 50, 20])
    expect(h.waits).toEqual([500])
    expect(h.server.requests.every((r) => r.body.include_headers === 'false' && r.body.access_token === APP_LITERAL)).toBe(true)
  })
})
