import { PassThrough } from 'node:stream'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../main/cli/main'
import type { Env } from '../../../main/cli/config'
import type { Sandbox } from '../../../main/core/sandbox'
import { BUILT_CLI, ensureBuiltCli, expectAbsent, onlyJson, PASSPHRASE, runBuilt, runMain, sandboxEnv, snapshotTree, startTestSandbox, tempHome, userToken, type Result } from './support'

let sb: Sandbox
beforeAll(async () => {
  ensureBuiltCli()
  sb = await startTestSandbox({ tier: 'standard_access' })
}, 120_000)
afterAll(() => sb.close())
afterEach(() => {
  // Each test starts from the seeded business: the practice user its admin, the tier Full.
  sb.controls.clearFaults()
  sb.controls.setAccessTier('standard_access')
  sb.controls.setSystemUserLevel(null)
  sb.controls.setApprovedPermissions(sb.practiceApp.id, null)
  sb.controls.setBusinessRole(sb.businesses[0]!.id, sb.practiceUser.id, 'ADMIN')
  sb.controls.setAppInstalled(sb.systemUsers.find((u) => u.name === 'Practice Reporting Server')!.id, false)
})

const business = () => sb.businesses[0]!
const su = (name: string) => sb.systemUsers.find((u) => u.name === name)!
const adminToken = (scopes = ['business_management', 'ads_management', 'ads_read']) => sb.issueToken({ kind: 'USER', scopes })
const envFor = (home: string, extra: Env = {}): Env => sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE, ...extra })
const mintArgs = (name: string, ...more: string[]) => ['mint', '--business', business().id, '--system-user', su(name).id, '--scopes', 'ads_management,ads_read', ...more]
const errorOf = (r: Result) => (onlyJson(r.stdout) as { error: { code: string; message: string } }).error
const mintsSince = (from: number) => sb.requests.slice(from).filter((r) => r.method === 'POST' && r.path.endsWith('/access_tokens')).length

/** A stored token's value, read as a script would. */
async function stored(env: Env, name: string): Promise<string> {
  const r = await runMain(['token', name], { env })
  expect(r.code).toBe(0)
  return r.stdout.trim()
}

describe('token-desk system-users', () => {
  it('lists businesses, system users with roles, and the allowance; the admin token is never echoed', async () => {
    const caller = adminToken()
    const r = await runMain(['system-users', '--json'], { env: sandboxEnv(sb), stdin: `${caller}\n` })
    expect(r.code).toBe(0)
    expect(onlyJson(r.stdout)).toEqual({
      businesses: [
        {
          id: business().id,
          name: 'Practice Business',
          admin: true,
          systemUsers: [
            { id: su('Practice System User').id, name: 'Practice System User', role: 'ADMIN' },
            { id: su('Practice Reporting Server').id, name: 'Practice Reporting Server', role: 'EMPLOYEE' },
            { id: su('Practice Night Batch').id, name: 'Practice Night Batch', role: 'EMPLOYEE' },
          ],
        },
      ],
      allowance: { tier: 'standard_access', todayName: 'Full', level: 'standard', regular: 10, admin: 1, apiMinting: true },
    })
    const text = await runMain(['system-users'], { env: sandboxEnv(sb), stdin: caller })
    expect(text.stdout).toMatch(/^Practice Business +Practice Reporting Server +EMPLOYEE +\d+ \/ \d+$/m)
    expect(text.stdout).toContain('The Standard level (Full today) allows 10 system users and 1 admin system user.')
    expectAbsent(r.stdout + r.stderr + text.stdout + text.stderr, [caller, sb.practiceApp.secret])
  })

  it('marks a business where the person is not an admin, and refuses a token without business_management (exit 1)', async () => {
    sb.controls.setBusinessRole(business().id, sb.practiceUser.id, 'EMPLOYEE')
    const r = await runMain(['system-users', '--json'], { env: sandboxEnv(sb), stdin: adminToken() })
    expect(r.code).toBe(0)
    expect((onlyJson(r.stdout) as { businesses: unknown[] }).businesses).toEqual([{ id: business().id, name: 'Practice Business', admin: false, systemUsers: [] }])
    const without = await runMain(['system-users', '--json'], { env: sandboxEnv(sb), stdin: adminToken(['ads_read']) })
    expect(without.code).toBe(1)
    expect(errorOf(without)).toMatchObject({ code: 'needs-business-management' })
    const none = await runMain(['system-users', '--json'], { env: sandboxEnv(sb) })
    expect(none.code).toBe(2)
  })
})

describe('token-desk mint', () => {
  it('stores a never-expiring token with --name, verified as SYSTEM_USER, and prints no token', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const caller = adminToken()
    const r = await runMain([...mintArgs('Practice Reporting Server', '--name', 'Reporting', '--used-in', 'n8n production'), '--json'], { env, stdin: caller })
    expect(r.code).toBe(0)
    const summary = onlyJson(r.stdout) as Record<string, unknown>
    expect(summary).toMatchObject({ name: 'Reporting', kind: 'SYSTEM_USER', neverExpires: true, status: 'valid', usedIn: 'n8n production' })
    expect(summary.systemUser).toEqual({ businessId: business().id, id: su('Practice Reporting Server').id, name: 'Practice Reporting Server' })
    const token = await stored(env, 'Reporting')
    expect(sb.tokenInfo(token)).toMatchObject({ kind: 'SYSTEM_USER', expiresAt: 0, userId: su('Practice Reporting Server').id, deadSubcode: null })
    expectAbsent(r.stdout + r.stderr, [caller, token, sb.practiceApp.secret, PASSPHRASE])
    for (const bytes of (await snapshotTree(home)).values()) expectAbsent(Buffer.from(bytes, 'base64').toString('latin1'), [token, caller])
  })

  it('prints a 60-day token with --json when nothing is stored, and refuses to mint into nowhere', async () => {
    const seen = sb.requests.length
    const nowhere = await runMain(mintArgs('Practice System User'), { env: sandboxEnv(sb), stdin: adminToken() })
    expect(nowhere.code).toBe(2)
    expect(nowhere.stderr).toMatch(/--name NAME stores it in the vault, --json prints it\. Nothing was made\./)
    expect(mintsSince(seen)).toBe(0)
    const r = await runMain([...mintArgs('Practice System User', '--expires-60-days'), '--json'], { env: sandboxEnv(sb), stdin: adminToken() })
    expect(r.code).toBe(0)
    const out = onlyJson(r.stdout) as { token: string; type: string; neverExpires: boolean; expiresAt: string }
    expect(out).toMatchObject({ type: 'SYSTEM_USER', neverExpires: false })
    expect((Date.parse(out.expiresAt) - Date.now()) / 86_400_000).toBeGreaterThan(59)
    expect(sb.tokenInfo(out.token)?.kind).toBe('SYSTEM_USER')
  })

  it.each([
    ['the tier forbids minting through the API', () => sb.controls.setAccessTier('development_access'), 2, 'tier', /Limited Marketing API access.*Business Settings/],
    ['the allowance is used up', () => sb.controls.setSystemUserLevel('development'), 2, 'limit', /reached the number of system users its access level allows/],
    ['the person is not an admin', () => sb.controls.setBusinessRole(business().id, sb.practiceUser.id, 'EMPLOYEE'), 1, 'not-admin', /not an admin of the business “Practice Business”/],
    ['a permission is not approved', () => sb.controls.setApprovedPermissions(sb.practiceApp.id, ['ads_read', 'business_management']), 2, 'scope-not-approved', /Facebook refused ads_management: the app is not approved for it/],
  ])('says what to do when %s', async (_label, arrange, exitCode, code, words) => {
    arrange()
    const home = await tempHome({ cheapKey: true })
    const caller = adminToken()
    const r = await runMain([...mintArgs('Practice Reporting Server', '--name', 'Refused'), '--json'], { env: envFor(home), stdin: caller })
    expect(r.code).toBe(exitCode)
    expect(errorOf(r).code).toBe(code)
    expect(errorOf(r).message).toMatch(words)
    expectAbsent(r.stdout + r.stderr, [caller])
    const listed = await runMain(['list', '--json'], { env: envFor(home) })
    expect(onlyJson(listed.stdout)).toEqual([])
  })

  it('takes tokens only on standard input: a token as an argument is refused and not echoed', async () => {
    const caller = adminToken()
    const r = await runBuilt([...mintArgs('Practice System User'), '--json', '--token', caller], { env: sandboxEnv(sb) })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/never taken from the command line/)
    expectAbsent(r.stdout + r.stderr, [caller])
    const positional = await runBuilt(['system-users', caller], { env: sandboxEnv(sb) })
    expect(positional.code).toBe(2)
    expectAbsent(positional.stdout + positional.stderr, [caller])
    // The built file reads the admin token from a real pipe.
    const piped = await runBuilt(['system-users', '--json'], { env: sandboxEnv(sb), stdin: `${caller}\n` })
    expect(piped.code).toBe(0)
    expect(BUILT_CLI).toMatch(/token-desk\.js$/)
  })
})

describe('token-desk revoke', () => {
  it('revokes a stored user login, verifies it, removes it, and records its Page token as ended', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const user = userToken(sb, { scopes: ['pages_show_list', 'pages_read_engagement'] })
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
    expect((await runMain(['add', '--name', 'Me'], { env, stdin: user })).code).toBe(0)
    expect((await runMain(['add', '--name', 'Page'], { env, stdin: page })).code).toBe(0)
    const r = await runMain(['revoke', 'Me', '--json'], { env })
    expect(r.code).toBe(0)
    expect(onlyJson(r.stdout)).toMatchObject({ name: 'Me', scope: 'login', alreadyDead: false, verdict: 'The token was revoked.', alsoEnded: [{ name: 'Page' }], removed: true })
    expect(sb.tokenInfo(user)?.deadSubcode).toBe(466)
    const listed = onlyJson((await runMain(['list', '--json'], { env })).stdout) as { name: string; status: string }[]
    expect(listed.map((t) => [t.name, t.status])).toEqual([['Page', 'dead']])
    expect(r.stderr).toMatch(/Ends the whole login/)
    expectAbsent(r.stdout + r.stderr, [user, page])
  })

  it('takes back one permission with --permission and keeps the token', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const user = userToken(sb, { scopes: ['pages_show_list', 'ads_read'] })
    await runMain(['add', '--name', 'Reader'], { env, stdin: user })
    const r = await runMain(['revoke', 'Reader', '--permission', 'ads_read'], { env })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/debug_token now says: It still works, without ads_read\.\nIt stays in the vault\./)
    expect(sb.tokenInfo(user)).toMatchObject({ deadSubcode: null })
    expect(sb.tokenInfo(user)?.scopes).not.toContain('ads_read')
  })

  it("revokes a system user's tokens; a failed revoke changes nothing (exit 3)", async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    await runMain([...mintArgs('Practice Night Batch', '--name', 'Batch')], { env, stdin: adminToken() })
    const token = await stored(env, 'Batch')
    sb.controls.injectFault({ kind: 'error', code: 2, method: 'DELETE', times: Infinity })
    const before = await snapshotTree(home)
    const failed = await runMain(['revoke', 'Batch', '--json'], { env })
    expect(failed.code).toBe(3)
    expect(await snapshotTree(home)).toEqual(before)
    expect(sb.tokenInfo(token)?.deadSubcode).toBeNull()
    sb.controls.clearFaults()
    const r = await runMain(['revoke', 'Batch'], { env })
    expect(r.code).toBe(0)
    expect(sb.tokenInfo(token)?.deadSubcode).toBe(466)
    expect(r.stdout).toMatch(/^Revoked Batch \(…\S{4}\) at Facebook\. debug_token now says: The token was revoked\./)
    expectAbsent(r.stdout + r.stderr + failed.stdout + failed.stderr, [token])
  })
})

/** main() with a stdin the test writes to once `prompt` shows on stderr, as a person pasting would. */
async function runInteractive(args: string[], env: Env, prompt: RegExp, answer: () => string): Promise<Result> {
  const stdin = new PassThrough()
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')))
  stderr.on('data', (c: Buffer) => {
    err += c.toString('utf8')
    if (prompt.test(err) && stdin.writable && !stdin.writableEnded) stdin.end(`${answer()}\n`)
  })
  const code = await main({ argv: args, env, stdin, stdout, stderr })
  return { code, stdout: out, stderr: err }
}

describe('token-desk rotate', () => {
  it('a system-user token: minted anew, stored in place, the old revoked; says where to update it', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    await runMain([...mintArgs('Practice Reporting Server', '--name', 'Robot', '--used-in', '~/ads/.env')], { env, stdin: adminToken() })
    const old = await stored(env, 'Robot')
    const caller = adminToken()
    const r = await runMain(['rotate', 'Robot', '--json'], { env, stdin: caller })
    expect(r.code).toBe(0)
    expect(onlyJson(r.stdout)).toMatchObject({ name: 'Robot', status: 'done', replacements: 2, verdict: 'The token was revoked.', updateIn: [{ name: 'Robot', usedIn: '~/ads/.env' }], next: null })
    const now = await stored(env, 'Robot')
    expect(now).not.toBe(old)
    expect(sb.tokenInfo(old)?.deadSubcode).toBe(466)
    expect(sb.tokenInfo(now)).toMatchObject({ kind: 'SYSTEM_USER', deadSubcode: null, expiresAt: 0 })
    const text = await runMain(['rotate', 'Robot'], { env, stdin: caller })
    expect(text.stdout).toMatch(/Update the token in:\n {2}~\/ads\/\.env {2}\(Robot\)/)
    expectAbsent(r.stdout + r.stderr + text.stdout + text.stderr, [caller, old, now])
  })

  it('a system-user token whose revoke fails keeps the old one stored and working (exit 3)', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    await runMain([...mintArgs('Practice Night Batch', '--name', 'Nightly')], { env, stdin: adminToken() })
    const old = await stored(env, 'Nightly')
    sb.controls.injectFault({ kind: 'error', code: 2, method: 'DELETE', path: 'access_tokens', times: Infinity })
    const r = await runMain(['rotate', 'Nightly', '--json'], { env, stdin: adminToken() })
    expect(r.code).toBe(3)
    expect(errorOf(r)).toMatchObject({ code: 'revoke-failed' })
    expect(errorOf(r).message).toMatch(/the old token is back in place and still works/)
    expect(await stored(env, 'Nightly')).toBe(old)
    expect(sb.tokenInfo(old)?.deadSubcode).toBeNull()
  })

  it('a system-user replacement Facebook refuses (the tier) changes nothing (exit 2)', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    await runMain([...mintArgs('Practice Night Batch', '--name', 'Kept')], { env, stdin: adminToken() })
    const old = await stored(env, 'Kept')
    const before = await snapshotTree(home)
    sb.controls.setAccessTier('development_access')
    const r = await runMain(['rotate', 'Kept', '--json'], { env, stdin: adminToken() })
    expect(r.code).toBe(2)
    expect(errorOf(r).message).toMatch(/^No replacement was stored: Your app has Limited Marketing API access.*Nothing was changed/)
    expect(await snapshotTree(home)).toEqual(before)
    expect(sb.tokenInfo(old)?.deadSubcode).toBeNull()
  })

  it('a user token needs --revoke-first, then takes a new token pasted after the revoke', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const user = userToken(sb, { scopes: ['pages_show_list', 'ads_read'] })
    expect((await runMain(['add', '--name', 'Mine', '--used-in', 'reports cron'], { env, stdin: user })).code).toBe(0)
    const seen = sb.requests.length
    const refused = await runMain(['rotate', 'Mine'], { env })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/--revoke-first/)
    expect(sb.requests.slice(seen).filter((r) => r.method === 'DELETE')).toEqual([])

    let fresh = ''
    const r = await runInteractive(['rotate', 'Mine', '--revoke-first', '--json'], env, /paste it here, then press Enter:/, () => {
      // Made after the revoke, as the person would make it now.
      fresh = userToken(sb, { scopes: ['pages_show_list', 'ads_read'] })
      return fresh
    })
    expect(r.code).toBe(0)
    expect(onlyJson(r.stdout)).toMatchObject({ status: 'done', replacements: 1, updateIn: [{ name: 'Mine', usedIn: 'reports cron' }] })
    expect(sb.tokenInfo(user)?.deadSubcode).toBe(466)
    expect(await stored(env, 'Mine')).toBe(fresh)
    expect(sb.tokenInfo(fresh)?.deadSubcode).toBeNull()
    expectAbsent(r.stdout + r.stderr, [user, fresh])
  })

  it('a user token pasted from before the revoke is ended too: exit 1, and the next step said', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const user = userToken(sb, { scopes: ['pages_show_list'] })
    const early = userToken(sb, { scopes: ['pages_show_list'] })
    await runMain(['add', '--name', 'Early'], { env, stdin: user })
    const r = await runMain(['rotate', 'Early', '--revoke-first', '--json'], { env, stdin: early })
    expect(r.code).toBe(1)
    const out = onlyJson(r.stdout) as { status: string; next: string }
    expect(out.status).toBe('revoked-without-replacement')
    expect(out.next).toMatch(/The old token is revoked, but no replacement could be made: the new token cannot stand in for the old one: Facebook does not accept it/)
    const listed = onlyJson((await runMain(['list', '--json'], { env })).stdout) as { status: string }[]
    expect(listed.map((t) => t.status)).toEqual(['dead'])
  })
})
