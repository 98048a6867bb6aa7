import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../main/core/log'
import {
  VaultPassphraseError,
  WrongPassphraseError,
  cipherSlots,
  createNodeCipher,
  createVaultCipher,
  keySlotsPath,
  openVault,
  passphraseSlots,
} from '../../../main/core/vault'
import { failingWrites, filesContaining, removeDir, snapshot, tempDir, testCipher } from './helpers'

const cheap = { N: 2 ** 10, r: 8, p: 1 }
const PASSPHRASE = 'typed in the window 4b1d'
const OTHER = 'typed in another window 9c2e'
const SECRET = 'EAAGpassphraseDoorSecret0123456789ab'
let home: string

beforeEach(async () => {
  home = await tempDir()
})
afterEach(() => removeDir(home))

interface Slots {
  keyId: string
  slots: { kind: string; N?: number; r?: number; p?: number }[]
}
const slotsFile = async (): Promise<Slots> => JSON.parse(await readFile(keySlotsPath(home), 'utf8')) as Slots

/** What `token-desk add` leaves on a machine without an OS keyring: a key with only a passphrase slot, and one token. */
async function passphraseOnlyVault(): Promise<void> {
  const cli = await createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE, scryptCost: cheap })
  const tokens = await openVault<{ name: string }>({ dir: join(home, 'vault', 'tokens'), cipher: cli, allowWeak: () => false })
  await tokens.put({ id: 'cli-token', meta: { name: 'From cron' }, secret: SECRET })
}

/** The desktop app on Linux with basic_text: only a weak safeStorage slot holds the key. */
async function weakOnlyVault() {
  const weak = testCipher('safeStorage:basic_text', 'weak')
  const cipher = createVaultCipher({ home, methods: [cipherSlots(weak, silentLogger)], scryptCost: cheap })
  await cipher.open()
  const tokens = await openVault<{ name: string }>({ dir: join(home, 'vault', 'tokens'), cipher, allowWeak: () => true })
  await tokens.put({ id: 'window-token', meta: { name: 'From the window' }, secret: SECRET })
  return { cipher, weak, tokens }
}

describe('unlocking a locked vault with a passphrase typed at run time', () => {
  it('a wrong passphrase is a typed error in the window’s words, and slots.json stays byte-identical', async () => {
    await passphraseOnlyVault()
    const before = await snapshot(home)
    const app = await createNodeCipher({ home, keyring: null })
    expect(app.protection()).toBe('unavailable')
    expect(app.passphraseUse()).toBe('unlock')

    const wrong = await app.unlockWithPassphrase(OTHER).then(() => null, (e: unknown) => e)
    expect(wrong).toBeInstanceOf(WrongPassphraseError)
    expect((wrong as Error).message).toBe('That passphrase does not open this vault. Nothing was changed.')
    expect(app.protection()).toBe('unavailable')
    expect(app.passphraseUse()).toBe('unlock')
    expect(await snapshot(home)).toEqual(before)
  })

  it('the right passphrase opens the key, and a vault opened while locked reads its entries after reopen()', async () => {
    await passphraseOnlyVault()
    const app = await createNodeCipher({ home, keyring: null })
    const tokens = await openVault<{ name: string }>({ dir: join(home, 'vault', 'tokens'), cipher: app, allowWeak: () => false })
    expect(tokens.get('cli-token')?.problem?.reason).toBe('locked')
    expect(await tokens.getSecret('cli-token')).toBeNull()

    await app.unlockWithPassphrase(PASSPHRASE)
    expect(app.protection()).toBe('os-keystore')
    expect(app.passphraseUse()).toBe('set')
    expect(app.keyId()).toBe((await slotsFile()).keyId)
    // Still the old view until the entries are read again.
    expect(tokens.get('cli-token')?.problem?.reason).toBe('locked')
    await tokens.reopen()
    expect(tokens.get('cli-token')?.problem).toBeNull()
    expect(await tokens.getSecret('cli-token')).toBe(SECRET)
    expect(tokens.status().persisting).toBe(true)
    expect(await filesContaining(home, PASSPHRASE)).toEqual([])
  })

  it('keeps a memory-only secret put while locked, and reconcile() then saves it under the key', async () => {
    await passphraseOnlyVault()
    const app = await createNodeCipher({ home, keyring: null })
    const tokens = await openVault<{ name: string }>({ dir: join(home, 'vault', 'tokens'), cipher: app, allowWeak: () => false })
    await tokens.put({ id: 'typed-while-locked', meta: { name: 'Pasted' }, secret: 'EAAGpastedWhileLocked0123456789' })
    expect(tokens.get('typed-while-locked')?.persisted).toBe(false)
    await app.unlockWithPassphrase(PASSPHRASE)
    await tokens.reopen()
    expect(tokens.get('typed-while-locked')?.persisted).toBe(false)
    await tokens.reconcile()
    expect(tokens.get('typed-while-locked')?.persisted).toBe(true)
    const reader = await openVault<{ name: string }>({
      dir: join(home, 'vault', 'tokens'),
      cipher: await createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE }),
      allowWeak: () => false,
    })
    expect(await reader.getSecret('typed-while-locked')).toBe('EAAGpastedWhileLocked0123456789')
    expect(await reader.getSecret('cli-token')).toBe(SECRET)
  })

  it('is refused when the vault is open already, or when no passphrase slot exists', async () => {
    const { cipher } = await weakOnlyVault()
    await expect(cipher.unlockWithPassphrase(PASSPHRASE)).rejects.toMatchObject({ name: 'VaultPassphraseError', reason: 'already-open' })
    // Another process, without safeStorage: locked, and no passphrase can open it.
    const cli = await createNodeCipher({ home, keyring: null })
    expect(cli.protection()).toBe('unavailable')
    expect(cli.passphraseUse()).toBeNull()
    const before = await snapshot(home)
    await expect(cli.unlockWithPassphrase(PASSPHRASE)).rejects.toMatchObject({ name: 'VaultPassphraseError', reason: 'no-passphrase-slot' })
    expect(await snapshot(home)).toEqual(before)
  })
})

describe('adding a passphrase to an open vault', () => {
  it('writes one passphrase slot in passphraseSlots’ format, which an independent cipher opens to the same key', async () => {
    const { cipher } = await weakOnlyVault()
    expect(cipher.passphraseUse()).toBe('add')
    const keyId = cipher.keyId()
    await cipher.addPassphrase(PASSPHRASE)
    expect(cipher.passphraseUse()).toBe('set')
    const file = await slotsFile()
    expect(file.keyId).toBe(keyId)
    expect(file.slots.map((s) => s.kind)).toEqual(['cipher', 'passphrase'])
    expect(file.slots[1]).toMatchObject(cheap)
    expect(Object.keys(file.slots[1]!).sort()).toEqual(['N', 'kind', 'p', 'r', 'salt', 'verify', 'wrapped'])

    const alone = createVaultCipher({ home, methods: [passphraseSlots(PASSPHRASE, cheap)] })
    await alone.open()
    expect(alone.protection()).not.toBe('unavailable')
    expect(alone.keyId()).toBe(keyId)
    const reader = await openVault<{ name: string }>({ dir: join(home, 'vault', 'tokens'), cipher: alone, allowWeak: () => true })
    expect(await reader.getSecret('window-token')).toBe(SECRET)
    // And the command line's own cipher, as TOKEN_DESK_PASSPHRASE opens it.
    const cli = await createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE })
    expect(cli.keyId()).toBe(keyId)
    await expect(createNodeCipher({ home, keyring: null, passphrase: OTHER })).rejects.toBeInstanceOf(WrongPassphraseError)
    expect(await filesContaining(home, PASSPHRASE)).toEqual([])
  })

  it('is refused when a passphrase slot exists already: the file stays byte-identical', async () => {
    const { cipher } = await weakOnlyVault()
    await cipher.addPassphrase(PASSPHRASE)
    const before = await snapshot(home)
    const refused = await cipher.addPassphrase(OTHER).then(() => null, (e: unknown) => e)
    expect(refused).toBeInstanceOf(VaultPassphraseError)
    expect(refused).toMatchObject({ reason: 'exists', message: 'A passphrase already opens this vault for the command line. Nothing was changed.' })
    expect(await snapshot(home)).toEqual(before)
    await expect(createNodeCipher({ home, keyring: null, passphrase: OTHER })).rejects.toBeInstanceOf(WrongPassphraseError)
  })

  it('a full disk while writing the slot: a typed error, the file as it was, and a later try works', async () => {
    const { weak } = await weakOnlyVault()
    let failing = false
    const cipher = createVaultCipher({ home, methods: [cipherSlots(weak, silentLogger)], scryptCost: cheap, fs: failingWrites('ENOSPC', () => failing) })
    await cipher.open()
    const before = await snapshot(home)
    failing = true
    await expect(cipher.addPassphrase(PASSPHRASE)).rejects.toMatchObject({ name: 'VaultWriteError', code: 'ENOSPC', message: expect.stringContaining('the disk is full') as string })
    expect(await snapshot(home)).toEqual(before)
    expect(cipher.passphraseUse()).toBe('add')
    failing = false
    await cipher.addPassphrase(PASSPHRASE)
    expect((await slotsFile()).slots.map((s) => s.kind)).toEqual(['cipher', 'passphrase'])
  })

  it('is refused while the vault is locked here', async () => {
    await weakOnlyVault()
    const cli = await createNodeCipher({ home, keyring: null })
    await expect(cli.addPassphrase(PASSPHRASE)).rejects.toMatchObject({ reason: 'not-open' })
  })

  it('two processes adding at once converge on one passphrase slot: one is added, the other refused', async () => {
    const { weak } = await weakOnlyVault()
    // Two independent openers of the same folder, as two desktop windows or a window and a host would be.
    const a = createVaultCipher({ home, methods: [cipherSlots(weak, silentLogger)], scryptCost: cheap })
    const b = createVaultCipher({ home, methods: [cipherSlots(weak, silentLogger)], scryptCost: cheap })
    await a.open()
    await b.open()
    expect([a.passphraseUse(), b.passphraseUse()]).toEqual(['add', 'add'])
    const results = await Promise.allSettled([a.addPassphrase(PASSPHRASE), b.addPassphrase(OTHER)])
    const added = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r) => r.status === 'rejected')
    expect(added).toHaveLength(1)
    expect(refused).toHaveLength(1)
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'VaultPassphraseError', reason: 'exists' })
    const file = await slotsFile()
    expect(file.slots.filter((s) => s.kind === 'passphrase')).toHaveLength(1)
    // Both now know a passphrase is set, and only the winner's opens the vault.
    expect([a.passphraseUse(), b.passphraseUse()]).toEqual(['set', 'set'])
    const winner = results[0].status === 'fulfilled' ? PASSPHRASE : OTHER
    const loser = winner === PASSPHRASE ? OTHER : PASSPHRASE
    expect((await createNodeCipher({ home, keyring: null, passphrase: winner })).keyId()).toBe(file.keyId)
    await expect(createNodeCipher({ home, keyring: null, passphrase: loser })).rejects.toBeInstanceOf(WrongPassphraseError)
  })
})
