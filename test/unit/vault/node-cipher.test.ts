import { randomBytes } from 'node:crypto'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  KEY_FILE,
  VaultKeyFileError,
  WrongPassphraseError,
  createNodeCipher,
  createOsKeyring,
  openVault,
  type KeyringPort,
} from '../../../main/core/vault'
import { filesContaining, modeOf, removeDir, snapshot, tempDir } from './helpers'

const cheap = { N: 2 ** 10, r: 8, p: 1 }
const PASSPHRASE = 'correct horse battery staple'
const SECRET = 'EAAGnodeCipherSecret0123456789abcd'
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

describe('the keyring key', () => {
  it('creates a random key in the keyring once, records the source, and reads it back later', async () => {
    const keyring = fakeKeyring()
    const cipher = await createNodeCipher({ home, keyring, passphrase: PASSPHRASE, scryptCost: cheap })
    expect(cipher).toMatchObject({ backend: 'aes-256-gcm:keyring', keySource: 'keyring' })
    expect(cipher.protection()).toBe('os-keystore')
    expect(Buffer.from(keyring.values.get('vault-key')!, 'base64')).toHaveLength(32)
    expect(JSON.parse(await readFile(join(home, KEY_FILE), 'utf8'))).toEqual({ v: 1, kdf: 'keyring', service: 'token-desk', account: 'vault-key' })
    expect(await modeOf(join(home, KEY_FILE))).toBe(0o600)

    const blob = await cipher.encrypt(SECRET)
    const again = await createNodeCipher({ home, keyring })
    expect(keyring.sets).toBe(1)
    expect(await again.decrypt(blob)).toEqual({ plain: SECRET, shouldReEncrypt: false })
  })

  it('does not overwrite a keyring value that is not a 32-byte key', async () => {
    const keyring = fakeKeyring()
    keyring.values.set('vault-key', 'not-a-key')
    const cipher = await createNodeCipher({ home, keyring })
    expect(cipher.protection()).toBe('unavailable')
    expect(keyring.values.get('vault-key')).toBe('not-a-key')
  })

  it('locks (never switches to the passphrase) when the keyring this home uses is unreachable', async () => {
    const keyring = fakeKeyring()
    await createNodeCipher({ home, keyring })
    const before = await snapshot(home)
    const cipher = await createNodeCipher({ home, keyring: brokenKeyring, passphrase: PASSPHRASE, scryptCost: cheap })
    expect(cipher).toMatchObject({ backend: 'aes-256-gcm:keyring', keySource: 'none' })
    expect(cipher.protection()).toBe('unavailable')
    await expect(cipher.encrypt(SECRET)).rejects.toThrow(/No vault key/)
    expect(await snapshot(home)).toEqual(before)
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

describe('the passphrase key', () => {
  it('falls back to scrypt when there is no keyring, and keeps only salt, cost and check on disk', async () => {
    const cipher = await createNodeCipher({ home, keyring: brokenKeyring, passphrase: PASSPHRASE, scryptCost: cheap })
    expect(cipher).toMatchObject({ backend: 'aes-256-gcm:passphrase', keySource: 'passphrase' })
    expect(cipher.protection()).toBe('os-keystore')
    const file = JSON.parse(await readFile(join(home, KEY_FILE), 'utf8')) as Record<string, unknown>
    expect(Object.keys(file).sort()).toEqual(['N', 'check', 'kdf', 'p', 'r', 'salt', 'v'])
    expect(await modeOf(join(home, KEY_FILE))).toBe(0o600)

    const blob = await cipher.encrypt(SECRET)
    const again = await createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE })
    expect((await again.decrypt(blob)).plain).toBe(SECRET)
    expect(await filesContaining(home, PASSPHRASE)).toEqual([])
  })

  it('a wrong passphrase is a clear error and nothing on disk changes', async () => {
    const cipher = await createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE, scryptCost: cheap })
    const vault = await openVault({ dir: join(home, 'vault'), cipher, allowWeak: () => false })
    await vault.put({ meta: { name: 'x' }, secret: SECRET })
    const before = await snapshot(home)

    const wrong = createNodeCipher({ home, keyring: null, passphrase: 'wrong horse', scryptCost: cheap })
    await expect(wrong).rejects.toBeInstanceOf(WrongPassphraseError)
    await expect(wrong).rejects.toThrow(/TOKEN_DESK_PASSPHRASE/)
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

  it('a damaged key file is reported and left as it is', async () => {
    await writeFile(join(home, KEY_FILE), JSON.stringify({ v: 1, kdf: 'scrypt', N: 2 ** 40, r: 8, p: 1, salt: 'AAAA', check: 'AAAA' }))
    const before = await snapshot(home)
    await expect(createNodeCipher({ home, keyring: null, passphrase: PASSPHRASE })).rejects.toBeInstanceOf(VaultKeyFileError)
    expect(await snapshot(home)).toEqual(before)
  })
})

describe('neither keyring nor passphrase', () => {
  it('is unavailable, writes nothing, and the vault keeps secrets in memory', async () => {
    const cipher = await createNodeCipher({ home, keyring: brokenKeyring })
    expect(cipher).toMatchObject({ backend: 'none', keySource: 'none' })
    expect(cipher.protection()).toBe('unavailable')
    await expect(cipher.decrypt(randomBytes(40))).rejects.toThrow()
    expect(await readdir(home)).toEqual([])
    const vault = await openVault({ dir: join(home, 'vault'), cipher, allowWeak: () => true })
    const entry = await vault.put({ meta: {}, secret: SECRET })
    expect(entry.persisted).toBe(false)
    expect(vault.status().reason).toMatch(/TOKEN_DESK_PASSPHRASE/)
    expect(await filesContaining(home, SECRET)).toEqual([])
  })
})
