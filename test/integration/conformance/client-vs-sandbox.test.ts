/**
 * The Graph client against the practice sandbox over real HTTP: each endpoint and each error
 * class the foundation issue names, with both sides as they ship.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createGraphClient, GraphError, type GraphClient, type GraphConfig } from '../../../main/core/graph'
import { appsecretProof } from '../../../main/core/graph/proof'
import { startSandbox, type Sandbox } from '../../../main/core/sandbox'
import { dialogUrl } from '../../../main/core/tokens/dialog-url'
import { s256 } from '../../../main/core/tokens/pkce'

let sandbox: Sandbox
const sleeps: number[] = []

function client(overrides: Partial<GraphConfig> = {}): GraphClient {
  return createGraphClient({
    graphUrl: sandbox.graphUrl,
    wwwUrl: sandbox.wwwUrl,
    appId: sandbox.practiceApp.id,
    appSecret: sandbox.practiceApp.secret,
    clock: { now: () => sandbox.clock.now() },
    sleep: (ms) => {
      sleeps.push(ms)
      return Promise.resolve()
    },
    random: () => 0.5,
    retry: { maxAttempts: 4, baseMs: 100, capMs: 1000, maxTotalMs: 60_000 },
    requestTimeoutMs: 2000,
    ...overrides,
  })
}

async function caught(run: () => Promise<unknown>): Promise<GraphError> {
  try {
    await run()
  } catch (error) {
    if (error instanceof GraphError) return error
    throw error
  }
  throw new Error('expected a GraphError')
}

const redirectUri = () => `${sandbox.wwwUrl}/connect/login_success.html`

async function codeFromDialog(graph: GraphClient, challenge?: string): Promise<string> {
  const url = dialogUrl(graph, { redirectUri: redirectUri(), state: 'state-123456', login: { kind: 'classic', scopes: ['pages_show_list', 'ads_read'] }, ...(challenge ? { codeChallenge: challenge } : {}) })
  const landed = new URL(await sandbox.consent(url))
  const code = landed.searchParams.get('code')
  if (!code) throw new Error(`no code in ${landed.href}`)
  return code
}

beforeEach(async () => {
  sleeps.length = 0
  sandbox = await startSandbox({ pageCount: 7, pageSize: 2, requestLog: { raw: true } })
})
afterEach(async () => {
  await sandbox.close()
})

describe('login and exchanges', () => {
  it('exchanges a code with PKCE, then for a long-lived token', async () => {
    const graph = client()
    const verifier = 'v'.repeat(43)
    const code = await codeFromDialog(graph, s256(verifier))
    const short = await graph.exchangeCode({ code, redirectUri: redirectUri(), codeVerifier: verifier })
    expect(short.token).toMatch(/^EAA/)
    const long = await graph.exchangeForLongLived(short.token)
    expect(long.token).not.toBe(short.token)
    expect(long.expiresIn).toBe(5183944)
  })

  it('classifies a reused code (100/36009) and never retries an exchange', async () => {
    const graph = client()
    const code = await codeFromDialog(graph)
    await graph.exchangeCode({ code, redirectUri: redirectUri() })
    const error = await caught(() => graph.exchangeCode({ code, redirectUri: redirectUri() }))
    expect([error.kind, error.code, error.subcode]).toEqual(['code-reused', 100, 36009])
    expect(sleeps).toEqual([])
  })

  it('classifies an expired code (100/36007)', async () => {
    const graph = client()
    const code = await codeFromDialog(graph)
    sandbox.clock.advance(11 * 60_000)
    const error = await caught(() => graph.exchangeCode({ code, redirectUri: redirectUri() }))
    expect([error.kind, error.subcode]).toEqual(['code-expired', 36007])
  })

  it('classifies a wrong app secret (code 1) as configuration', async () => {
    const graph = client({ appSecret: '0'.repeat(32) })
    const code = await codeFromDialog(graph)
    const error = await caught(() => graph.exchangeCode({ code, redirectUri: redirectUri() }))
    expect([error.kind, error.detail, error.code]).toEqual(['configuration', 'wrong-secret', 1])
    expect(error.message + String(error.stack)).not.toContain(sandbox.practiceApp.secret)
  })

  it('gives an app token both ways', async () => {
    const graph = client()
    expect((await graph.appToken()).token).toMatch(new RegExp(`^${sandbox.practiceApp.id}\\|`))
    expect((await graph.debugToken(graph.appTokenLiteral())).type).toBe('APP')
  })
})

describe('debug_token', () => {
  it('answers a garbage token with 200 and is_valid:false, classified as invalid', async () => {
    const info = await client().debugToken('EAAgarbage-token-that-was-never-issued')
    expect(info.isValid).toBe(false)
    expect(info.error).toMatchObject({ kind: 'token-dead', reason: 'invalid', code: 190 })
  })

  it('classifies a 190 without a subcode by its message', async () => {
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    sandbox.controls.injectFault({ path: '/me', kind: 'error', code: 190, message: 'Error validating access token: Session has expired on Monday, 01-Jan-24 00:00:00 PST.' })
    const error = await caught(() => client().me(token))
    expect([error.kind, error.reason, error.subcode]).toEqual(['token-dead', 'expired', null])
  })

  it('reads a refused app token as a wrong App Secret, not as a dead input token', async () => {
    const target = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    const wrong = await caught(() => client({ appSecret: '0'.repeat(32) }).debugToken(target))
    expect([wrong.kind, wrong.detail]).toEqual(['configuration', 'wrong-secret'])
    const batched = await caught(() => client({ appSecret: '0'.repeat(32) }).debugTokens([target]))
    expect([batched.kind, batched.detail]).toEqual(['configuration', 'wrong-secret'])
  })

  it('falls back to an admin token for a Native/Desktop app', async () => {
    sandbox.controls.setApp(sandbox.practiceApp.id, { appType: 'native-desktop' })
    const admin = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    const target = sandbox.issueToken({ kind: 'USER', lifetime: 'short' })
    const graph = client({ adminUserToken: () => admin })
    const info = await graph.debugToken(target)
    expect(info.isValid).toBe(true)
    const checks = sandbox.requests.filter((r) => r.path.endsWith('/debug_token'))
    expect(checks.map((r) => r.params.access_token === admin)).toEqual([false, true])
  })

  it('checks 120 tokens in three batches, results in order', async () => {
    const tokens = Array.from({ length: 120 }, (_, i) => (i % 40 === 7 ? 'EAAbroken-token-number-' + i : sandbox.issueToken({ kind: 'USER', lifetime: 'long' })))
    const results = await client().debugTokens(tokens)
    expect(results).toHaveLength(120)
    expect(results.map((r, i) => (r.ok && r.info.isValid) === (i % 40 !== 7))).toEqual(Array(120).fill(true))
    const batches = sandbox.requests.filter((r) => !r.batchItem && r.params.batch !== undefined)
    expect(batches.map((b) => (JSON.parse(b.params.batch!) as unknown[]).length)).toEqual([50, 50, 20])
  })
})

describe('appsecret_proof', () => {
  it('sends the HMAC of the exact token on user-token calls', async () => {
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    await client().me(token)
    const me = sandbox.requests.find((r) => r.path.endsWith('/me'))!
    expect(me.params.appsecret_proof).toBe(appsecretProof(token, sandbox.practiceApp.secret))
  })

  it('is refused when wrong, and required when the app says so', async () => {
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    const wrong = await caught(() => client({ appSecret: 'f'.repeat(32) }).me(token))
    expect([wrong.kind, wrong.detail]).toEqual(['configuration', 'proof-invalid'])
    sandbox.controls.setApp(sandbox.practiceApp.id, { requireAppSecret: true })
    const bare = await fetch(`${sandbox.graphUrl}/v26.0/me?access_token=${encodeURIComponent(token)}`)
    expect(((await bare.json()) as { error: { message: string } }).error.message).toMatch(/require an appsecret_proof/)
    expect((await client().me(token)).id).toBe(sandbox.practiceUser.id)
  })
})

describe('paging', () => {
  it('follows next across empty middle pages until it is absent', async () => {
    sandbox.controls.setEmptyPage('accounts', 1)
    sandbox.controls.setEmptyPage('accounts', 2)
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    const pages = await client().accounts(token)
    expect(pages).toHaveLength(7)
    expect(new Set(pages.map((p) => p.id)).size).toBe(7)
    expect(sandbox.requests.filter((r) => r.path.endsWith('/accounts')).length).toBeGreaterThanOrEqual(6)
  })

  it('reads ad accounts with the act_ prefix and the tier header', async () => {
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    sandbox.controls.setAccessTier('development_access')
    sandbox.controls.setUsage({ adAccountPct: 42 })
    const graph = client()
    const accounts = await graph.adAccounts(token)
    expect(accounts.length).toBeGreaterThan(0)
    expect(accounts.every((a) => a.id === `act_${a.accountId}`)).toBe(true)
    expect(graph.usage()?.tier).toBe('development_access')
  })
})

describe('retries', () => {
  it('retries a 5xx, then succeeds', async () => {
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    sandbox.controls.injectFault({ path: '/me', kind: 'http', status: 503, times: 2 })
    expect((await client().me(token)).id).toBe(sandbox.practiceUser.id)
    expect(sleeps).toEqual([50, 100])
  })

  it('retries a dropped connection, then succeeds', async () => {
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    sandbox.controls.injectFault({ path: '/me', kind: 'drop', times: 1 })
    expect((await client().me(token)).id).toBe(sandbox.practiceUser.id)
    expect(sleeps).toHaveLength(1)
  })

  it.each([4, 17, 32] as const)('retries platform throttle code %i with backoff, then reports it as throttled', async (code) => {
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    sandbox.controls.injectFault({ path: '/me', kind: 'throttle', code, times: Infinity })
    const error = await caught(() => client({ retry: { maxTotalMs: 5000 } }).me(token))
    expect([error.kind, error.code]).toEqual(['throttled', code])
    expect(sleeps.length).toBeGreaterThan(0)
  })

  it.each([613, 80004] as const)('reports business throttle code %i with the time to regain access, without waiting half an hour', async (code) => {
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    sandbox.controls.injectFault({ path: '/me', kind: 'throttle', code, regainMinutes: 30, times: Infinity })
    const error = await caught(() => client({ retry: { maxTotalMs: 5000 } }).me(token))
    expect([error.kind, error.code]).toEqual(['throttled', code])
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(30 * 60_000)
    expect(sleeps).toEqual([])
  })

  it('never retries a 190', async () => {
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long' })
    sandbox.controls.changePassword(sandbox.practiceUser.id)
    const error = await caught(() => client().me(token))
    expect([error.kind, error.reason]).toEqual(['token-dead', 'password-changed'])
    expect(sleeps).toEqual([])
  })
})

describe('permissions', () => {
  it('lists, revokes one, then revokes all (466 afterwards)', async () => {
    const graph = client()
    const token = sandbox.issueToken({ kind: 'USER', lifetime: 'long', scopes: ['ads_read', 'pages_show_list'] })
    expect((await graph.permissions(token)).map((p) => p.permission)).toEqual(expect.arrayContaining(['ads_read', 'pages_show_list']))
    expect(await graph.revokePermission(token, 'ads_read')).toBe(true)
    expect((await graph.permissions(token)).find((p) => p.permission === 'ads_read')?.status).not.toBe('granted')
    expect(await graph.revokePermission(token)).toBe(true)
    const info = await graph.debugToken(token)
    expect(info.error).toMatchObject({ reason: 'invalidated', subcode: 466 })
  })
})
