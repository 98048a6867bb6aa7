import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, appToken, call, callAs, dataOf, debug, errorOf, hmac, start, type GraphReply } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start({ pageCount: 4 })
})
afterEach(() => sb.close())

interface Listing {
  data: Record<string, unknown>[]
  paging?: { next?: string; previous?: string; cursors?: { before: string; after: string } }
}
const listing = (reply: GraphReply): Listing => reply.json as Listing

/** Follows paging.next until it is absent, as the client must; returns every response. */
async function follow(first: GraphReply, token: string): Promise<Listing[]> {
  const pages = [listing(first)]
  for (let next = pages[0]!.paging?.next; next !== undefined; next = pages[pages.length - 1]!.paging?.next) {
    const url = new URL(next)
    url.searchParams.set('appsecret_proof', hmac(sb.practiceApp.secret, token))
    const res = await fetch(url)
    expect(res.status).toBe(200)
    pages.push((await res.json()) as Listing)
    if (pages.length > 20) throw new Error('paging does not end')
  }
  return pages
}

describe('GET /me', () => {
  it('answers id and name, honours fields, refuses unknown fields', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    expect((await callAs(sb, token, `/${V}/me`)).json).toEqual({ name: 'Pat Practice', id: sb.practiceUser.id })
    expect((await callAs(sb, token, `/${V}/me`, { fields: 'id' })).json).toEqual({ id: sb.practiceUser.id })
    expect(errorOf(await callAs(sb, token, `/${V}/me`, { fields: 'email2' }))).toMatchObject({ code: 100 })
  })

  it('answers a system-user token with the system user, a page token with the page', async () => {
    expect((await callAs(sb, sb.issueToken({ kind: 'SYSTEM_USER' }), `/${V}/me`)).json).toEqual(sb.systemUser)
    const page = sb.pages[1]!
    expect((await callAs(sb, sb.issueToken({ kind: 'PAGE', pageId: page.id }), `/${V}/me`)).json).toEqual({ name: page.name, id: page.id })
  })

  it('answers no token on /me with 2500 and elsewhere with 104', async () => {
    expect(errorOf(await call(sb, `/${V}/me`)).code).toBe(2500)
    expect(errorOf(await call(sb, `/${V}/${sb.pages[0]!.id}`)).code).toBe(104)
  })

  it('answers a garbage token with 190 and no subcode', async () => {
    const reply = await call(sb, `/${V}/me`, { access_token: 'EAAthis-was-never-issued' })
    expect(reply.status).toBe(400)
    expect(errorOf(reply)).toMatchObject({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' })
    expect(errorOf(reply)).not.toHaveProperty('error_subcode')
    expect(reply.headers.get('www-authenticate')).toBe(
      'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"',
    )
  })

  it('ignores an Authorization header unless bearer tokens are switched on', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const headers = { authorization: `Bearer ${token}` }
    expect(errorOf(await call(sb, `/${V}/me`, {}, { headers })).code).toBe(2500)
    sb.controls.setBehaviour({ acceptBearerHeader: true })
    expect((await call(sb, `/${V}/me`, {}, { headers })).status).toBe(200)
  })

  it('says Unsupported get request for an unknown object', async () => {
    const reply = await callAs(sb, sb.issueToken({ kind: 'USER' }), `/${V}/12345`)
    expect(errorOf(reply)).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' })
  })
})

describe('GET /me/accounts', () => {
  it('lists pages with the default fields and page tokens that never expire from a long-lived token', async () => {
    const token = sb.issueToken({ kind: 'USER', lifetime: 'long' })
    const body = listing(await callAs(sb, token, `/${V}/me/accounts`))
    expect(body.data).toHaveLength(4)
    const first = body.data[0]!
    expect(Object.keys(first)).toEqual(['access_token', 'category', 'category_list', 'name', 'id', 'tasks'])
    expect(first).toMatchObject({ id: sb.pages[0]!.id, category: 'Bakery', tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'] })
    expect(body.paging?.next).toBeUndefined()
    const info = sb.tokenInfo(first.access_token as string)!
    expect(info).toMatchObject({ kind: 'PAGE', profileId: sb.pages[0]!.id, expiresAt: 0 })
    // The same user token gets the same page token back.
    expect(listing(await callAs(sb, token, `/${V}/me/accounts`)).data[0]!.access_token).toBe(first.access_token)
  })

  it('gives 1-hour page tokens from a short-lived user token', async () => {
    const token = sb.issueToken({ kind: 'USER', lifetime: 'short' })
    const page = listing(await callAs(sb, token, `/${V}/me/accounts`, { fields: 'access_token' })).data[0]!
    expect(page).toEqual({ access_token: page.access_token, id: sb.pages[0]!.id })
    const pageToken = page.access_token as string
    expect(sb.tokenInfo(pageToken)!.expiresAt).toBe(Math.floor(sb.clock.now() / 1000) + 3600)
    sb.clock.advance(3600_000)
    expect(errorOf(await callAs(sb, pageToken, `/${V}/me`)).error_subcode).toBe(463)
  })

  it('pages across four responses with an empty middle page that still carries next', async () => {
    sb.controls.setEmptyPage('accounts', 1)
    const token = sb.issueToken({ kind: 'USER' })
    const pages = await follow(await callAs(sb, token, `/${V}/me/accounts`, { limit: '2', fields: 'id,name' }), token)
    expect(pages.map((p) => p.data.length)).toEqual([2, 0, 2])
    expect(pages[1]!.paging?.next).toMatch(new RegExp(`^${sb.graphUrl}/${V}/me/accounts\\?`))
    expect(pages.flatMap((p) => p.data.map((d) => d.id))).toEqual(sb.pages.map((p) => p.id))
    expect(pages[2]!.paging?.previous).toBeDefined()
  })

  it('pages one by one across 3+ pages, and links keep fields but drop the proof', async () => {
    sb.controls.setEmptyPage('accounts', 2)
    const token = sb.issueToken({ kind: 'USER' })
    const first = await callAs(sb, token, `/${V}/me/accounts`, { limit: '1', fields: 'name' })
    const next = new URL(listing(first).paging!.next!)
    expect(next.searchParams.get('fields')).toBe('name')
    expect(next.searchParams.get('appsecret_proof')).toBeNull()
    const pages = await follow(first, token)
    expect(pages.map((p) => p.data.length)).toEqual([1, 1, 0, 1, 1])
  })

  it('refuses a cursor beyond the list with the real message', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const after = Buffer.from('1:99').toString('base64url')
    expect(errorOf(await callAs(sb, token, `/${V}/me/accounts`, { after })).message).toBe(
      '(#100) The After Cursor specified exceeds the max limit supported by this endpoint',
    )
  })

  it('needs pages_show_list', async () => {
    const token = sb.issueToken({ kind: 'USER', scopes: ['public_profile', 'ads_read'] })
    expect(errorOf(await callAs(sb, token, `/${V}/me/accounts`)).code).toBe(200)
    sb.controls.setBehaviour({ missingPermission: 'empty' })
    expect(listing(await callAs(sb, token, `/${V}/me/accounts`)).data).toEqual([])
  })
})

describe('GET /{page-id}?fields=access_token', () => {
  it('answers the page token and id', async () => {
    const token = sb.issueToken({ kind: 'USER', lifetime: 'long' })
    const page = sb.pages[2]!
    const body = (await callAs(sb, token, `/${V}/${page.id}`, { fields: 'access_token' })).json as { access_token: string; id: string }
    expect(body.id).toBe(page.id)
    expect(sb.tokenInfo(body.access_token)).toMatchObject({ kind: 'PAGE', profileId: page.id, expiresAt: 0 })
  })

  it('refuses once the role on the page is gone, and old page tokens die with 492', async () => {
    const token = sb.issueToken({ kind: 'USER', lifetime: 'long' })
    const page = sb.pages[0]!
    const pageToken = ((await callAs(sb, token, `/${V}/${page.id}`, { fields: 'access_token' })).json as { access_token: string }).access_token
    sb.controls.removePageRole(sb.practiceUser.id, page.id)
    expect(errorOf(await callAs(sb, token, `/${V}/${page.id}`, { fields: 'access_token' })).error_subcode).toBe(33)
    expect(errorOf(await callAs(sb, pageToken, `/${V}/me`))).toMatchObject({ code: 190, error_subcode: 492 })
    const listed = listing(await callAs(sb, token, `/${V}/me/accounts`)).data.map((p) => p.id)
    expect(listed).not.toContain(page.id)
    expect(listed).toHaveLength(3)
  })
})

describe('/me/permissions', () => {
  it('lists granted and declined permissions', async () => {
    const location = await sb.consent(
      `${sb.wwwUrl}/${V}/dialog/oauth?client_id=${sb.practiceApp.id}&redirect_uri=${encodeURIComponent(sb.practiceApp.redirectUris[0]!)}&state=s&response_type=token&scope=ads_read,pages_show_list`,
      { decline: ['ads_read'] },
    )
    const token = new URLSearchParams(new URL(location).hash.slice(1)).get('access_token')!
    expect((await callAs(sb, token, `/${V}/me/permissions`)).json).toEqual({
      data: [
        { permission: 'public_profile', status: 'granted' },
        { permission: 'pages_show_list', status: 'granted' },
        { permission: 'ads_read', status: 'declined' },
      ],
    })
    expect((await callAs(sb, token, `/${V}/me/permissions/ads_read`)).json).toEqual({ data: [{ permission: 'ads_read', status: 'declined' }] })
  })

  it('DELETE of one permission answers true and leaves the token valid with one fewer scope', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const reply = await callAs(sb, token, `/${V}/me/permissions/ads_read`, {}, 'DELETE')
    expect(reply.json).toBe(true)
    const data = dataOf(await debug(sb, token))
    expect(data.is_valid).toBe(true)
    expect(data.scopes).not.toContain('ads_read')
  })

  it('DELETE of all answers true and kills every token of the person for the app with 466', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const other = sb.issueToken({ kind: 'USER' })
    expect((await callAs(sb, token, `/${V}/me/permissions`, {}, 'DELETE')).json).toBe(true)
    const data = dataOf(await debug(sb, other))
    expect(data.is_valid).toBe(false)
    expect(data.error).toMatchObject({ code: 190, subcode: 466, message: 'Error validating access token: The session was invalidated explicitly using an API call.' })
    expect(data.scopes).toEqual([])
  })

  it('accepts an app token on /{user-id}/permissions, and answers {success:true} when so configured', async () => {
    sb.issueToken({ kind: 'USER' })
    sb.controls.setBehaviour({ deleteAnswer: 'success-object' })
    const reply = await call(sb, `/${V}/${sb.practiceUser.id}/permissions/ads_read`, { access_token: appToken(sb) }, { method: 'DELETE' })
    expect(reply.json).toEqual({ success: true })
  })
})

describe('GET /me/adaccounts', () => {
  it('lists ad accounts with act_ ids and the access tier in the usage headers', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const reply = await callAs(sb, token, `/${V}/me/adaccounts`, { fields: 'account_id,id,name,account_status' })
    const body = listing(reply)
    expect(body.data).toHaveLength(7)
    for (const [i, account] of body.data.entries()) {
      expect(account.id).toBe(`act_${account.account_id as string}`)
      expect(account.account_id).toBe(sb.adAccounts[i]!.accountId)
      expect(typeof account.account_status).toBe('number')
    }
    expect(JSON.parse(reply.headers.get('x-ad-account-usage')!)).toMatchObject({ ads_api_access_tier: 'development_access' })
    const buc = JSON.parse(reply.headers.get('x-business-use-case-usage')!) as Record<string, { ads_api_access_tier: string }[]>
    expect(Object.values(buc)[0]![0]!.ads_api_access_tier).toBe('development_access')
    sb.controls.setAccessTier('standard_access')
    sb.controls.setUsage({ adAccountPct: 42.5 })
    const later = await callAs(sb, token, `/${V}/me/adaccounts`)
    expect(JSON.parse(later.headers.get('x-ad-account-usage')!)).toMatchObject({ acc_id_util_pct: 42.5, ads_api_access_tier: 'standard_access' })
    expect(Object.keys(listing(later).data[0]!)).toEqual(['account_id', 'id'])
  })

  it('pages ad accounts with an empty middle page', async () => {
    sb.controls.setEmptyPage('adaccounts', 1)
    const token = sb.issueToken({ kind: 'SYSTEM_USER' })
    const pages = await follow(await callAs(sb, token, `/${V}/me/adaccounts`, { limit: '3' }), token)
    expect(pages.map((p) => p.data.length)).toEqual([3, 0, 3, 1])
  })

  it('needs ads_read or ads_management', async () => {
    const token = sb.issueToken({ kind: 'USER', scopes: ['public_profile'] })
    expect(errorOf(await callAs(sb, token, `/${V}/me/adaccounts`)).code).toBe(200)
  })

  it('sends x-app-usage once usage is set', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    expect((await callAs(sb, token, `/${V}/me`)).headers.get('x-app-usage')).toBeNull()
    sb.controls.setUsage({ appCallCount: 85 })
    expect(JSON.parse((await callAs(sb, token, `/${V}/me`)).headers.get('x-app-usage')!)).toEqual({ call_count: 85, total_time: 85, total_cputime: 85 })
  })
})
