/**
 * Meta's own Node business SDK, unchanged, against a started practice sandbox. The one thing a
 * script changes is where the SDK sends its calls: its `FacebookAdsApi.GRAPH` getter.
 */
import bizSdk, { type FacebookRequestError } from 'facebook-nodejs-business-sdk'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { start } from '../sandbox/helpers'
import { libraryVersion } from './library-version'

const { FacebookAdsApi, User, Page, AdAccount } = bizSdk
const LIBRARY = libraryVersion('facebook-nodejs-business-sdk')

let sb: Sandbox
let graphGetter: PropertyDescriptor
beforeAll(() => {
  console.log(`Running ${LIBRARY} (it calls Graph ${FacebookAdsApi.VERSION}) against the practice sandbox.`)
  graphGetter = Object.getOwnPropertyDescriptor(FacebookAdsApi, 'GRAPH')!
})
beforeEach(async () => {
  sb = await start({ pageCount: 3, adAccountCount: 7 })
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => sb.graphUrl, configurable: true })
})
afterEach(() => sb.close())
afterAll(() => {
  Object.defineProperty(FacebookAdsApi, 'GRAPH', graphGetter)
})

/** The SDK with a fresh token; its crash reporter (which would post to Graph) stays off. */
function useToken(token: string): void {
  FacebookAdsApi.init(token, 'en_US', false)
}

async function rejection(run: () => Promise<unknown>): Promise<FacebookRequestError> {
  try {
    await run()
  } catch (error) {
    return error as FacebookRequestError
  }
  throw new Error('expected the SDK to reject')
}

describe(`${LIBRARY} against the sandbox`, () => {
  it('reads the user with the fields scripts ask for', async () => {
    useToken(sb.issueToken({ kind: 'USER', scopes: ['public_profile', 'email', 'ads_read'] }))
    const me = await new User('me').read(['id', 'name', 'first_name', 'last_name', 'email', 'picture'])
    expect(me._data).toMatchObject({ id: sb.practiceUser.id, name: 'Pat Practice', first_name: 'Pat', last_name: 'Practice', email: 'pat.practice@example.com' })
    expect((me._data.picture as { data: { url: string } }).data.url).toContain(sb.wwwUrl)
    expect(sb.requests.filter((r) => r.path === `/${FacebookAdsApi.VERSION}/me`)).toHaveLength(1)
  })

  it('lists ad accounts through its cursor, three to a page, forwards and back', async () => {
    useToken(sb.issueToken({ kind: 'USER' }))
    let cursor = await new User('me').getAdAccounts(['name', 'account_status', 'currency', 'business'], { limit: 3 })
    const pages = [cursor.map((a) => a.id)]
    while (cursor.hasNext()) {
      cursor = await cursor.next()
      pages.push(cursor.map((a) => a.id))
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1])
    expect(pages.flat()).toEqual(sb.adAccounts.map((a) => a.id))
    expect(cursor[0]).toBeInstanceOf(AdAccount)
    expect(cursor[0]!._data).toMatchObject({ name: 'Practice Ad Account 7', account_status: 101, currency: 'USD', business: { id: sb.businesses[0]!.id, name: 'Practice Business' } })
    expect(cursor.hasPrevious()).toBe(true)
    cursor = await cursor.previous()
    expect(cursor.map((a) => a.id)).toEqual(pages[1])
    // Every page after the first came from the paging links the sandbox wrote.
    expect(sb.requests.filter((r) => r.path.endsWith('/me/adaccounts') && r.params.after !== undefined)).toHaveLength(2)
  })

  it('reads a Page and an ad account by id', async () => {
    useToken(sb.issueToken({ kind: 'USER', lifetime: 'long' }))
    const page = await new Page(sb.pages[1]!.id).read(['name', 'category', 'fan_count', 'link', 'tasks', 'access_token'])
    expect(page._data).toMatchObject({ id: sb.pages[1]!.id, name: 'Practice Bike Shop', category: 'Bicycle Shop', link: `${sb.wwwUrl}/${sb.pages[1]!.id}` })
    expect(typeof page._data.fan_count).toBe('number')
    expect(sb.tokenInfo(page._data.access_token as string)).toMatchObject({ kind: 'PAGE', expiresAt: 0 })
    const account = await new AdAccount(sb.adAccounts[3]!.id).read(['name', 'account_status', 'disable_reason', 'amount_spent', 'timezone_name'])
    expect(account._data).toMatchObject({ name: 'Practice Ad Account 4', account_status: 2, disable_reason: 1, timezone_name: 'America/Los_Angeles' })
  })

  it('reports a password change as a FacebookRequestError carrying 190/460', async () => {
    useToken(sb.issueToken({ kind: 'USER' }))
    await new User('me').read(['id'])
    sb.controls.changePassword(sb.practiceUser.id)
    const error = await rejection(() => new User('me').read(['id', 'name']))
    expect(error.name).toBe('FacebookRequestError')
    expect(error.status).toBe(400)
    expect(error.response).toMatchObject({ type: 'OAuthException', code: 190, error_subcode: 460, error_user_title: 'Session expired' })
    expect(error.message).toMatch(/changed their password/)
    expect(error.headers?.['www-authenticate']).toMatch(/^OAuth "Facebook Platform" "invalid_token"/)
  })

  it('reports an unknown field as a FacebookRequestError with the exact (#100)', async () => {
    useToken(sb.issueToken({ kind: 'USER' }))
    const error = await rejection(() => new AdAccount(sb.adAccounts[0]!.id).read(['name', 'spend_cap_eur']))
    expect(error.name).toBe('FacebookRequestError')
    expect(error.response).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (spend_cap_eur) on node type (AdAccount)' })
  })
})
