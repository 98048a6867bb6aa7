import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { expectAbsent, onlyJson, runMain, sandboxEnv, startTestSandbox, tempHome, userToken } from './support'

const DAY = 86_400_000
let sb: Sandbox

beforeAll(async () => {
  sb = await startTestSandbox()
})
afterAll(() => sb.close())

interface InspectJson {
  valid: boolean
  type: string | null
  appId: string | null
  application: string | null
  userId: string | null
  profileId: string | null
  issuedAt: string | null
  expiresAt: string | null
  neverExpires: boolean
  dataAccessExpiresAt: string | null
  scopes: string[]
  problem: { reason: string; code: number | null; subcode: number | null; message: string } | null
}

const inspectJson = async (token: string, env = sandboxEnv(sb)) => {
  const result = await runMain(['inspect', '--json'], { env, stdin: `${token}\n` })
  expectAbsent(result.stderr + result.stdout, [token, sb.practiceApp.secret])
  return { ...result, json: onlyJson(result.stdout) as InspectJson }
}

describe('token-desk inspect', () => {
  it('describes a valid long-lived user token with every contract field, exit 0', async () => {
    const token = userToken(sb)
    const { code, json } = await inspectJson(token)
    expect(code).toBe(0)
    expect(Object.keys(json)).toEqual(['valid', 'type', 'appId', 'application', 'userId', 'profileId', 'issuedAt', 'expiresAt', 'neverExpires', 'dataAccessExpiresAt', 'scopes', 'problem'])
    const info = sb.tokenInfo(token)!
    expect(json).toMatchObject({ valid: true, type: 'USER', appId: sb.practiceApp.id, userId: sb.practiceUser.id, profileId: null, neverExpires: false, problem: null })
    expect(json.expiresAt).toBe(new Date(info.expiresAt * 1000).toISOString())
    expect(json.issuedAt).toBe(new Date(info.issuedAt! * 1000).toISOString())
    expect(json.dataAccessExpiresAt).toBe(new Date(info.dataAccessExpiresAt! * 1000).toISOString())
    expect(json.scopes).toEqual(['pages_show_list', 'ads_read', 'pages_read_engagement'])
  })

  it('says a never-expiring page token never expires and names the page', async () => {
    const page = sb.pages[0]!
    const { code, json } = await inspectJson(sb.issueToken({ kind: 'PAGE', pageId: page.id, lifetime: 'long' }))
    expect(code).toBe(0)
    expect(json).toMatchObject({ valid: true, type: 'PAGE', profileId: page.id, neverExpires: true, expiresAt: null })
  })

  it('treats an app token as never expiring', async () => {
    const { code, json } = await inspectJson(`${sb.practiceApp.id}|${sb.practiceApp.secret}`)
    expect(code).toBe(0)
    expect(json).toMatchObject({ valid: true, type: 'APP', neverExpires: true, userId: null })
  })

  it('answers a garbage token (debug_token 200, is_valid false) with reason invalid and exit 1', async () => {
    const { code, json } = await inspectJson('not-a-real-token-0123456789')
    expect(code).toBe(1)
    expect(json.valid).toBe(false)
    expect(json.problem).toMatchObject({ reason: 'invalid', code: 190 })
  })

  it('calls a valid token of another app wrong-app, exit 1', async () => {
    const other = sb.controls.createApp({ name: 'Someone Else' })
    const token = userToken(sb, { appId: other.id })
    const { code, json } = await inspectJson(token)
    expect(code).toBe(1)
    expect(json).toMatchObject({ valid: false, appId: other.id, application: 'Someone Else', problem: { reason: 'wrong-app' } })
  })

  const deaths: [string, (token: string) => void, number | null][] = [
    ['expired', () => sb.clock.advance(61 * DAY), 463],
    ['password-changed', () => sb.controls.changePassword(sb.practiceUser.id), 460],
    ['app-removed', () => sb.controls.removeApp(sb.practiceUser.id), 458],
    ['logged-out', () => sb.controls.logout(sb.practiceUser.id), 467],
    ['invalidated', (t) => sb.controls.invalidateToken(t, 466), 466],
    ['checkpoint', () => sb.controls.checkpoint(sb.practiceUser.id), 459],
    ['unconfirmed-user', () => sb.controls.unconfirm(sb.practiceUser.id), 464],
  ]
  it.each(deaths)('reports %s when the sandbox kills the token, exit 1', async (reason, kill, subcode) => {
    const token = userToken(sb, { lifetime: 'short' })
    kill(token)
    const { code, json, stdout } = await inspectJson(token)
    expect(code).toBe(1)
    expect(json.valid).toBe(false)
    expect(json.problem).toMatchObject({ reason, code: 190, subcode })
    expect(json.problem?.message.length).toBeGreaterThan(10)
    expect(stdout.trim().startsWith('{')).toBe(true)
  })

  it('reports no-page-role for a page token after the page role is removed', async () => {
    const page = sb.pages[2]!
    const token = sb.issueToken({ kind: 'PAGE', pageId: page.id, lifetime: 'long' })
    sb.controls.removePageRole(sb.practiceUser.id, page.id)
    const { code, json } = await inspectJson(token)
    expect(code).toBe(1)
    expect(json.problem).toMatchObject({ reason: 'no-page-role', subcode: 492 })
  })

  it('prints aligned fields for people with the token masked to its last four characters', async () => {
    const token = userToken(sb)
    const result = await runMain(['inspect'], { env: sandboxEnv(sb), stdin: token })
    expect(result.code).toBe(0)
    expectAbsent(result.stdout + result.stderr, [token])
    expect(result.stdout).toContain(`Token:       …${token.slice(-4)}`)
    expect(result.stdout).toMatch(/^Valid: {7}yes$/m)
    expect(result.stdout).toMatch(/^Expires: {5}\d{4}-\d\d-\d\dT.* \(in \d+ days\)$/m)
  })

  it('reads the token from --token-file, first line only', async () => {
    const token = userToken(sb)
    const file = join(await tempHome(), 'token.txt')
    await writeFile(file, `${token}\nsecond line ignored\n`)
    const { code, stdout } = await runMain(['inspect', '--json', '--token-file', file], { env: sandboxEnv(sb) })
    expect(code).toBe(0)
    expect((onlyJson(stdout) as InspectJson).valid).toBe(true)
  })
})

describe('inspect: usage and configuration, exit 2', () => {
  it('refuses empty input', async () => {
    const result = await runMain(['inspect', '--json'], { env: sandboxEnv(sb), stdin: '\n' })
    expect(result.code).toBe(2)
    expect(onlyJson(result.stdout)).toEqual({ error: { code: 'usage', message: expect.stringContaining('empty') as string } })
  })

  it.each([
    ['TOKEN_DESK_APP_ID', { TOKEN_DESK_APP_ID: undefined }],
    ['TOKEN_DESK_APP_SECRET', { TOKEN_DESK_APP_SECRET: '' }],
  ])('names the missing %s', async (name, change) => {
    const token = userToken(sb)
    const result = await runMain(['inspect'], { env: { ...sandboxEnv(sb), ...change }, stdin: token })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${name} is not set`)
    expect(result.stdout).toBe('')
  })

  it('says the App Secret is wrong (not that the token is) when the app token is refused', async () => {
    const token = userToken(sb)
    const wrong = 'f'.repeat(32)
    const result = await runMain(['inspect', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_APP_SECRET: wrong }), stdin: token })
    expect(result.code).toBe(2)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'wrong-secret' } })
    expect(result.stderr).toContain('TOKEN_DESK_APP_SECRET')
    expectAbsent(result.stdout + result.stderr, [token, wrong])
  })

  it('says the app is unknown for an App ID Facebook does not have', async () => {
    const result = await runMain(['inspect', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_APP_ID: '999999999' }), stdin: userToken(sb) })
    expect(result.code).toBe(2)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'unknown-app' } })
  })

  it('refuses a token given as an argument, without echoing it', async () => {
    const token = userToken(sb)
    const result = await runMain(['inspect', token], { env: sandboxEnv(sb) })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('never taken from the command line')
    expectAbsent(result.stdout + result.stderr, [token])
    const option = await runMain(['inspect', `--token=${token}`, '--json'], { env: sandboxEnv(sb) })
    expect(option.code).toBe(2)
    expect(onlyJson(option.stdout)).toMatchObject({ error: { code: 'usage', message: expect.stringContaining('standard input') as string } })
    expectAbsent(option.stdout + option.stderr, [token])
  })

  it('refuses a malformed API version up front', async () => {
    const result = await runMain(['inspect'], { env: sandboxEnv(sb, { TOKEN_DESK_API_VERSION: '26' }), stdin: userToken(sb) })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('TOKEN_DESK_API_VERSION')
  })
})

describe('inspect: Graph unreachable, exit 3 within the budget', () => {
  it('gives up on a closed port after the retry budget', async () => {
    const started = Date.now()
    const result = await runMain(['inspect', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_GRAPH_URL: 'http://127.0.0.1:9', TOKEN_DESK_RETRY_MAX_MS: '600' }), stdin: userToken(sb) })
    expect(result.code).toBe(3)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'network', message: expect.stringContaining('Could not reach Facebook') as string } })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('gives up on endless 5xx answers after retrying', async () => {
    sb.controls.injectFault({ kind: 'http', status: 503, times: Infinity, path: 'debug_token' })
    try {
      const before = sb.requests.filter((r) => r.path.includes('debug_token')).length
      const result = await runMain(['inspect', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_RETRY_MAX_MS: '2000' }), stdin: userToken(sb) })
      expect(result.code).toBe(3)
      expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'graph' } })
      expect(sb.requests.filter((r) => r.path.includes('debug_token')).length - before).toBeGreaterThan(1)
    } finally {
      sb.controls.clearFaults()
    }
  })

  it('says when to try again when rate limited', async () => {
    sb.controls.injectFault({ kind: 'throttle', code: 80000, times: Infinity, regainMinutes: 30 })
    try {
      const result = await runMain(['inspect'], { env: sandboxEnv(sb), stdin: userToken(sb) })
      expect(result.code).toBe(3)
      expect(result.stderr).toMatch(/rate limited; try again after \d\d:\d\d/)
      const at = new Date(Date.now() + 30 * 60_000)
      expect(result.stderr).toContain(`${String(at.getHours()).padStart(2, '0')}:`)
    } finally {
      sb.controls.clearFaults()
    }
  })
})
