import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import { createAppCore } from '../../../main/core/app/create'
import { silentLogger } from '../../../main/core/log'
import type { Sandbox } from '../../../main/core/sandbox'
import { createNodeCipher } from '../../../main/core/vault'
import { expectAbsent, onlyJson, PASSPHRASE, runMain, sandboxEnv, snapshotTree, startTestSandbox, tempHome, userToken } from './support'

const DAY = 86_400_000

interface Summary {
  id: string
  name: string
  kind: string
  last4: string
  expiresAt: string | null
  neverExpires: boolean
  dataAccessExpiresAt: string | null
  status: string
  problem?: { reason: string } | null
  lastCheckedAt?: string | null
}

let sb: Sandbox
beforeAll(async () => {
  sb = await startTestSandbox()
})
afterAll(() => sb.close())

const envFor = (home: string, extra: Env = {}): Env => sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE, ...extra })
const tokensDir = (home: string): string => join(home, 'vault', 'tokens')

describe('add, list, token, check, remove', () => {
  it('stores, lists, prints, checks and removes tokens, and the app sees what the CLI stored', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const user = userToken(sb)
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
    const secrets = [user, page, sb.practiceApp.secret, PASSPHRASE]

    const added = await runMain(['add', '--name', 'My Page', '--json'], { env, stdin: page })
    expect(added.code).toBe(0)
    const summary = onlyJson(added.stdout) as Summary
    expect(Object.keys(summary)).toEqual(['id', 'name', 'kind', 'last4', 'expiresAt', 'neverExpires', 'dataAccessExpiresAt', 'status'])
    expect(summary).toMatchObject({ name: 'My Page', kind: 'PAGE', last4: page.slice(-4), neverExpires: true, expiresAt: null, status: 'valid' })

    const addedUser = await runMain(['add'], { env, stdin: user })
    expect(addedUser.code).toBe(0)
    expect(addedUser.stdout).toMatch(new RegExp(`^Stored: +${sb.practiceUser.name} \\(user token\\) \\(id [\\w-]+\\)$`, 'm'))
    expect(addedUser.stdout).toContain(`…${user.slice(-4)}`)

    // Encrypted at rest: neither token is in any file under the home.
    for (const bytes of (await snapshotTree(home)).values()) expectAbsent(Buffer.from(bytes, 'base64').toString('latin1'), secrets)

    const listed = await runMain(['list', '--json'], { env })
    expect(listed.code).toBe(0)
    const rows = onlyJson(listed.stdout) as Summary[]
    expect(rows.map((r) => r.name)).toEqual(['My Page', `${sb.practiceUser.name} (user token)`])
    expect(rows[0]).toMatchObject({ id: summary.id, status: 'valid', problem: null })

    const printed = await runMain(['token', 'My Page'], { env })
    expect(printed).toMatchObject({ code: 0, stdout: `${page}\n` })
    expectAbsent(printed.stderr, secrets)
    const byId = await runMain(['token', rows[1]!.id, '--json'], { env })
    expect(onlyJson(byId.stdout)).toMatchObject({ token: user, id: rows[1]!.id, name: rows[1]!.name, kind: 'USER', status: 'valid' })

    const checked = await runMain(['check', '--json'], { env })
    expect(checked.code).toBe(0)
    const checkedRows = onlyJson(checked.stdout) as Summary[]
    expect(checkedRows.map((r) => r.status)).toEqual(['valid', 'valid'])
    expect(Date.now() - Date.parse(checkedRows[0]!.lastCheckedAt!)).toBeLessThan(60_000)

    // The desktop app and the web host compose createAppCore over the same home: it sees the tokens.
    const core = createAppCore({
      cipher: await createNodeCipher({ home, passphrase: PASSPHRASE, keyring: null }),
      settingsDir: home,
      loginWindow: { open: () => Promise.resolve({ kind: 'cancelled' }), clearSession: () => Promise.resolve() },
      clipboard: { copy() {} },
      notifier: { notify() {} },
      log: silentLogger,
      platform: { setStartAtLogin() {} },
    })
    await core.start()
    expect(core.state().tokens.map((t) => [t.id, t.name, t.kind, t.status])).toEqual([
      [summary.id, 'My Page', 'PAGE', 'valid'],
      [rows[1]!.id, rows[1]!.name, 'USER', 'valid'],
    ])
    await core.stop()

    const removed = await runMain(['remove', 'my page', '--json'], { env })
    expect(removed.code).toBe(0)
    expect(onlyJson(removed.stdout)).toEqual({ id: summary.id, name: 'My Page', removed: true })
    const gone = await runMain(['token', 'My Page', '--json'], { env })
    expect(gone.code).toBe(2)
    expect(onlyJson(gone.stdout)).toMatchObject({ error: { code: 'not-found' } })
    const after = onlyJson((await runMain(['list', '--json'], { env })).stdout) as Summary[]
    expect(after.map((r) => r.id)).toEqual([rows[1]!.id])
    expect(listed.stdout + checked.stdout + removed.stdout + added.stdout + addedUser.stdout).not.toContain(user)
  })

  it('refuses to store without a vault key, and writes nothing', async () => {
    const home = await tempHome()
    const result = await runMain(['add', '--json'], { env: envFor(home, { TOKEN_DESK_PASSPHRASE: undefined }), stdin: userToken(sb) })
    expect(result.code).toBe(2)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'vault-locked', message: expect.stringContaining('Set TOKEN_DESK_PASSPHRASE') as string } })
    expect(await readdir(home)).toEqual([])
  })

  it('does not store a token Graph says is dead (exit 1)', async () => {
    const home = await tempHome({ cheapKey: true })
    const token = userToken(sb)
    sb.controls.invalidateToken(token, 466)
    const result = await runMain(['add', '--json'], { env: envFor(home), stdin: token })
    expect(result.code).toBe(1)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'invalidated' } })
    expect(existsSync(tokensDir(home)) ? await readdir(tokensDir(home)) : []).toEqual([])
  })

  it('replaces the stored token of the same page, keeping its id and name, and refuses a taken name', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const pageId = sb.pages[1]!.id
    const first = onlyJson((await runMain(['add', '--name', 'Shop', '--json'], { env, stdin: sb.issueToken({ kind: 'PAGE', pageId, lifetime: 'long' }) })).stdout) as Summary
    const newer = sb.issueToken({ kind: 'PAGE', pageId, lifetime: 'long' })
    const second = await runMain(['add', '--json'], { env, stdin: newer })
    expect(onlyJson(second.stdout)).toMatchObject({ id: first.id, name: 'Shop', last4: newer.slice(-4) })
    expect(second.stderr).toContain('replaces the stored token')
    const clash = await runMain(['add', '--name', 'Shop'], { env, stdin: userToken(sb) })
    expect(clash.code).toBe(2)
    expect(clash.stderr).toContain('already named "Shop"')
  })

  it('marks a token expiring within the widest reminder as expiring, which check counts as valid', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const added = onlyJson((await runMain(['add', '--json'], { env, stdin: userToken(sb, { expiresInSeconds: 3 * DAY / 1000 }) })).stdout) as Summary
    expect(added.status).toBe('expiring')
    const checked = await runMain(['check'], { env })
    expect(checked.code).toBe(0)
    expect(checked.stdout).toMatch(/expiring +in (2|3) days/)
  })
})

describe('check', () => {
  it('exits 1 and records the reason when Graph says a stored token died', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const alive = sb.issueToken({ kind: 'SYSTEM_USER' })
    const doomed = userToken(sb)
    await runMain(['add', '--name', 'Alive'], { env, stdin: alive })
    await runMain(['add', '--name', 'Doomed'], { env, stdin: doomed })
    sb.controls.invalidateToken(doomed, 467)
    const result = await runMain(['check', '--json'], { env })
    expect(result.code).toBe(1)
    const rows = onlyJson(result.stdout) as Summary[]
    expect(rows.map((r) => [r.name, r.status, r.problem?.reason ?? null])).toEqual([
      ['Alive', 'valid', null],
      ['Doomed', 'dead', 'logged-out'],
    ])
    // Recorded in the vault: list, which asks Graph nothing, shows it too.
    const listed = await runMain(['list'], { env })
    expect(listed.stdout).toMatch(/^Doomed +USER +…\S{4} +dead /m)
    expect(listed.stdout).toContain('Facebook ended your session: “Doomed” stopped. Log in with Facebook again in the Token Desk app')
  })

  it('exits 3 when Graph cannot be reached, and changes no stored status', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    await runMain(['add', '--name', 'Kept'], { env, stdin: userToken(sb) })
    const before = await snapshotTree(tokensDir(home))
    const result = await runMain(['check', '--json'], { env: { ...env, TOKEN_DESK_GRAPH_URL: 'http://127.0.0.1:9', TOKEN_DESK_RETRY_MAX_MS: '400' } })
    expect(result.code).toBe(3)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'network', message: expect.stringContaining('no token was marked') as string } })
    expect(await snapshotTree(tokensDir(home))).toEqual(before)
  })

  it('exits 2 for a wrong App Secret, without marking anything dead', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    await runMain(['add', '--name', 'Kept'], { env, stdin: userToken(sb) })
    const before = await snapshotTree(tokensDir(home))
    const wrong = 'e'.repeat(32)
    const result = await runMain(['check', '--json'], { env: { ...env, TOKEN_DESK_APP_SECRET: wrong } })
    expect(result.code).toBe(2)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'wrong-secret' } })
    expectAbsent(result.stdout + result.stderr, [wrong, PASSPHRASE])
    expect(await snapshotTree(tokensDir(home))).toEqual(before)
  })
})

describe('the vault on disk', () => {
  it('a wrong passphrase exits 2 for every vault command and changes no byte', async () => {
    const home = await tempHome({ cheapKey: true })
    const token = userToken(sb)
    await runMain(['add', '--name', 'Mine'], { env: envFor(home), stdin: token })
    const before = await snapshotTree(home)
    const wrong = envFor(home, { TOKEN_DESK_PASSPHRASE: 'not the passphrase' })
    for (const args of [['list', '--json'], ['add', '--json'], ['check', '--json'], ['token', 'Mine', '--json'], ['remove', 'Mine', '--json']]) {
      const result = await runMain(args, { env: wrong, stdin: userToken(sb) })
      expect(result.code, args.join(' ')).toBe(2)
      expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'wrong-passphrase' } })
      expectAbsent(result.stdout + result.stderr, [token, 'not the passphrase', PASSPHRASE])
    }
    expect(await snapshotTree(home)).toEqual(before)
  })

  it('reports an unreadable store file on list, which leaves it in place, and a writing command moves it aside', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    await runMain(['add', '--name', 'Good'], { env, stdin: userToken(sb) })
    await writeFile(join(tokensDir(home), 'broken.json'), '{ this is not json')
    const listed = await runMain(['list', '--json'], { env })
    expect(listed.code).toBe(0)
    expect((onlyJson(listed.stdout) as Summary[]).map((r) => r.name)).toEqual(['Good'])
    expect(listed.stderr).toContain('A stored token could not be read (it is not valid JSON). Sign in again to replace it.')
    expect(await readdir(tokensDir(home))).toContain('broken.json')
    const result = await runMain(['add', '--name', 'Also good'], { env, stdin: userToken(sb) })
    expect(result.code, result.stderr).toBe(0)
    const files = await readdir(tokensDir(home))
    const aside = files.find((f) => f.startsWith('broken.unreadable-'))
    expect(aside).toBeDefined()
    expect(result.stderr).toContain(`set aside as ${aside}`)
    expect(await readFile(join(tokensDir(home), aside!), 'utf8')).toBe('{ this is not json')
  })

  it('lists without the passphrase but will not print a token, and says what to set', async () => {
    const home = await tempHome({ cheapKey: true })
    await runMain(['add', '--name', 'Mine'], { env: envFor(home), stdin: userToken(sb) })
    const env = envFor(home, { TOKEN_DESK_PASSPHRASE: undefined })
    const listed = await runMain(['list'], { env })
    // Listed as last checked, but the tokens cannot be used: configuration, exit 2.
    expect(listed.code).toBe(2)
    expect(listed.stdout).toMatch(/^Mine +USER +…\S{4} +valid/m)
    expect(listed.stderr).toContain('Set TOKEN_DESK_PASSPHRASE')
    const printed = await runMain(['token', 'Mine'], { env })
    expect(printed.code).toBe(2)
    expect(printed.stdout).toBe('')
    expect(printed.stderr).toContain('TOKEN_DESK_PASSPHRASE')
  })

  it('a token the desktop app saved before the shared vault is listed, explained and left untouched', async () => {
    const home = await tempHome({ cheapKey: true })
    await mkdir(tokensDir(home), { recursive: true })
    const record = { v: 1, id: 'desk1', meta: { name: 'From the app', kind: 'USER', last4: 'abcd', appId: '1', userId: '2', profileId: null, scopes: [], purpose: null, expiresAt: null, neverExpires: true, dataAccessExpiresAt: null, status: 'valid', problem: null, lastCheckedAt: null, diedAt: null, parentId: null, createdAt: 0 }, secret: { backend: 'safeStorage:gnome_libsecret', alg: 'safeStorage', data: 'AAAA' } }
    await writeFile(join(tokensDir(home), 'desk1.json'), JSON.stringify(record))
    const before = await snapshotTree(home)
    const result = await runMain(['list', '--json'], { env: envFor(home) })
    expect(result.code, result.stderr).toBe(0)
    expect(onlyJson(result.stdout)).toMatchObject([{ id: 'desk1', status: 'needs-relogin', problem: { message: expect.stringContaining('start the desktop app once') as string } }])
    expect(result.stderr).toContain('From the app: It was saved by the desktop app')
    const printed = await runMain(['token', 'From the app', '--json'], { env: envFor(home) })
    expect(printed.code).toBe(2)
    expect(onlyJson(printed.stdout)).toMatchObject({ error: { code: 'unreadable', message: expect.stringContaining('start the desktop app once') as string } })
    expect(await snapshotTree(home)).toEqual(before)
  })
})
