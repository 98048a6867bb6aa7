import { randomBytes } from 'node:crypto'
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  VaultKeyFileError,
  WrongPassphraseError,
  cipherSlots,
  createNodeCipher,
  createOsKeyring,
  createVaultCipher,
  keySlotsPath,
  openVault,
  type KeyringPort,
} from '../../../main/core/vault'
import { silentLogger } from '../../../main/core/log'
import { filesContaining, modeOf, removeDir, snapshot, tempDir, testCipher } from './helpers'

const cheap = { N: 2 ** 10, r: 8, p: 1 }
const PASSPHRASE = 'correct horse battery staple'
const SECRET = 'EAAGkeySlotsSecret0123456789abcdef'
let home: string

beforeEach(async () => {
  home = await tempDir()
})
afterEach(() => removeDir(home))

function fakeKeyring(): KeyringPort & { values: Map<string, string>; sets: number } {
  const values = new Map<string, string>()
  const ring = {
    values,
    sets: 0,
    get: (account: string) => Promise.resolve(values.get(account) ?? null),
    set: (account: string, value: string) => {
      ring.sets++
      values.set(account, value)
      return Promise.resolve()
    },
  }
  return ring
}
const brokenKeyring: KeyringPort = {
  get: () => Promise.reject(new Error('Platform failure: DBus error')),
  set: () => Promise.reject(new Error('Platform failure: DBus error')),
}

interface SlotsFile {
  v: number
  keyId: string
  check: string
  slots: { kind: string; account?: string; backend?: string; protection?: string }[]
}
const slotsFile = async (): Promise<SlotsFile> => JSON.parse(await readFile(keySlotsPath(home), 'utf8')) as SlotsFile

describe('the data key and its slots', () => {
  it('creates one random data key with a keyring slot and a passphrase slot, and reopens with either', async () => {
    const keyring = fakeKeyring()
    const cipher = await createNodeCipher({ home, keyring, passphrase: PASSPHRASE, scryptCost: cheap })
    expect(cipher.protection()).toBe('os-keystore')
    const file = await slotsFile()
    expect(Object.keys(file).sort()).toEqual(['check', 'keyId', 'slots', 'v'])
    expect(file.slots.map((s) => s.kind)).toEqual(['keyring', 'passphrase'])
    expect(file.slots[0]!.account).toBe(`vault-${file.keyId}`)
    expect(Buffer.from(keyring.values.get(`vault-${file.keyId}`)!, 'base64')).toHaveLength(32)
    expect(await modeOf(keySlotsPath(home))).toBe(0o600)
    expect(await modeOf(join(home, 'vault'))).toBe(0o700)
    expect(cipher.keyHolders()).toBe('the OS keyring + a passphrase')

    const blob = await cipher.encrypt(SECRET)
    const byKeyring = await createNodeCipher({ home, keyring })
    const byPassphrase = await createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE })
    expect((await byKeyring.decrypt(blob)).plain).toBe(SECRET)
    expect((await byPassphrase.decrypt(blob)).plain).toBe(SECRET)
    expect(byKeyring.keyId()).toBe(file.keyId)
    expect(keyring.sets).toBe(1)
    expect(await filesContaining(home, PASSPHRASE)).toEqual([])
    expect(await filesContaining(home, keyring.values.get(`vault-${file.keyId}`)!)).toEqual([])
  })

  it('a process that has the key adds the slots the file lacks; then each method alone opens it', async () => {
    const first = await createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE, scryptCost: cheap })
    const blob = await first.encrypt(SECRET)
    expect((await slotsFile()).slots.map((s) => s.kind)).toEqual(['passphrase'])
    const keyring = fakeKeyring()
    await createNodeCipher({ home, keyring, passphrase: PASSPHRASE })
    expect((await slotsFile()).slots.map((s) => s.kind)).toEqual(['passphrase', 'keyring'])
    const keyringOnly = await createNodeCipher({ home, keyring })
    expect((await keyringOnly.decrypt(blob)).plain).toBe(SECRET)
    // A run with nothing new to add writes nothing.
    const before = await snapshot(home)
    await createNodeCipher({ home, keyring, passphrase: PASSPHRASE })
    expect(await snapshot(home)).toEqual(before)
  })

  it('never uses a keyring value that is not this vault’s key, and never overwrites it', async () => {
    const keyring = fakeKeyring()
    await createNodeCipher({ home, keyring, passphrase: PASSPHRASE, scryptCost: cheap })
    const { keyId } = await slotsFile()
    keyring.values.set(`vault-${keyId}`, randomBytes(32).toString('base64'))
    const planted = keyring.values.get(`vault-${keyId}`)
    const cipher = await createNodeCipher({ home, keyring })
    expect(cipher.protection()).toBe('unavailable')
    expect(keyring.values.get(`vault-${keyId}`)).toBe(planted)
  })

  it('locks (never re-keys) when no slot opens here: the keyring is unreachable and the file has no passphrase slot', async () => {
    const keyring = fakeKeyring()
    await createNodeCipher({ home, keyring })
    const before = await snapshot(home)
    const cipher = await createNodeCipher({ home, keyring: brokenKeyring, passphrase: PASSPHRASE, scryptCost: cheap })
    expect(cipher.protection()).toBe('unavailable')
    expect(cipher.unavailableReason).toMatch(/the OS keyring/)
    await expect(cipher.encrypt(SECRET)).rejects.toThrow(/No vault key/)
    expect(await snapshot(home)).toEqual(before)
  })

  it('without the passphrase a passphrase vault is locked, not re-keyed, even if a keyring appears', async () => {
    await createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE, scryptCost: cheap })
    const before = await snapshot(home)
    const keyring = fakeKeyring()
    const cipher = await createNodeCipher({ home, keyring })
    expect(cipher.protection()).toBe('unavailable')
    expect(cipher.unavailableReason).toMatch(/TOKEN_DESK_PASSPHRASE/)
    expect(keyring.sets).toBe(0)
    expect(await snapshot(home)).toEqual(before)
  })

  it('a wrong passphrase is a clear error and nothing on disk changes', async () => {
    const cipher = await createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE, scryptCost: cheap })
    const vault = await openVault({ dir: join(home, 'vault', 'tokens'), cipher, allowWeak: () => false })
    await vault.put({ meta: { name: 'x' }, secret: SECRET })
    const before = await snapshot(home)
    const wrong = createNodeCipher({ home, keyring: null, passphrase: 'wrong horse', scryptCost: cheap })
    await expect(wrong).rejects.toBeInstanceOf(WrongPassphraseError)
    await expect(wrong).rejects.toThrow(/TOKEN_DESK_PASSPHRASE/)
    expect(await snapshot(home)).toEqual(before)
  })

  it('a damaged key file is reported and left as it is', async () => {
    await mkdir(join(home, 'vault', 'keys'), { recursive: true })
    await writeFile(keySlotsPath(home), JSON.stringify({ v: 1, keyId: 'abcdefgh12', check: 'AAAA', slots: [{ kind: 'passphrase', N: 2 ** 40, r: 8, p: 1, salt: 'AAAA', wrapped: 'AAAA' }] }))
    const before = await snapshot(home)
    await expect(createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE })).rejects.toBeInstanceOf(VaultKeyFileError)
    expect(await snapshot(home)).toEqual(before)
  })

  it('with neither keyring nor passphrase: unavailable, nothing written, secrets in memory', async () => {
    const cipher = await createNodeCipher({ home, keyring: brokenKeyring })
    expect(cipher.protection()).toBe('unavailable')
    await expect(cipher.decrypt(randomBytes(40))).rejects.toThrow()
    expect(await readdir(home)).toEqual([])
    const vault = await openVault({ dir: join(home, 'vault', 'tokens'), cipher, allowWeak: () => true })
    const entry = await vault.put({ meta: {}, secret: SECRET })
    expect(entry.persisted).toBe(false)
    expect(vault.status().reason).toMatch(/TOKEN_DESK_PASSPHRASE/)
    expect(await filesContaining(home, SECRET)).toEqual([])
  })

  it('the real OS keyring adapter fails cleanly and quickly where there is no secret service', async (ctx) => {
    if (process.env.DBUS_SESSION_BUS_ADDRESS) ctx.skip('a D-Bus session exists here: not touching a real keyring in tests')
    const started = Date.now()
    await expect(createOsKeyring({ service: 'token-desk-test', timeoutMs: 5000 }).get('probe')).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(5000)
    const cipher = await createNodeCipher({ home, keyring: createOsKeyring({ service: 'token-desk-test' }) })
    expect(cipher.protection()).toBe('unavailable')
  })
})

describe('two processes creating the key at once', () => {
  it('converge on one key: every opener ends with the same key id, and each reads what the others sealed', async () => {
    const openers = await Promise.all(Array.from({ length: 6 }, () => createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE, scryptCost: cheap })))
    const ids = new Set(openers.map((c) => c.keyId()))
    expect(ids.size).toBe(1)
    expect([...ids][0]).toBe((await slotsFile()).keyId)
    const blobs = await Promise.all(openers.map((c, i) => c.encrypt(`${SECRET}-${i}`)))
    for (const c of openers) for (const [i, blob] of blobs.entries()) expect((await c.decrypt(blob)).plain).toBe(`${SECRET}-${i}`)
  })
})

describe('a platform cipher slot (the desktop app’s safeStorage)', () => {
  it('a strong one is written at once beside the others', async () => {
    const platform = testCipher('safeStorage:kwallet6', 'os-keystore')
    const cipher = createVaultCipher({ home, methods: [cipherSlots(platform, silentLogger)] })
    await cipher.open()
    expect((await slotsFile()).slots).toEqual([expect.objectContaining({ kind: 'cipher', backend: 'safeStorage:kwallet6', protection: 'os-keystore' })])
    expect(cipher.keyHolders()).toBe('safeStorage:kwallet6')
    const blob = await cipher.encrypt(SECRET)
    const again = createVaultCipher({ home, methods: [cipherSlots(platform, silentLogger)] })
    await again.open()
    expect((await again.decrypt(blob)).plain).toBe(SECRET)
  })

  it('a weak one (Linux basic_text) is only written when the first secret is, and makes the vault weak', async () => {
    const basic = testCipher('safeStorage:basic_text', 'weak')
    const cipher = createVaultCipher({ home, methods: [cipherSlots(basic, silentLogger)] })
    await cipher.open()
    expect(cipher.protection()).toBe('weak')
    expect(await readdir(home)).toEqual([])
    // The vault asks only once weak storage is allowed: nothing is written before that.
    const refused = await openVault({ dir: join(home, 'vault', 'tokens'), cipher, allowWeak: () => false })
    await refused.put({ meta: {}, secret: SECRET })
    expect(await filesContaining(home, SECRET)).toEqual([])
    expect(await readdir(join(home, 'vault'))).toEqual(['tokens'])

    await cipher.encrypt(SECRET)
    expect((await slotsFile()).slots).toEqual([expect.objectContaining({ kind: 'cipher', protection: 'weak' })])
    // The command line, which cannot open that slot, still knows the vault is weak.
    const cli = await createNodeCipher({ home, keyring: null })
    expect(cli.protection()).toBe('unavailable')
    expect(cli.unavailableReason).toMatch(/safeStorage:basic_text/)
  })

  it('a strong method beside a weak one: the weak one is never written', async () => {
    const basic = testCipher('safeStorage:basic_text', 'weak')
    const keyring = fakeKeyring()
    const cipher = createVaultCipher({ home, methods: [cipherSlots(basic, silentLogger), (await import('../../../main/core/vault')).keyringSlots(keyring, silentLogger)] })
    await cipher.open()
    expect(cipher.protection()).toBe('os-keystore')
    expect((await slotsFile()).slots.map((s) => s.kind)).toEqual(['keyring'])
  })
})
