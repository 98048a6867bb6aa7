/**
 * `token-desk doctor [--json]` against the practice sandbox, one app-side failure at a time:
 * exit 0 when nothing failed, 1 when a check failed, 3 when Facebook could not be reached; the
 * report names the cause and the place to fix it, and never holds a secret or a token.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DoctorReport } from '../../../preload/api'
import type { Sandbox } from '../../../main/core/sandbox'
import { BUILT_CLI, PASSPHRASE, baseEnv, ensureBuiltCli, expectAbsent, onlyJson, runBuilt, runMain, sandboxEnv, startTestSandbox, tempHome, userToken } from './support'

let sb: Sandbox
beforeAll(async () => {
  sb = await startTestSandbox()
})
afterAll(() => sb.close())

/** Each test starts from the healthy practice app. */
beforeEach(() => {
  const app = sb.practiceApp.id
  sb.controls.setApp(app, { blocked: false, appType: 'web', serverIpWhitelist: '', redirectUris: sb.practiceApp.redirectUris, mode: 'development', approvedPermissions: null })
  sb.controls.setAppRole(app, sb.practiceUser.id, 'administrators')
})

async function doctor(extra: Record<string, string> = {}, args: string[] = []): Promise<{ code: number | null; report: DoctorReport; stdout: string; stderr: string }> {
  const result = await runMain(['doctor', '--json', ...args], { env: sandboxEnv(sb, extra) })
  return { code: result.code, report: onlyJson(result.stdout) as DoctorReport, stdout: result.stdout, stderr: result.stderr }
}

const finding = (report: DoctorReport, check: string) => report.findings.find((f) => f.check === check)!

describe('token-desk doctor', () => {
  it('exit 0 for the healthy practice app, every check named', async () => {
    const { code, report, stdout, stderr } = await doctor()
    expect(code).toBe(0)
    expect(report).toMatchObject({ appId: sb.practiceApp.id, appName: 'Token Desk Practice', outcome: 'pass' })
    expect(finding(report, 'login-dialog').status).toBe('pass')
    expect(finding(report, 'versions').reason).toMatch(/^Token Desk asks for v27\.0/)
    expectAbsent(stdout + stderr, [sb.practiceApp.secret])
  })

  it('exit 1 for a wrong secret, called a wrong secret with where to copy it; Native/Desktop never mentioned', async () => {
    const wrong = 'b'.repeat(32)
    const { code, report, stdout, stderr } = await doctor({ TOKEN_DESK_APP_SECRET: wrong })
    expect(code).toBe(1)
    expect(finding(report, 'credentials')).toMatchObject({ status: 'failure', reason: 'The App Secret is wrong: Facebook refused it for this App ID.' })
    expect(finding(report, 'credentials').where).toContain('App settings > Basic > App secret')
    expect(report.findings.map((f) => f.reason).join(' ')).not.toMatch(/Native/)
    expectAbsent(stdout + stderr, [wrong, sb.practiceApp.secret])
  })

  it('exit 1 for an App ID Facebook does not know', async () => {
    const { code, report } = await doctor({ TOKEN_DESK_APP_ID: '987654321012345' })
    expect(code).toBe(1)
    expect(finding(report, 'credentials').reason).toBe('Facebook does not know an app with ID 987654321012345.')
  })

  it('exit 1 when API access is blocked, said as the app and not a token', async () => {
    sb.controls.setApp(sb.practiceApp.id, { blocked: true })
    const { code, report } = await doctor()
    expect(code).toBe(1)
    expect(finding(report, 'app-access')).toMatchObject({ status: 'failure', reason: expect.stringContaining('API access blocked.') as string })
  })

  it('exit 1 with "URL Blocked" and its fix when the redirect is not registered', async () => {
    sb.controls.setApp(sb.practiceApp.id, { redirectUris: ['https://elsewhere.example/callback'] })
    const { code, report } = await doctor()
    expect(code).toBe(1)
    expect(finding(report, 'login-dialog')).toMatchObject({ status: 'failure', where: expect.stringContaining('Valid OAuth Redirect URIs') as string })
    expect(finding(report, 'login-dialog').reason).toMatch(/^Facebook’s login page says “URL Blocked”/)
  })

  it('exit 1 for a Development-mode app whose person has no role, with a stored token to say who', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE }
    const token = userToken(sb)
    expect((await runMain(['add', '--name', 'Me'], { env: sandboxEnv(sb, env), stdin: token })).code).toBe(0)
    sb.controls.setAppRole(sb.practiceApp.id, sb.practiceUser.id, null)
    const { code, report, stdout, stderr } = await doctor(env)
    expect(code).toBe(1)
    expect(finding(report, 'roles')).toMatchObject({ status: 'failure', reason: expect.stringMatching(/^You \(Pat Practice\) have no role on this app/) as string })
    expect(finding(report, 'login-dialog').reason).toMatch(/App Not Setup/)
    expect(finding(report, 'require-app-secret').status).toBe('warning')
    expectAbsent(stdout + stderr, [token, PASSPHRASE, sb.practiceApp.secret])
  })

  it('exit 0 with a warning for a Native/Desktop app: the secret is right and the app token counts as none', async () => {
    sb.controls.setApp(sb.practiceApp.id, { appType: 'native-desktop' })
    const { code, report } = await doctor()
    expect(code).toBe(0)
    expect(report.outcome).toBe('warning')
    expect(finding(report, 'credentials').status).toBe('pass')
    expect(finding(report, 'app-type')).toMatchObject({ status: 'warning', where: expect.stringContaining('Native or desktop app') as string })
  })

  it('exit 1 when the server IP allowlist refuses this computer', async () => {
    sb.controls.setApp(sb.practiceApp.id, { serverIpWhitelist: '203.0.113.7' })
    const { code, report } = await doctor()
    expect(code).toBe(1)
    expect(finding(report, 'ip-allow-list').status).toBe('failure')
  })

  it('warns about permissions App Review has not approved, for the purpose asked', async () => {
    sb.controls.setApp(sb.practiceApp.id, { approvedPermissions: ['pages_show_list', 'pages_read_engagement'] })
    const ads = await doctor({}, ['--purpose', 'manage-ads'])
    expect(finding(ads.report, 'permissions')).toMatchObject({ status: 'warning', reason: expect.stringMatching(/^Not approved in App Review: ads_management, ads_read, business_management\./) as string })
    const pages = await doctor({}, ['--purpose', 'manage-pages'])
    expect(finding(pages.report, 'permissions').reason).toMatch(/Not approved in App Review: pages_manage_posts, pages_manage_metadata\./)
  })

  it('extend with a wrong App Secret says the secret is wrong, never Native/Desktop (the report in the issue)', async () => {
    const token = userToken(sb, { lifetime: 'short' })
    const wrong = 'c'.repeat(32)
    const seen = sb.requests.length
    const result = await runMain(['extend', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_APP_SECRET: wrong }), stdin: token })
    expect(result.code).toBe(2)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'wrong-secret' } })
    expect(result.stderr).toMatch(/Facebook rejected the App Secret: it is wrong\./)
    expect(result.stderr).toContain('TOKEN_DESK_APP_SECRET')
    expect(result.stderr).not.toMatch(/Native/)
    // debug_token answered as if no token was sent; asking for an app token with the same secret told them apart.
    const asked = sb.requests.slice(seen).map((r) => r.path.replace(/^\/v\d+\.\d+/, ''))
    expect(asked).toEqual(['/debug_token', '/oauth/access_token'])
    expectAbsent(result.stdout + result.stderr, [token, wrong])
  })

  it('exit 2 for an unknown purpose', async () => {
    const result = await runMain(['doctor', '--json', '--purpose', 'everything'], { env: sandboxEnv(sb) })
    expect(result.code).toBe(2)
  })

  it('prints a readable report without --json', async () => {
    sb.controls.setApp(sb.practiceApp.id, { blocked: true })
    const result = await runMain(['doctor'], { env: sandboxEnv(sb) })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^App \d+: 1 failure\.\n/)
    expect(result.stdout).toMatch(/✕ API access +Facebook has blocked/)
    expect(result.stdout).toMatch(/Where: App Dashboard > /)
  })
})

describe('the built command, as scripts run it', () => {
  beforeAll(() => ensureBuiltCli(), 120_000)

  it('exit 3 when Facebook cannot be reached', async () => {
    const env = baseEnv({ TOKEN_DESK_APP_ID: sb.practiceApp.id, TOKEN_DESK_APP_SECRET: sb.practiceApp.secret, TOKEN_DESK_GRAPH_URL: 'http://127.0.0.1:9', TOKEN_DESK_WWW_URL: 'http://127.0.0.1:9', TOKEN_DESK_RETRY_MAX_MS: '1500' })
    const result = await runBuilt(['doctor', '--json'], { env })
    expect(result.code).toBe(3)
    expect((onlyJson(result.stdout) as DoctorReport).outcome).toBe('unreachable')
    expect(BUILT_CLI).toMatch(/token-desk\.js$/)
  })

  it('exit 0, 1 as the app changes, from the built file', async () => {
    expect((await runBuilt(['doctor', '--json'], { env: sandboxEnv(sb) })).code).toBe(0)
    sb.controls.setApp(sb.practiceApp.id, { blocked: true })
    const blocked = await runBuilt(['doctor', '--json'], { env: sandboxEnv(sb) })
    expect(blocked.code).toBe(1)
    expectAbsent(blocked.stdout + blocked.stderr, [sb.practiceApp.secret])
  })
})

describe('token-desk doctor with TOKEN_DESK_CONFIG_ID (Facebook Login for Business)', () => {
  let config: string
  beforeEach(() => {
    sb.controls.setApp(sb.practiceApp.id, { loginKind: 'business' })
    config = sb.controls.createLoginConfiguration({ appId: sb.practiceApp.id, name: 'CLI', tokenType: 'user', expiry: '60_days', permissions: ['ads_management', 'ads_read', 'business_management', 'pages_show_list', 'pages_read_engagement'], assetTypes: ['pages'] }).id
  })
  // The other tests know only the classic app.
  afterAll(() => sb.controls.setApp(sb.practiceApp.id, { loginKind: 'classic' }))

  it('exit 0: the dialog is opened through the configuration, which the app lists', async () => {
    const { code, report } = await doctor({ TOKEN_DESK_CONFIG_ID: config })
    expect(code).toBe(0)
    expect(finding(report, 'login-dialog').status).toBe('pass')
    expect(finding(report, 'login-for-business')).toMatchObject({ status: 'pass', reason: expect.stringContaining(`through the configuration ${config}`) as string })
    expect(finding(report, 'login-for-business').reason).toContain('Facebook lists it among the app’s configurations')
  })

  it('exit 1 for a Configuration ID the app does not have: “Config ID is invalid”, with where to copy it again', async () => {
    const { code, report } = await doctor({ TOKEN_DESK_CONFIG_ID: '1111222233334444' })
    expect(code).toBe(1)
    expect(finding(report, 'login-dialog')).toMatchObject({ status: 'failure', where: 'App Dashboard > Facebook Login for Business > Configurations' })
    expect(finding(report, 'login-dialog').reason).toContain('Config ID is invalid')
    expect(finding(report, 'login-for-business').status).toBe('warning')
    expect(finding(report, 'login-for-business').reason).toContain('not among the app’s configurations')
  })

  it('exit 1 for the Business app asked without one: the refusal, both causes, and the configuration as the fix', async () => {
    const { code, report } = await doctor()
    expect(code).toBe(1)
    expect(finding(report, 'login-dialog').reason).toMatch(/1\. The app is a Business app/)
    expect(finding(report, 'login-for-business')).toMatchObject({ status: 'failure', where: 'App Dashboard > Facebook Login for Business > Configurations' })
  })

  it('exit 2 for a TOKEN_DESK_CONFIG_ID that is not a Configuration ID', async () => {
    const result = await runMain(['doctor', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_CONFIG_ID: 'my-config' }) })
    expect(result.code).toBe(2)
    expect(result.stdout + result.stderr).toContain('TOKEN_DESK_CONFIG_ID must be a Configuration ID')
  })

  it('exit 3 when Facebook cannot be reached, as before', async () => {
    const { code } = await doctor({ TOKEN_DESK_CONFIG_ID: config, TOKEN_DESK_GRAPH_URL: 'http://127.0.0.1:9', TOKEN_DESK_WWW_URL: 'http://127.0.0.1:9', TOKEN_DESK_RETRY_MAX_MS: '300' })
    expect(code).toBe(3)
  })
})
