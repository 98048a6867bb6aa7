/**
 * The vault's passphrase from the window, end to end on real files and real crypto:
 * - a vault the BUILT `token-desk` made on a machine without an OS keyring (only a passphrase
 *   slot) starts locked in the app core, and opens with unlockVault: its token appears;
 * - a vault the app holds in a (fake, really encrypting) safeStorage slot only, weak or strong,
 *   gets a passphrase with addVaultPassphrase, after which the BUILT `token-desk token NAME`
 *   with TOKEN_DESK_PASSPHRASE prints the token.
 */
import { readFile, rm, writeFile } from 'node:fs/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createNodeCipher, keySlotsPath, WRONG_PASSPHRASE_HERE } from '../../../main/core/vault'
import type { Sandbox } from '../../../main/core/sandbox'
import { SCRIPTS_CAN_OPEN, VAULT_UNLOCKED } from '../../../main/core/app/vault-passphrase'
import { createFakeSafeStorage } from '../../fakes/safe-storage'
import { ensureBuiltCli, expectAbsent, onlyJson, runBuilt, sandboxEnv, snapshotTree, startTestSandbox, tempHome, userToken } from '../cli/support'
import { desktopCipher } from '../vault/support'
import { filesUnder, startHarness, type Harness } from './harness'

const CLI_PASSPHRASE = 'set in the cron job 61f0'
const ADDED_PASSPHRASE = 'added from the window 0d3c'
const WRONG = 'not the passphrase at all'

let sb: Sandbox
let home: string
let h: Harness | null = null

beforeAll(async () => {
  ensureBuiltCli()
  sb = await startTestSandbox()
}, 120_000)
afterAll(() => sb.close())
afterEach(async () => {
  await h?.close()
  h = null
  await rm(home, { recursive: true, force: true })
})

const slotKinds = async (): Promise<string[]> =>
  (JSON.parse(await readFile(keySlotsPath(home), 'utf8')) as { slots: { kind: string }[] }).slots.map((s) => s.kind)

/** Every place a secret could end up: files, the app's log, every state it pushed. */
async function expectNowhere(secrets: string[], extra = ''): Promise<void> {
  for (const file of await filesUnder(home)) {
    try {
      expectAbsent(file.text, secrets)
    } catch (error) {
      throw new Error(`${file.path}: ${(error as Error).message}`)
    }
  }
  expectAbsent(JSON.stringify(h?.logs) + JSON.stringify(h?.states) + extra, secrets)
}

describe('a vault token-desk made with only a passphrase', () => {
  it('starts locked in the app, refuses a wrong passphrase changing nothing, and opens with the right one', async () => {
    home = await tempHome()
    const token = userToken(sb)
    const added = await runBuilt(['add', '--name', 'Cron token', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: CLI_PASSPHRASE }), stdin: token })
    expect(added.code, added.stderr).toBe(0)
    const id = (onlyJson(added.stdout) as { id: string }).id
    expect(await slotKinds()).toEqual(['passphrase'])

    // As the web host starts without TOKEN_DESK_PASSPHRASE on a machine without a keyring.
    h = await startHarness({ home, cipher: await createNodeCipher({ home, keyring: null }) })
    const locked = h.core.state()
    expect(locked.storage).toMatchObject({ protection: 'unavailable', persisting: false, unlock: 'passphrase', scriptPassphrase: 'set' })
    expect(locked.tokens.find((t) => t.id === id)?.status).toBe('needs-relogin')
    // The storage banner says it (storage.unlock), once: no notice says it a second time.
    expect(locked.notices.filter((n) => /none of them can be opened|TOKEN_DESK_PASSPHRASE/.test(n.message))).toEqual([])

    const before = await snapshotTree(home)
    expect(await h.fail('unlockVault', { passphrase: WRONG })).toBe(WRONG_PASSPHRASE_HERE)
    expect(await snapshotTree(home)).toEqual(before)
    expect(h.core.state().storage.unlock).toBe('passphrase')
    expect(await h.fail('addVaultPassphrase', { passphrase: ADDED_PASSPHRASE })).toMatch(/not open here/)

    const open = await h.call('unlockVault', { passphrase: CLI_PASSPHRASE })
    expect(open.storage).toMatchObject({ protection: 'passphrase', persisting: true, unlock: null, scriptPassphrase: 'set' })
    const summary = open.tokens.find((t) => t.id === id)
    expect(summary).toMatchObject({ name: 'Cron token', last4: token.slice(-4) })
    expect(summary?.status).not.toBe('needs-relogin')
    expect(open.notices.map((n) => n.message)).toContain(VAULT_UNLOCKED)
    // The token itself is readable again: copying it puts it on the clipboard.
    await h.call('copyToken', { id })
    expect(h.clipboard.at(-1)).toBe(token)
    expect(await slotKinds()).toEqual(['passphrase'])
    expect(await h.fail('unlockVault', { passphrase: CLI_PASSPHRASE })).toBe('The vault is already open.')
    await expectNowhere([CLI_PASSPHRASE, WRONG, token], added.stdout + added.stderr)
  }, 60_000)

  it('a slots.json damaged after start: plain words, and the file left exactly as it is', async () => {
    home = await tempHome({ cheapKey: true })
    h = await startHarness({ home, cipher: await createNodeCipher({ home, keyring: null }) })
    await writeFile(keySlotsPath(home), '{"v":1,"keyId":"damaged')
    const before = await snapshotTree(home)
    expect(await h.fail('unlockVault', { passphrase: 'cli-test passphrase 7f3a' })).toBe('The vault key file cannot be used: slots.json is damaged; it was left as it is.')
    expect(await snapshotTree(home)).toEqual(before)
    expect(h.core.state().storage.protection).toBe('unavailable')
  })

  it('after three wrong passphrases each further try waits longer, the right passphrase too', async () => {
    home = await tempHome({ cheapKey: true })
    h = await startHarness({ home, cipher: await createNodeCipher({ home, keyring: null }) })
    for (let i = 0; i < 3; i++) expect(await h.fail('unlockVault', { passphrase: `${WRONG} ${i}` })).toBe(WRONG_PASSPHRASE_HERE)
    // The third failure starts a one-second wait: even the right passphrase is refused in it.
    expect(await h.fail('unlockVault', { passphrase: 'cli-test passphrase 7f3a' })).toMatch(/^Too many wrong passphrases\. Try again in 1 second\.$/)
    await new Promise((r) => setTimeout(r, 1100))
    expect(await h.fail('unlockVault', { passphrase: `${WRONG} 4` })).toBe(WRONG_PASSPHRASE_HERE)
    expect(await h.fail('unlockVault', { passphrase: 'cli-test passphrase 7f3a' })).toMatch(/Try again in 2 seconds\./)
    await new Promise((r) => setTimeout(r, 2100))
    expect((await h.call('unlockVault', { passphrase: 'cli-test passphrase 7f3a' })).storage.protection).toBe('passphrase')
  }, 30_000)
})

describe.each([
  { backend: 'basic_text', protection: 'weak' },
  { backend: 'gnome_libsecret', protection: 'os-keystore' },
] as const)('a vault the app keeps only in safeStorage ($backend)', ({ backend, protection }) => {
  it('gets a passphrase from the window, and then the built token-desk prints its token', async () => {
    home = await tempHome()
    const cipher = desktopCipher(home, { passphrase: null, safeStorage: createFakeSafeStorage({ backend }) })
    await cipher.markReady()
    h = await startHarness({ home, cipher })
    await h.call('startPractice', {})
    // Weak storage holds nothing on disk until the person allows it.
    if (protection === 'weak') await h.call('updateSettings', { allowWeakSecretStorage: true })
    await h.call('choosePurpose', { purpose: 'read-insights' })
    const token = h.sandbox().issueToken({ kind: 'USER', lifetime: 'long' })
    await h.call('pasteToken', { token, name: 'Window token' })
    const saved = await h.call('savePages', { pageIds: [], saveUserToken: true, name: 'Window token' })
    expect(saved.storage).toMatchObject({ protection, persisting: true, unlock: null, scriptPassphrase: 'can-add' })
    expect(await slotKinds()).toEqual(['cipher'])
    const env = sandboxEnv(h.sandbox(), { TOKEN_DESK_HOME: home })
    const without = await runBuilt(['token', 'Window token'], { env: { ...env, TOKEN_DESK_PASSPHRASE: ADDED_PASSPHRASE } })
    expect(without.code).not.toBe(0)
    expect(without.stdout).toBe('')

    const state = await h.call('addVaultPassphrase', { passphrase: ADDED_PASSPHRASE })
    expect(state.storage).toMatchObject({ protection, scriptPassphrase: 'set', unlock: null })
    expect(state.notices.map((n) => n.message)).toContain(SCRIPTS_CAN_OPEN)
    expect(await slotKinds()).toEqual(['cipher', 'passphrase'])

    const printed = await runBuilt(['token', 'Window token'], { env: { ...env, TOKEN_DESK_PASSPHRASE: ADDED_PASSPHRASE } })
    expect(printed, printed.stderr).toMatchObject({ code: 0, stdout: `${token}\n` })
    const wrong = await runBuilt(['token', 'Window token'], { env: { ...env, TOKEN_DESK_PASSPHRASE: WRONG } })
    expect(wrong.code).not.toBe(0)
    expect(wrong.stdout).toBe('')

    // A second passphrase is refused, and leaves the file as it is.
    const before = await snapshotTree(home)
    expect(await h.fail('addVaultPassphrase', { passphrase: WRONG })).toBe('A passphrase already opens this vault for the command line. Nothing was changed.')
    expect(await snapshotTree(home)).toEqual(before)
    await expectNowhere([ADDED_PASSPHRASE, WRONG, token], without.stderr + printed.stderr + wrong.stdout + wrong.stderr)
  }, 60_000)
})

describe('a vault on a machine with no OS keyring and no TOKEN_DESK_PASSPHRASE (issue 21, point 2)', () => {
  it('keeps tokens in memory, then a passphrase typed in the window makes the key, writes them encrypted, and the built token-desk prints one', async () => {
    home = await tempHome()
    h = await startHarness({ home, cipher: await createNodeCipher({ home, keyring: null, scryptCost: { N: 1024, r: 8, p: 1 } }) })
    const started = h.core.state()
    expect(started.storage).toMatchObject({ protection: 'unavailable', persisting: false, unlock: null, scriptPassphrase: 'can-create' })
    // One storage notice: the banner. No notice says "nothing to encrypt" a second time.
    expect(started.notices.filter((n) => /encrypt|memory/i.test(n.message))).toEqual([])
    await h.call('startPractice', {})
    await h.call('choosePurpose', { purpose: 'read-insights' })
    const token = h.sandbox().issueToken({ kind: 'USER', lifetime: 'long' })
    await h.call('pasteToken', { token, name: 'Memory token' })
    await h.call('savePages', { pageIds: [], saveUserToken: true })
    expect((await filesUnder(home)).filter((f) => f.path.includes('tokens'))).toEqual([])
    const env = sandboxEnv(h.sandbox(), { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: ADDED_PASSPHRASE })

    const kept = await h.call('addVaultPassphrase', { passphrase: ADDED_PASSPHRASE })
    expect(kept.storage).toMatchObject({ protection: 'os-keystore', persisting: true, scriptPassphrase: 'set' })
    expect(await slotKinds()).toEqual(['passphrase'])
    expect(kept.tokens.find((t) => t.name === 'Memory token')).toBeDefined()
    const onDisk = (await filesUnder(home)).filter((f) => f.path.includes('tokens'))
    expect(onDisk).toHaveLength(1)
    expect(onDisk[0]!.text).toContain('aes-256-gcm:vault-key')

    const printed = await runBuilt(['token', 'Memory token'], { env })
    expect(printed, printed.stderr).toMatchObject({ code: 0, stdout: `${token}\n` })
    // Made once: a second try is refused and changes nothing.
    const before = await snapshotTree(home)
    expect(await h.fail('addVaultPassphrase', { passphrase: WRONG })).toMatch(/already opens this vault/)
    expect(await snapshotTree(home)).toEqual(before)
    await expectNowhere([ADDED_PASSPHRASE, token], printed.stderr)
  }, 60_000)

  it('makes no second key when token-desk made one meanwhile: another passphrase changes nothing and leaves it to unlock', async () => {
    home = await tempHome()
    h = await startHarness({ home, cipher: await createNodeCipher({ home, keyring: null, scryptCost: { N: 1024, r: 8, p: 1 } }) })
    await h.call('startPractice', {})
    const token = h.sandbox().issueToken({ kind: 'USER', lifetime: 'long' })
    await h.call('pasteToken', { token, name: 'Memory token' })
    await h.call('savePages', { pageIds: [], saveUserToken: true })
    const added = await runBuilt(['add', '--name', 'Cron token', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: CLI_PASSPHRASE }), stdin: userToken(sb) })
    expect(added.code, added.stderr).toBe(0)
    const before = await snapshotTree(home)
    expect(await h.fail('addVaultPassphrase', { passphrase: ADDED_PASSPHRASE })).toMatch(/made the vault key meanwhile/)
    expect(await snapshotTree(home)).toEqual(before)
    expect(h.core.state().storage).toMatchObject({ unlock: 'passphrase', scriptPassphrase: 'set' })
    // Its own passphrase opens it, and the token held in memory is written under its key.
    const open = await h.call('unlockVault', { passphrase: CLI_PASSPHRASE })
    expect(open.storage).toMatchObject({ persisting: true, unlock: null })
    const printed = await runBuilt(['token', 'Memory token'], { env: sandboxEnv(h.sandbox(), { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: CLI_PASSPHRASE }) })
    expect(printed, printed.stderr).toMatchObject({ code: 0, stdout: `${token}\n` })
  }, 60_000)
})
