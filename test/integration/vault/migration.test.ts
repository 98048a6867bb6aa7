/**
 * Homes written in the format before the shared vault (test/fixtures/vault-v1, made by that
 * commit's own code) are moved under the data key on first open, without loss: every token
 * reads back the same, the older bytes are kept until the move is confirmed, and a home this
 * process cannot move is left byte for byte as it was.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import { createAppCore } from '../../../main/core/app/create'
import { silentLogger } from '../../../main/core/log'
import { createNodeCipher, keySlotsPath, nodeFs, openVault, type FsPort } from '../../../main/core/vault'
import type { TokenMeta } from '../../../main/core/tokens/record'
import { expectAbsent, onlyJson, runMain, snapshotTree } from '../cli/support'
import { CHEAP, desktopCipher, FIXTURE_PASSPHRASE, FIXTURE_TOKENS, fixtureHome } from './support'

const cliEnv = (home: string, extra: Env = {}): Env => ({ PATH: process.env.PATH, HOME: process.env.HOME, TOKEN_DESK_KEYRING: 'off', TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: FIXTURE_PASSPHRASE, ...extra })
const tokensDir = (home: string) => join(home, 'vault', 'tokens')
const ALL_SECRETS = Object.values(FIXTURE_TOKENS)

async function entryFiles(dir: string): Promise<Record<string, { v: number; secret: { backend: string; key?: string } | null }>> {
  const out: Record<string, { v: number; secret: { backend: string; key?: string } | null }> = {}
  for (const name of (await readdir(dir)).filter((n) => /^[\w-]+\.json$/.test(n))) out[name] = JSON.parse(await readFile(join(dir, name), 'utf8')) as never
  return out
}

async function plainTextNowhere(home: string): Promise<void> {
  for (const [path, bytes] of await snapshotTree(home)) {
    try {
      expectAbsent(Buffer.from(bytes, 'base64').toString('latin1'), [...ALL_SECRETS, FIXTURE_PASSPHRASE])
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`)
    }
  }
}

function appCore(home: string, cipher: Awaited<ReturnType<typeof desktopCipher>>) {
  return createAppCore({
    cipher,
    settingsDir: home,
    loginWindow: { open: () => Promise.resolve({ kind: 'cancelled' }), clearSession: () => Promise.resolve() },
    clipboard: { copy() {} },
    notifier: { notify() {} },
    log: silentLogger,
    platform: { setStartAtLogin() {} },
    fetch: () => Promise.reject(new Error('offline in this test')),
  })
}

const homes: string[] = []
afterAll(async () => {
  const { rm } = await import('node:fs/promises')
  await Promise.all(homes.map((h) => rm(h, { recursive: true, force: true })))
})

describe('a command-line home of the older format', () => {
  it('is moved on the first run with the passphrase: same tokens, entries under the data key, no copies left', async () => {
    const home = await fixtureHome('cli')
    homes.push(home)
    const listed = await runMain(['list', '--json'], { env: cliEnv(home) })
    expect(listed.code, listed.stderr).toBe(0)
    expect((onlyJson(listed.stdout) as { name: string; status: string }[]).map((r) => [r.name, r.status])).toEqual([
      ['Cron Page', 'valid'],
      ['Grace Hopper (user token)', 'valid'],
    ])
    const files = await entryFiles(tokensDir(home))
    const keyId = (JSON.parse(await readFile(keySlotsPath(home), 'utf8')) as { keyId: string }).keyId
    expect(Object.values(files).map((f) => [f.v, f.secret?.backend, f.secret?.key])).toEqual([
      [2, 'aes-256-gcm:vault-key', keyId],
      [2, 'aes-256-gcm:vault-key', keyId],
    ])
    expect(await readdir(tokensDir(home))).not.toContain('.pre-shared-vault')
    for (const [name, token] of [['Cron Page', FIXTURE_TOKENS.cliPage], ['Grace Hopper (user token)', FIXTURE_TOKENS.cliUser]] as const) {
      const printed = await runMain(['token', name], { env: cliEnv(home) })
      expect(printed).toMatchObject({ code: 0, stdout: `${token}\n` })
    }
    await plainTextNowhere(home)
  })

  it('without the passphrase nothing is moved or changed, and the tokens are still listed', async () => {
    const home = await fixtureHome('cli')
    homes.push(home)
    const before = await snapshotTree(home)
    const listed = await runMain(['list', '--json'], { env: cliEnv(home, { TOKEN_DESK_PASSPHRASE: undefined }) })
    // Listed, and exit 2: without the key they cannot be used (the key is configuration).
    expect(listed.code).toBe(2)
    expect((onlyJson(listed.stdout) as unknown[]).length).toBe(2)
    expect(await snapshotTree(home)).toEqual(before)
  })

  it('a move cut short (the disk fills up mid-way) loses nothing; the next opening finishes it and drops the copies', async () => {
    const home = await fixtureHome('cli')
    homes.push(home)
    let renames = 0
    // The key file, the first copy, the first entry and the second copy go through; then every rename fails.
    const filling: FsPort = { ...nodeFs, rename: (from, to) => (++renames > 4 ? Promise.reject(Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' })) : nodeFs.rename(from, to)) }
    const cipher = await createNodeCipher({ home, passphrase: FIXTURE_PASSPHRASE, keyring: null, scryptCost: CHEAP, fs: filling })
    const first = await openVault<TokenMeta>({ dir: tokensDir(home), cipher, allowWeak: () => false, fs: filling })
    // Both still read: one moved, one in the older format.
    for (const e of first.list()) expect(ALL_SECRETS).toContain(await first.getSecret(e.id))
    const half = await entryFiles(tokensDir(home))
    expect(Object.values(half).map((f) => f.v).sort()).toEqual([1, 2])
    // The copy of the entry that did not move is kept: the older bytes, exactly.
    expect(await readdir(join(tokensDir(home), '.pre-shared-vault'))).toEqual(['cliUser1.json'])
    expect(await readFile(join(tokensDir(home), '.pre-shared-vault', 'cliUser1.json'), 'utf8')).toBe(await readFile(join(tokensDir(home), 'cliUser1.json'), 'utf8'))

    const again = await openVault<TokenMeta>({ dir: tokensDir(home), cipher: await createNodeCipher({ home, passphrase: FIXTURE_PASSPHRASE, keyring: null }), allowWeak: () => false })
    expect(Object.values(await entryFiles(tokensDir(home))).map((f) => f.v)).toEqual([2, 2])
    expect(await readdir(tokensDir(home))).not.toContain('.pre-shared-vault')
    expect((await Promise.all(again.list().map((e) => again.getSecret(e.id)))).sort()).toEqual([FIXTURE_TOKENS.cliPage, FIXTURE_TOKENS.cliUser].sort())
  })
})

describe('a desktop home of the older format (safeStorage per entry)', () => {
  it('the command line leaves it untouched and explains; the desktop app moves it; then the command line reads it', async () => {
    const home = await fixtureHome('desktop')
    homes.push(home)
    const before = await snapshotTree(home)
    const early = await runMain(['token', 'Shop Page', '--json'], { env: cliEnv(home) })
    expect(early.code).toBe(2)
    expect(onlyJson(early.stdout)).toMatchObject({ error: { message: expect.stringContaining('start the desktop app once') as string } })
    // No key is made here either: only the desktop app can make one it can also open.
    const stored = await runMain(['add', '--json'], { env: cliEnv(home, { TOKEN_DESK_APP_ID: '1', TOKEN_DESK_APP_SECRET: 'a'.repeat(32) }), stdin: 'EAAnotherTokenThatWillNotBeStored1234' })
    expect(stored.code).toBe(2)
    expect(onlyJson(stored.stdout)).toMatchObject({ error: { code: 'vault-locked', message: expect.stringContaining('start the desktop app once') as string } })
    expect(await snapshotTree(home)).toEqual(before)

    // The desktop app starts (with the passphrase, so it stores the key under it too).
    const cipher = desktopCipher(home, { passphrase: FIXTURE_PASSPHRASE })
    await cipher.markReady()
    const core = appCore(home, cipher)
    await core.start()
    expect(core.state().tokens.map((t) => [t.name, t.status])).toEqual([
      ['Ada Lovelace (user token)', 'valid'],
      ['Shop Page', 'valid'],
    ])
    await core.stop()
    for (const dir of [tokensDir(home), join(home, 'vault', 'app')]) {
      for (const file of Object.values(await entryFiles(dir))) expect(file).toMatchObject({ v: 2, secret: { backend: 'aes-256-gcm:vault-key' } })
      expect(await readdir(dir)).not.toContain('.pre-shared-vault')
    }
    for (const [name, token] of [['Shop Page', FIXTURE_TOKENS.page], ['Ada Lovelace (user token)', FIXTURE_TOKENS.user]] as const) {
      expect(await runMain(['token', name], { env: cliEnv(home) })).toMatchObject({ code: 0, stdout: `${token}\n` })
    }
    await plainTextNowhere(home)
  })

  it('under another safeStorage backend (the keyring changed) the entries are set aside, never deleted', async () => {
    const home = await fixtureHome('desktop')
    homes.push(home)
    const { createFakeSafeStorage } = await import('../../fakes/safe-storage')
    const cipher = desktopCipher(home, { safeStorage: createFakeSafeStorage({ backend: 'kwallet6' }) })
    await cipher.markReady()
    const vault = await openVault<TokenMeta>({ dir: tokensDir(home), cipher, allowWeak: () => false })
    expect(vault.list().map((e) => e.problem?.reason)).toEqual(['backend-changed', 'backend-changed'])
    const names = await readdir(tokensDir(home))
    expect(names.filter((n) => n.includes('.unreadable-'))).toHaveLength(2)
  })
})
