/**
 * Every node the sandbox declares, over real HTTP: each listed field served, an unknown field
 * refused with Graph's exact error shape, and permission-gated fields left out or refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, appToken, call, callAs, errorOf, hmac, start, type GraphReply } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start({ pageCount: 4 })
})
afterEach(() => sb.close())

const body = (reply: GraphReply): Record<string, unknown> => {
  expect(reply.status).toBe(200)
  return reply.json as Record<string, unknown>
}

/** The whole error as Graph sends it: status 400, the exact JSON keys, the WWW-Authenticate header. */
function expectGraphError(reply: GraphReply, code: number, message: string, kind = 'invalid_request'): void {
  expect(reply.status).toBe(400)
  expect(reply.json).toEqual({ error: { message, type: 'OAuthException', code, fbtrace_id: expect.stringMatching(/^[\w-]{11}$/) as string } })
  expect(reply.headers.get('www-authenticate')).toBe(`OAuth "Facebook Platform" "${kind}" "${message}"`)
  expect(reply.headers.get('content-type')).toBe('application/json; charset=UTF-8')
}

const nonexisting = (field: string, type: string): string => `(#100) Tried accessing nonexisting field (${field}) on node type (${type})`

const USER_FIELDS = 'id,name,first_name,last_name,middle_name,short_name,name_format,picture,email'

describe('User', () => {
  it('serves every listed field; email only with the email permission, middle_name only when there is one', async () => {
    const token = sb.issueToken({ kind: 'USER', scopes: ['public_profile', 'email'] })
    const me = body(await callAs(sb, token, `/${V}/me`, { fields: USER_FIELDS }))
    expect(me).toEqual({
      id: sb.practiceUser.id,
      name: 'Pat Practice',
      first_name: 'Pat',
      last_name: 'Practice',
      short_name: 'Pat',
      name_format: '{first} {last}',
      picture: { data: { height: 50, is_silhouette: false, url: expect.stringContaining(`${sb.wwwUrl}/platform/profilepic/?asid=${sb.practiceUser.id}`) as string, width: 50 } },
      email: 'pat.practice@example.com',
    })
    expect(Object.keys(me)).toEqual(['id', 'name', 'first_name', 'last_name', 'short_name', 'name_format', 'picture', 'email'])
  })

  it('leaves email out silently without the permission, as Graph does', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    expect(sb.tokenInfo(token)!.scopes).not.toContain('email')
    const me = body(await callAs(sb, token, `/${V}/me`, { fields: 'id,email,first_name' }))
    expect(me).toEqual({ id: sb.practiceUser.id, first_name: 'Pat' })
  })

  it('refuses an unknown field with the exact Graph error', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    expectGraphError(await callAs(sb, token, `/${V}/me`, { fields: 'id,last_name,favourite_colour' }), 100, nonexisting('favourite_colour', 'User'))
    // Names of Object.prototype are fields like any other: unknown.
    expectGraphError(await callAs(sb, token, `/${V}/me`, { fields: 'constructor' }), 100, nonexisting('constructor', 'User'))
  })

  it('expands picture with modifiers and sub-fields, and its URL answers with an image', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const me = body(await callAs(sb, token, `/${V}/me`, { fields: 'picture.type(large){url,width}' }))
    const picture = me.picture as { data: { url: string; width: number } }
    expect(Object.keys(picture.data)).toEqual(['url', 'width'])
    expect(picture.data.width).toBe(200)
    const image = await fetch(picture.data.url)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/svg+xml')
    expect(await image.text()).toContain('>PP</text>')
    expectGraphError(await callAs(sb, token, `/${V}/me`, { fields: 'picture{url,colour}' }), 100, nonexisting('colour', 'ProfilePictureSource'))
  })

  it('refuses sub-fields on a plain field', async () => {
    const reply = await callAs(sb, sb.issueToken({ kind: 'USER' }), `/${V}/me`, { fields: 'name{first}' })
    expect(errorOf(reply)).toMatchObject({ code: 100, message: '(#100) The field (name) on node type (User) has no sub-fields' })
  })

  it('reads another user by id with public fields only: no email even with the permission', async () => {
    const system = sb.issueToken({ kind: 'SYSTEM_USER', scopes: ['email', 'ads_read'] })
    const other = body(await callAs(sb, system, `/${V}/${sb.practiceUser.id}`, { fields: 'name,email' }))
    expect(other).toEqual({ name: 'Pat Practice', id: sb.practiceUser.id })
  })
})

describe('SystemUser', () => {
  it('is the node type of /me for a system-user token, with its own field list', async () => {
    const token = sb.issueToken({ kind: 'SYSTEM_USER' })
    expect(body(await callAs(sb, token, `/${V}/me`, { fields: 'id,name' }))).toEqual(sb.systemUser)
    expectGraphError(await callAs(sb, token, `/${V}/me`, { fields: 'first_name' }), 100, nonexisting('first_name', 'SystemUser'))
  })
})

const PAGE_FIELDS = 'id,name,category,category_list,tasks,access_token,link,fan_count,picture'

describe('Page', () => {
  it('serves every listed field', async () => {
    const token = sb.issueToken({ kind: 'USER', lifetime: 'long' })
    const page = sb.pages[0]!
    const read = body(await callAs(sb, token, `/${V}/${page.id}`, { fields: PAGE_FIELDS }))
    expect(read).toEqual({
      id: page.id,
      name: 'Practice Bakery',
      category: 'Bakery',
      category_list: [{ id: '197048876974495', name: 'Bakery' }],
      tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
      access_token: expect.stringMatching(/^EAA/) as string,
      link: `${sb.wwwUrl}/${page.id}`,
      fan_count: expect.any(Number) as number,
      picture: { data: expect.objectContaining({ url: expect.stringContaining(`asid=${page.id}`) as string }) as object },
    })
    expect(sb.tokenInfo(read.access_token as string)).toMatchObject({ kind: 'PAGE', profileId: page.id, expiresAt: 0 })
    // The count is stable: a script comparing two reads sees no phantom change.
    expect(body(await callAs(sb, token, `/${V}/${page.id}`, { fields: 'fan_count' })).fan_count).toBe(read.fan_count)
    expect(body(await callAs(sb, token, `/${V}/${page.id}`, { fields: 'category_list{name}' })).category_list).toEqual([{ name: 'Bakery', id: '197048876974495' }])
  })

  it('serves the same node to its own page token through /me', async () => {
    const token = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[1]!.id })
    expect(body(await callAs(sb, token, `/${V}/me`, { fields: 'name,category,access_token' }))).toEqual({
      name: 'Practice Bike Shop',
      category: 'Bicycle Shop',
      access_token: token,
      id: sb.pages[1]!.id,
    })
  })

  it('refuses an unknown field, and an edge a Page does not have, with the exact Graph error', async () => {
    const user = sb.issueToken({ kind: 'USER' })
    expectGraphError(await callAs(sb, user, `/${V}/${sb.pages[0]!.id}`, { fields: 'name,likes_count' }), 100, nonexisting('likes_count', 'Page'))
    // The real answer to the classic mistake: a page token on /me/accounts.
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id })
    expectGraphError(await callAs(sb, page, `/${V}/me/accounts`), 100, nonexisting('accounts', 'Page'))
  })

  it('refuses fan_count without pages_read_engagement with the real (#10)', async () => {
    const token = sb.issueToken({ kind: 'USER', scopes: ['public_profile', 'pages_show_list'] })
    expect(body(await callAs(sb, token, `/${V}/${sb.pages[0]!.id}`, { fields: 'name,link' })).name).toBe('Practice Bakery')
    expectGraphError(
      await callAs(sb, token, `/${V}/${sb.pages[0]!.id}`, { fields: 'name,fan_count' }),
      10,
      "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature. Refer to https://developers.facebook.com/docs/apps/review/login-permissions#manage-pages and https://developers.facebook.com/docs/apps/review/feature#reference-PAGES_ACCESS for details.",
    )
  })

  it('refuses access_token to someone without a role on the Page', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    sb.controls.removePageRole(sb.practiceUser.id, sb.pages[3]!.id)
    expect(body(await callAs(sb, token, `/${V}/${sb.pages[3]!.id}`, { fields: 'name' })).name).toBe('Practice Coffee Cart')
    expect(errorOf(await callAs(sb, token, `/${V}/${sb.pages[3]!.id}`, { fields: 'access_token' }))).toMatchObject({ code: 100, error_subcode: 33 })
  })
})

const AD_ACCOUNT_FIELDS = 'id,account_id,name,account_status,disable_reason,currency,timezone_name,amount_spent,business'

describe('AdAccount', () => {
  it('serves every listed field, business expanded to the owning Business', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const account = sb.adAccounts[3]!
    const reply = await callAs(sb, token, `/${V}/${account.id}`, { fields: AD_ACCOUNT_FIELDS })
    expect(body(reply)).toEqual({
      id: `act_${account.accountId}`,
      account_id: account.accountId,
      name: 'Practice Ad Account 4',
      account_status: 2,
      disable_reason: 1,
      currency: 'USD',
      timezone_name: 'America/Los_Angeles',
      amount_spent: expect.stringMatching(/^\d+$/) as string,
      business: { id: sb.businesses[0]!.id, name: 'Practice Business' },
    })
    // A Marketing API call: the usage headers carry the access tier.
    expect(JSON.parse(reply.headers.get('x-ad-account-usage')!)).toMatchObject({ ads_api_access_tier: 'development_access' })
    expect(body(await callAs(sb, token, `/${V}/${account.id}`))).toEqual({ account_id: account.accountId, id: account.id })
    expect(body(await callAs(sb, token, `/${V}/${sb.adAccounts[0]!.id}`, { fields: 'disable_reason,business{name}' }))).toEqual({
      disable_reason: 0,
      business: { name: 'Practice Business', id: sb.businesses[0]!.id },
      id: sb.adAccounts[0]!.id,
    })
  })

  it('refuses an unknown field with the exact Graph error', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    expectGraphError(await callAs(sb, token, `/${V}/${sb.adAccounts[0]!.id}`, { fields: 'name,spend_cap_eur' }), 100, nonexisting('spend_cap_eur', 'AdAccount'))
  })

  it('answers the real #200 without ads_read or ads_management, and to a page token', async () => {
    const message = '(#200) Ad account owner has NOT grant ads_management or ads_read permission'
    const token = sb.issueToken({ kind: 'USER', scopes: ['public_profile', 'pages_show_list'] })
    expectGraphError(await callAs(sb, token, `/${V}/${sb.adAccounts[0]!.id}`, { fields: 'name' }), 200, message)
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id })
    expectGraphError(await callAs(sb, page, `/${V}/${sb.adAccounts[0]!.id}`), 200, message)
  })

  it('answers Unsupported get request for an account nobody gave access to', async () => {
    const reply = await callAs(sb, sb.issueToken({ kind: 'USER' }), `/${V}/act_1234`)
    expect(errorOf(reply)).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' })
    expect(errorOf(reply).message).toContain("Object with ID 'act_1234' does not exist")
  })
})

describe('Business', () => {
  it('serves every listed field to an admin with business_management', async () => {
    const business = sb.businesses[0]!
    const token = sb.issueToken({ kind: 'USER' })
    expect(body(await callAs(sb, token, `/${V}/${business.id}`))).toEqual({ id: business.id, name: 'Practice Business' })
    expect(body(await callAs(sb, token, `/${V}/${business.id}`, { fields: 'name' }))).toEqual({ name: 'Practice Business', id: business.id })
    expect(body(await callAs(sb, sb.issueToken({ kind: 'SYSTEM_USER' }), `/${V}/${business.id}`, { fields: 'id,name' }))).toEqual(business)
  })

  it('refuses an unknown field, and a token without business_management with the real #200', async () => {
    const business = sb.businesses[0]!
    expectGraphError(await callAs(sb, sb.issueToken({ kind: 'USER' }), `/${V}/${business.id}`, { fields: 'name,vat_id' }), 100, nonexisting('vat_id', 'Business'))
    const token = sb.issueToken({ kind: 'USER', scopes: ['public_profile', 'ads_read'] })
    expectGraphError(await callAs(sb, token, `/${V}/${business.id}`), 200, '(#200) Requires business_management permission to manage the object')
  })

  it('is not readable with a page token', async () => {
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id })
    expect(errorOf(await callAs(sb, page, `/${V}/${sb.businesses[0]!.id}`))).toMatchObject({ code: 100, error_subcode: 33 })
  })
})

describe('Application', () => {
  it('serves every listed field to an app token and to a user token', async () => {
    const app = sb.practiceApp
    const expected = { category: 'Business', link: `${sb.wwwUrl}/games/?app_id=${app.id}`, name: 'Token Desk Practice', id: app.id }
    const byApp = await call(sb, `/${V}/${app.id}`, { access_token: appToken(sb) })
    expect(body(byApp)).toEqual(expected)
    // Graph's default order (category, link, name, namespace, id); the practice app has no namespace.
    expect(Object.keys(body(byApp))).toEqual(['category', 'link', 'name', 'id'])
    expect(body(await callAs(sb, sb.issueToken({ kind: 'USER' }), `/${V}/${app.id}`, { fields: 'id,name,category,link' }))).toEqual({
      id: app.id,
      name: 'Token Desk Practice',
      category: 'Business',
      link: expected.link,
    })
  })

  it('refuses an unknown field with the exact Graph error', async () => {
    expectGraphError(await call(sb, `/${V}/${sb.practiceApp.id}`, { access_token: appToken(sb), fields: 'name,secret' }), 100, nonexisting('secret', 'Application'))
  })
})

describe('edges: fields, limit, cursors both ways, nested', () => {
  interface Listing {
    data: Record<string, unknown>[]
    paging?: { next?: string; previous?: string; cursors?: { before: string; after: string } }
  }

  async function get(url: string, token: string): Promise<Listing> {
    const withProof = new URL(url)
    withProof.searchParams.set('appsecret_proof', hmac(sb.practiceApp.secret, token))
    const res = await fetch(withProof)
    expect(res.status).toBe(200)
    return (await res.json()) as Listing
  }

  it('walks /me/adaccounts forwards with next and back with previous, fields kept on every page', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const first = (await callAs(sb, token, `/${V}/me/adaccounts`, { fields: 'name,account_status', limit: '3' })).json as Listing
    const forward = [first]
    while (forward[forward.length - 1]!.paging?.next) forward.push(await get(forward[forward.length - 1]!.paging!.next!, token))
    expect(forward.map((p) => p.data.length)).toEqual([3, 3, 1])
    expect(forward.flatMap((p) => p.data.map((a) => a.id))).toEqual(sb.adAccounts.map((a) => a.id))
    for (const page of forward) for (const account of page.data) expect(Object.keys(account)).toEqual(['name', 'account_status', 'id'])
    expect(forward[0]!.paging?.previous).toBeUndefined()
    const back = [forward[forward.length - 1]!]
    while (back[back.length - 1]!.paging?.previous) back.push(await get(back[back.length - 1]!.paging!.previous!, token))
    expect(back.map((p) => p.data.map((a) => a.name))).toEqual(forward.map((p) => p.data.map((a) => a.name)).reverse())
  })

  it('expands edges as fields, with their own limit, sub-fields and paging links', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const reply = await callAs(sb, token, `/${V}/me`, { fields: 'name,accounts.limit(1){name,fan_count},adaccounts.limit(2){name,business{name}}' })
    const me = body(reply) as { name: string; accounts: Listing; adaccounts: Listing; id: string }
    expect(me.name).toBe('Pat Practice')
    expect(me.accounts.data).toEqual([{ name: 'Practice Bakery', fan_count: expect.any(Number) as number, id: sb.pages[0]!.id }])
    expect(me.adaccounts.data[0]).toEqual({ name: 'Practice Ad Account 1', business: { name: 'Practice Business', id: sb.businesses[0]!.id }, id: sb.adAccounts[0]!.id })
    // Nested edges carry the Marketing usage headers too.
    expect(reply.headers.get('x-ad-account-usage')).toContain('ads_api_access_tier')
    const next = new URL(me.accounts.paging!.next!)
    expect(`${next.origin}${next.pathname}`).toBe(`${sb.graphUrl}/${V}/${sb.practiceUser.id}/accounts`)
    expect(next.searchParams.get('fields')).toBe('name,fan_count')
    const second = await get(me.accounts.paging!.next!, token)
    expect(second.data).toEqual([{ name: 'Practice Bike Shop', fan_count: expect.any(Number) as number, id: sb.pages[1]!.id }])
  })

  it('refuses an unknown field on an edge item with the item node type', async () => {
    expectGraphError(await callAs(sb, sb.issueToken({ kind: 'USER' }), `/${V}/me/accounts`, { fields: 'name,colour' }), 100, nonexisting('colour', 'Page'))
  })
})

describe('field syntax', () => {
  it('answers a repeated field with the real message, spaces ignored as Graph ignores them', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    for (const fields of ['id,name,picture,picture', 'id, name, picture, picture']) {
      const reply = await callAs(sb, token, `/${V}/me`, { fields })
      expect(errorOf(reply)).toMatchObject({
        code: 2500,
        type: 'OAuthException',
        message: 'Syntax error "Field picture specified more than once. This is only possible before version 2.1" at character 23: id,name,picture,picture',
      })
    }
  })

  it.each([
    ['id,name}', 'Expected end of string instead of "}".', 7],
    ['id,,name', 'Expected name.', 3],
    ['picture{url', 'Expected "}" instead of end of string.', 11],
    ['picture.type', 'Expected "(" instead of end of string.', 12],
  ])('answers %s with a code-2500 syntax error', async (fields, detail, at) => {
    const reply = await callAs(sb, sb.issueToken({ kind: 'USER' }), `/${V}/me`, { fields })
    expect(reply.status).toBe(400)
    expect(errorOf(reply)).toMatchObject({ code: 2500, message: `Syntax error "${detail}" at character ${at}: ${fields}` })
  })
})
