/** Two processes on one vault folder, as two vault objects over the same files and key. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VaultEntryNotFoundError, openVault } from '../../../main/core/vault'
import { removeDir, tempDir, testCipher } from './helpers'

interface Meta {
  name: string
  status?: string
  checkedAt?: number
}

let dir: string
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => removeDir(dir))

const TOKEN = 'EAAGsyncTestTokenOne0123456789abcdef'
const RENEWED = 'EAAGsyncTestTokenTwo0123456789abcdef'

async function pair() {
  const cipher = testCipher()
  const app = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
  const entry = await app.put({ meta: { name: 'Shop', status: 'valid' }, secret: TOKEN })
  const cli = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
  return { app, cli, id: entry.id, cipher }
}

describe('several writers of one vault folder', () => {
  it('a description update merges with what the other wrote since: both changes stay', async () => {
    const { app, cli, id } = await pair()
    await cli.updateMeta(id, { name: 'Shop (main)', status: 'valid' })
    await app.updateMeta(id, { name: 'Shop', status: 'dead', checkedAt: 42 })
    expect(app.get(id)?.meta).toEqual({ name: 'Shop (main)', status: 'dead', checkedAt: 42 })
    await cli.refresh()
    expect(cli.get(id)?.meta).toEqual({ name: 'Shop (main)', status: 'dead', checkedAt: 42 })
  })

  it('a token renewed by the other process wins over a check result about the old one', async () => {
    const { app, cli, id } = await pair()
    await cli.put({ id, meta: { name: 'Shop', status: 'valid' }, secret: RENEWED })
    const after = await app.updateMeta(id, { name: 'Shop', status: 'dead', checkedAt: 1 })
    expect(after.meta).toEqual({ name: 'Shop', status: 'valid' })
    expect(await app.getSecret(id)).toBe(RENEWED)
    await cli.refresh()
    expect(await cli.getSecret(id)).toBe(RENEWED)
    expect(cli.get(id)?.meta.status).toBe('valid')
  })

  it('refresh takes in entries added, changed and removed by the other process', async () => {
    const { app, cli, id } = await pair()
    const added = await cli.put({ meta: { name: 'Added from the command line' }, secret: RENEWED })
    expect(await app.refresh()).toBe(true)
    expect(app.list().map((e) => e.meta.name).sort()).toEqual(['Added from the command line', 'Shop'])
    expect(await app.getSecret(added.id)).toBe(RENEWED)
    expect(await app.refresh()).toBe(false)
    await cli.remove(id)
    expect(await app.refresh()).toBe(true)
    expect(app.get(id)).toBeNull()
  })

  it('updating an entry the other process removed: typed error, and it is gone here too', async () => {
    const { app, cli, id } = await pair()
    await cli.remove(id)
    await expect(app.updateMeta(id, { name: 'x' })).rejects.toBeInstanceOf(VaultEntryNotFoundError)
    expect(app.get(id)).toBeNull()
  })

  it('a hundred interleaved writes from both sides: every entry and every last description survives', async () => {
    const { app, cli, id, cipher } = await pair()
    const work: Promise<unknown>[] = []
    for (let i = 0; i < 100; i++) {
      work.push(cli.put({ meta: { name: `cli-${i}` }, secret: `${TOKEN}-${i}` }))
      work.push(app.updateMeta(id, { name: 'Shop', status: 'valid', checkedAt: i }))
    }
    await Promise.all(work)
    await app.refresh()
    expect(app.list()).toHaveLength(101)
    expect(app.get(id)?.meta.checkedAt).toBe(99)
    for (const e of app.list().filter((e) => e.meta.name.startsWith('cli-'))) {
      expect(await app.getSecret(e.id)).toBe(`${TOKEN}-${e.meta.name.slice(4)}`)
    }
    // A third process opening the folder afterwards sees the same.
    const reader = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
    expect(reader.problems()).toEqual([])
    expect(reader.list().map((e) => [e.id, e.meta]).sort()).toEqual(app.list().map((e) => [e.id, e.meta]).sort())
  })
})
