import { readdir } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openVault } from '../../../main/core/vault'
import { filesContaining, removeDir, snapshot, tempDir, testCipher } from './helpers'

const SECRET = 'EAAGprotectionSecret0123456789abcd'
let dir: string

beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => removeDir(dir))

describe('weak protection', () => {
  it('refuses to persist without the opt-in, keeps the secret in memory and says why', async () => {
    const vault = await openVault<{ n: number }>({ dir, cipher: testCipher('safeStorage:basic_text', 'weak'), allowWeak: () => false })
    const entry = await vault.put({ meta: { n: 1 }, secret: SECRET })
    expect(entry).toMatchObject({ persisted: false, backend: 'memory' })
    expect(await vault.getSecret(entry.id)).toBe(SECRET)
    await vault.updateMeta(entry.id, { n: 2 })
    expect(await readdir(dir)).toEqual([])
    expect(vault.status()).toMatchObject({ protection: 'weak', persisting: false, reason: expect.stringContaining('weak') as string })
  })

  it('persists once the user opts in, keeps warning, and reconciles both ways', async () => {
    let allow = false
    const cipher = testCipher('safeStorage:basic_text', 'weak')
    const vault = await openVault<{ n: number }>({ dir, cipher, allowWeak: () => allow })
    const { id } = await vault.put({ meta: { n: 1 }, secret: SECRET })

    allow = true
    await vault.reconcile()
    expect(vault.get(id)).toMatchObject({ persisted: true, backend: 'safeStorage:basic_text' })
    expect(await readdir(dir)).toEqual([`${id}.json`])
    expect(vault.status()).toMatchObject({ persisting: true, reason: expect.stringContaining('you allowed it') as string })
    const reopened = await openVault<{ n: number }>({ dir, cipher, allowWeak: () => true })
    expect(await reopened.getSecret(id)).toBe(SECRET)

    allow = false
    await vault.reconcile()
    expect(await readdir(dir)).toEqual([])
    expect(vault.get(id)).toMatchObject({ persisted: false })
    expect(await vault.getSecret(id)).toBe(SECRET)
  })
})

describe('no protection at all', () => {
  it('keeps secrets in memory only and leaves existing files untouched for a run that has the key', async () => {
    const cipher = testCipher('aes-256-gcm:keyring')
    const first = await openVault<{ n: number }>({ dir, cipher, allowWeak: () => true })
    const { id } = await first.put({ meta: { n: 1 }, secret: SECRET })
    const before = await snapshot(dir)

    cipher.level = 'unavailable'
    const locked = await openVault<{ n: number }>({ dir, cipher, allowWeak: () => true })
    expect(locked.get(id)?.problem).toMatchObject({ reason: 'locked', setAside: null })
    expect(await locked.getSecret(id)).toBeNull()
    const mem = await locked.put({ meta: { n: 2 }, secret: `${SECRET}-mem` })
    expect(mem.persisted).toBe(false)
    expect(await locked.getSecret(mem.id)).toBe(`${SECRET}-mem`)
    await locked.updateMeta(id, { n: 9 })
    expect(locked.status()).toMatchObject({ protection: 'unavailable', persisting: false, reason: expect.stringContaining('memory') as string })
    expect(await snapshot(dir)).toEqual(before)
    expect(await filesContaining(dir, `${SECRET}-mem`)).toEqual([])

    cipher.level = 'os-keystore'
    const unlocked = await openVault<{ n: number }>({ dir, cipher, allowWeak: () => true })
    expect(await unlocked.getSecret(id)).toBe(SECRET)
  })
})
