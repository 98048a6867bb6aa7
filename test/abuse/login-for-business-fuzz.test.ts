/**
 * The practice sandbox's Login for Business inputs against generated ones: the control API's
 * new actions (createLoginConfiguration, setApp's loginKind and scopeOnlyRefusal,
 * removeConnectedApp, removeIntegrationAsset, the new behaviour switches) with JSON from
 * outside, and the dialog's config_id, response_type, scope and code_challenge. The oracle:
 * a control answers 200 with its result or 400 with words, never a 500, and never changes the
 * app into something a dialog cannot answer; the dialog answers a page (200), a refusal (400)
 * or a redirect, never a 500, and never a script.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../main/core/sandbox'
import { V, start } from '../integration/sandbox/helpers'

const RUNS = 200
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_919)
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort()

let sb: Sandbox
let config: string
beforeAll(async () => {
  sb = await start()
  sb.controls.setApp(sb.practiceApp.id, { loginKind: 'business' })
  config = sb.controls.createLoginConfiguration({ appId: sb.practiceApp.id, name: 'fuzz', tokenType: 'user', expiry: 'never', permissions: ['ads_read'], assetTypes: ['pages'] }).id
})
afterAll(() => sb.close())

async function control(action: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sb.graphUrl}/__sandbox/${action}`, {
    method: 'POST',
    headers: { 'x-sandbox-key': sb.controlKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
  fc.constantFrom('__proto__', 'constructor', 'user', 'system_user', 'never', '60_days', 'pages', 'ad_accounts', 'business', 'classic', 'blank'),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'id', 'x'), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
)
const permissionLists = fc.oneof(fc.subarray(['ads_read', 'ads_management', 'email', 'public_profile', 'pages_show_list', 'openid', 'x']), junk)
const configurationArgs = fc.record(
  {
    appId: fc.oneof(fc.constant('__APP__'), junk),
    name: fc.oneof(fc.string({ maxLength: 120 }), junk),
    tokenType: fc.oneof(fc.constantFrom('user', 'system_user'), junk),
    expiry: fc.oneof(fc.constantFrom('never', '60_days'), junk),
    permissions: permissionLists,
    assetTypes: fc.oneof(fc.subarray(['pages', 'ad_accounts', 'groups']), junk),
  },
  { requiredKeys: [] },
)
const actions = fc.oneof(
  configurationArgs.map((args) => ['createLoginConfiguration', args] as const),
  fc.record({ appId: fc.constant('__APP__'), loginKind: junk, scopeOnlyRefusal: junk }, { requiredKeys: ['appId'] }).map((a) => ['setApp', a] as const),
  fc.record({ businessId: junk, appId: junk }, { requiredKeys: [] }).map((a) => ['removeConnectedApp', a] as const),
  fc.record({ businessId: junk, assetId: junk, appId: junk }, { requiredKeys: [] }).map((a) => ['removeIntegrationAsset', a] as const),
  // One switch at a time, so a wrong value of the right type is tried often.
  fc
    .tuple(fc.constantFrom('scopeBesideConfig', 'declinedInConfig', 'integrationDebugType', 'integrationAccounts', 'sameBusinessIntegration', 'businessTokenExchange'), junk)
    .map(([key, value]) => ({ [key]: value }))
    .map((a) => ['setBehaviour', a] as const),
)

const withApp = (args: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(args).map(([k, v]) => [k, v === '__APP__' ? sb.practiceApp.id : v]))

async function dialogStillAnswers(): Promise<void> {
  const url = new URL(`${sb.wwwUrl}/${V}/dialog/oauth`)
  for (const [k, v] of Object.entries({ client_id: sb.practiceApp.id, redirect_uri: sb.practiceApp.redirectUris[0]!, state: 'fuzz-state', config_id: config, response_type: 'code' })) url.searchParams.set(k, v)
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) })
  expect([200, 400]).toContain(res.status)
  await res.text()
}

describe('the control API’s Login for Business actions', () => {
  it('answer 200 or 400 with words, never a 500, and leave a dialog that still answers', async () => {
    await fc.assert(
      fc.asyncProperty(actions, async ([action, args]) => {
        const reply = await control(action, withApp(args))
        expect([200, 400], JSON.stringify(reply.json).slice(0, 300)).toContain(reply.status)
        if (reply.status === 400) expect(typeof (reply.json.error as { message: unknown }).message).toBe('string')
        // A switch takes only its own values: anything else is refused, and nothing changes.
        if (action === 'setBehaviour' && reply.status === 200) {
          for (const [key, value] of Object.entries(args)) expect(['refused', 'ignored', 'empty-grant', 'access-denied', 'SYSTEM_USER', 'USER', 'allowed', 'extends'], key).toContain(value)
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES)
        await dialogStillAnswers()
        // Put the app back, so each run starts from a Business app with its configuration.
        sb.controls.setApp(sb.practiceApp.id, { loginKind: 'business', scopeOnlyRefusal: 'not-available' })
        sb.controls.setBehaviour({ scopeBesideConfig: 'refused', declinedInConfig: 'empty-grant', integrationDebugType: 'SYSTEM_USER', integrationAccounts: 'refused', sameBusinessIntegration: 'refused', businessTokenExchange: 'extends' })
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
  })
})

describe('the dialog’s Login for Business parameters', () => {
  it('answer a page, a refusal or a redirect, never a 500 and never a script', async () => {
    const values = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('code', 'token', 'code token', 'granted_scopes', '', 'ads_read', '1234567890123456'))
    await fc.assert(
      fc.asyncProperty(
        fc.record({ config_id: fc.oneof(fc.constant(config), values), response_type: values, scope: values, code_challenge: values, code_challenge_method: values, auth_type: values }, { requiredKeys: [] }),
        async (extra) => {
          const url = new URL(`${sb.wwwUrl}/${V}/dialog/oauth`)
          url.searchParams.set('client_id', sb.practiceApp.id)
          url.searchParams.set('redirect_uri', sb.practiceApp.redirectUris[0]!)
          url.searchParams.set('state', 'fuzz-state')
          for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v)
          const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) })
          const html = await res.text()
          expect([200, 302, 400], html.slice(0, 200)).toContain(res.status)
          expect(html).not.toMatch(/<script/i)
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
  })
})
