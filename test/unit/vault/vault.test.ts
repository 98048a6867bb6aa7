import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VaultEntryNotFoundError, VaultIdError, openVault } from '../../../main/core/vault'
import { filesContaining, modeOf, removeDir, tempDir, testCipher } from './helpers'

interface Meta {
  name: string
  kind: string
}

const SECRET = 'EAAGm0PX4ZCpsBAvaultRoundTripSecret0123456789'
let home: string
let dir: string

beforeEach(async () => {
  home = await tempDir()
  dir = join(home, 'vault')
})
afterEach(() => removeDir(home))

describe('vault round trip', () => {
  it('stores only ciphertext with its backend, and reads it back after reopening', async () => {
    const cipher = testCipher()
    const vault = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
    const entry = await vault.put({ meta: { name: 'Ads', kind: 'USER' }, secret: SECRET })
    expect(entry).toMatchObject({ meta: { name: 'Ads', kind: 'USER' }, backend: 'aes-256-gcm:test', persisted: true, problem: null })

    const file = JSON.parse(await readFile(join(dir, `${entry.id}.json`), 'utf8')) as Record<string, unknown>
    expect(Object.keys(file).sort()).toEqual(['id', 'meta', 'secret', 'v'])
    expect(file).toMatchObject({ v: 2, id: entry.id, secret: { backend: 'aes-256-gcm:test', alg: 'aes-256-gcm' } })

    const again = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
    expect(again.list()).toEqual([entry])
    expect(await again.getSecret(entry.id)).toBe(SECRET)
    expect(await filesContaining(home, SECRET)).toEqual([])
  })

  it('writes entry files 0600 in a 0700 folder it creates', async () => {
    const vault = await openVault<Meta>({ dir, cipher: testCipher(), allowWeak: () => false })
    const { id } = await vault.put({ meta: { name: 'a', kind: 'PAGE' }, secret: SECRET })
    expect(await modeOf(dir)).toBe(0o700)
    expect(await modeOf(join(dir, `${id}.json`))).toBe(0o600)
    await vault.updateMeta(id, { name: 'b', kind: 'PAGE' })
    expect(await modeOf(join(dir, `${id}.json`))).toBe(0o600)
  })

  it('gives random filename-safe ids and refuses ids that could leave the folder', async () => {
    const vault = await openVault<Meta>({ dir, cipher: testCipher(), allowWeak: () => false })
    const ids = await Promise.all([1, 2, 3].map(() => vault.put({ meta: { name: 'x', kind: 'USER' }, secret: SECRET })))
    for (const { id } of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(new Set(ids.map((e) => e.id)).size).toBe(3)
    for (const bad of ['../escape', 'a/b', 'a\\b', '..', '', 'x.json', 'c:drive']) {
      await expect(vault.put({ id: bad, meta: { name: 'x', kind: 'USER' }, secret: SECRET })).rejects.toBeInstanceOf(VaultIdError)
    }
    expect((await readdir(dir)).sort()).toEqual(ids.map((e) => `${e.id}.json`).sort())
    expect(await readdir(home)).toEqual(['vault'])
  })

  it('updates metadata without touching the secret, and removes entries', async () => {
    const vault = await openVault<Meta>({ dir, cipher: testCipher(), allowWeak: () => false })
    const a = await vault.put({ id: 'tok-a', meta: { name: 'a', kind: 'USER' }, secret: SECRET })
    const b = await vault.put({ id: 'tok-b', meta: { name: 'b', kind: 'USER' }, secret: `${SECRET}-b` })
    await vault.updateMeta(a.id, { name: 'renamed', kind: 'USER' })
    expect(vault.get(a.id)?.meta.name).toBe('renamed')
    expect(await vault.getSecret(a.id)).toBe(SECRET)
    await expect(vault.updateMeta('missing', { name: 'x', kind: 'USER' })).rejects.toBeInstanceOf(VaultEntryNotFoundError)

    expect(await vault.remove(a.id)).toBe(true)
    expect(await vault.remove(a.id)).toBe(false)
    expect(await vault.getSecret(a.id)).toBeNull()
    expect(await readdir(dir)).toEqual([`${b.id}.json`])
    await vault.removeAll()
    expect(vault.list()).toEqual([])
    expect(await readdir(dir)).toEqual([])
  })

  it('keeps concurrent puts apart', async () => {
    const cipher = testCipher()
    const vault = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
    await Promise.all(Array.from({ length: 10 }, (_, i) => vault.put({ id: `t${i}`, meta: { name: `n${i}`, kind: 'PAGE' }, secret: `${SECRET}${i}` })))
    const reopened = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
    expect(reopened.list().map((e) => [e.id, e.meta.name, e.problem])).toEqual(Array.from({ length: 10 }, (_, i) => [`t${i}`, `n${i}`, null]))
    expect(await reopened.getSecret('t7')).toBe(`${SECRET}7`)
  })
})
