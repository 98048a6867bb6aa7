/**
 * The sandbox's `fields=` against generated expressions: grammar-shaped ones (real field and edge
 * names, prototype names, braces, modifiers, commas) and raw unicode and binary strings, on a
 * user, an ad account, a business, an app read with a user token (its app-token-only fields and
 * edges refused) and edges. Graph's answer shape is the oracle: a node that has its `id`,
 * or a 400 Graph error of a known code with a bounded message and a WWW-Authenticate header.
 * Never a 500, never a hang, never a polluted prototype.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../main/core/sandbox'
import { V, hmac, start } from '../integration/sandbox/helpers'

const RUNS = 250
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201)
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort()

let sb: Sandbox
let token: string
beforeAll(async () => {
  sb = await start()
  token = sb.issueToken({ kind: 'USER', scopes: ['public_profile', 'email', 'ads_read', 'pages_show_list', 'pages_read_engagement', 'business_management'] })
})
afterAll(() => sb.close())

const NAMES = [
  'id', 'name', 'email', 'first_name', 'middle_name', 'picture', 'url', 'accounts', 'adaccounts', 'business', 'category_list',
  'access_token', 'fan_count', 'data', 'x', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype',
  'tasks', 'businesses', 'owned_pages', 'client_ad_accounts', 'verification_status', 'roles', 'permissions', 'server_ip_whitelist', 'restrictions',
]
const PIECES = [',', '{', '}', '.', '(', ')', ' ', '.limit(2)', '.limit(-1)', '.limit(100000000000)', '.type(large)', '.width(9999)', '.after(MTox)', '.before(zz)', '.fields(id,name)']

const grammarShaped = fc.array(fc.oneof(fc.constantFrom(...NAMES), fc.constantFrom(...PIECES)), { maxLength: 40 }).map((parts) => parts.join(''))
const expressions = fc.oneof(
  { weight: 6, arbitrary: grammarShaped },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1400 }).map((n) => 'accounts{'.repeat(n)) },
)

const KNOWN_CODES = new Set([10, 100, 200, 2500])

async function ask(path: string, fields: string): Promise<void> {
  const url = new URL(`${sb.graphUrl}/${V}/${path}`)
  url.searchParams.set('fields', fields)
  url.searchParams.set('access_token', token)
  url.searchParams.set('appsecret_proof', hmac(sb.practiceApp.secret, token))
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) })
  const body = (await res.json()) as Record<string, unknown>
  if (res.status === 200) {
    expect(Array.isArray(body)).toBe(false)
    expect(typeof (body.id ?? (body.data !== undefined ? 'listing' : undefined))).toBe('string')
    return
  }
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(400)
  const error = body.error as { message: unknown; type: unknown; code: number; fbtrace_id: unknown }
  expect(typeof error.message).toBe('string')
  expect((error.message as string).length).toBeLessThan(1200)
  expect(error.type).toBe('OAuthException')
  expect(KNOWN_CODES.has(error.code), String(error.code)).toBe(true)
  expect(typeof error.fbtrace_id).toBe('string')
  expect(res.headers.get('www-authenticate')).toMatch(/^OAuth "Facebook Platform" "invalid_request" "/)
}

describe('sandbox fields= fuzz', () => {
  it.each(['me', 'me/accounts', 'ACCOUNT', 'BUSINESS', 'APP', 'BUSINESS/owned_ad_accounts'])('answers every expression on %s with a node or a Graph error', async (path) => {
    const target = path.replace('ACCOUNT', sb.adAccounts[0]!.id).replace('BUSINESS', sb.businesses[0]!.id).replace('APP', sb.practiceApp.id)
    await fc.assert(
      fc.asyncProperty(expressions, (fields) => ask(target, fields)),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('still answers a plain read afterwards', async () => {
    const res = await fetch(`${sb.graphUrl}/${V}/me?fields=id,first_name&access_token=${token}&appsecret_proof=${hmac(sb.practiceApp.secret, token)}`)
    expect(await res.json()).toEqual({ id: sb.practiceUser.id, first_name: 'Pat' })
  })
})
