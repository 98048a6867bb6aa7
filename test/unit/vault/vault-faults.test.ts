import { readdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VaultWriteError, openVault } from '../../../main/core/vault'
import { nodeFs, type FsPort } from '../../../main/core/vault/fs-port'
import { failingWrites, fsError, makeReadOnly, removeDir, snapshot, tempDir, testCipher, undoReadOnly } from './helpers'

interface Meta {
  name: string
}

const OLD = 'EAAGoldSecretValue0123456789abcdef'
const NEW = 'EAAGnewSecretValue0123456789abcdef'
let dir: string

beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => {
  await undoReadOnly(dir)
  await removeDir(dir)
})

async function seeded(fs: FsPort) {
  const cipher = testCipher()
  const seed = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
  await seed.put({ id: 'tok', meta: { name: 'before' }, secret: OLD })
  const vault = await openVault<Meta>({ dir, cipher, allowWeak: () => false, fs })
  return { vault, cipher, before: await snapshot(dir) }
}

async function expectUnchanged(vault: Awaited<ReturnType<typeof seeded>>['vault'], before: Map<string, Buffer>) {
  expect(await snapshot(dir)).toEqual(before)
  expect(vault.get('tok')?.meta).toEqual({ name: 'before' })
  expect(await vault.getSecret('tok')).toBe(OLD)
  expect(vault.list().map((e) => e.id)).toEqual(['tok'])
}

describe('a failed write changes nothing', () => {
  it('ENOSPC while writing the new file: previous bytes and memory intact, typed error, no temp left', async () => {
    let failing = false
    const { vault, before } = await seeded(failingWrites('ENOSPC', () => failing))
    failing = true
    const put = vault.put({ id: 'tok', meta: { name: 'after' }, secret: NEW })
    await expect(put).rejects.toBeInstanceOf(VaultWriteError)
    await expect(put).rejects.toMatchObject({ code: 'ENOSPC', message: expect.stringContaining('disk is full') as string })
    await expect(vault.updateMeta('tok', { name: 'after' })).rejects.toBeInstanceOf(VaultWriteError)
    await expect(vault.put({ meta: { name: 'other' }, secret: NEW })).rejects.toBeInstanceOf(VaultWriteError)
    await expectUnchanged(vault, before)

    failing = false
    await vault.put({ id: 'tok', meta: { name: 'after' }, secret: NEW })
    expect(await vault.getSecret('tok')).toBe(NEW)
  })

  it('ENOSPC at the rename: the same', async () => {
    const fs: FsPort = { ...nodeFs, rename: () => Promise.reject(fsError('ENOSPC')) }
    const { vault, before } = await seeded(fs)
    await expect(vault.put({ id: 'tok', meta: { name: 'after' }, secret: NEW })).rejects.toMatchObject({ name: 'VaultWriteError', code: 'ENOSPC' })
    await expectUnchanged(vault, before)
  })

  it('a read-only folder (EROFS from the file system): typed error, nothing changed', async () => {
    const fs: FsPort = { ...nodeFs, open: (p, f, m) => (f === 'r' ? nodeFs.open(p, f, m) : Promise.reject(fsError('EROFS'))), unlink: () => Promise.reject(fsError('EROFS')) }
    const { vault, before } = await seeded(fs)
    await expect(vault.put({ id: 'tok', meta: { name: 'after' }, secret: NEW })).rejects.toMatchObject({ code: 'EROFS', message: expect.stringContaining('read-only') as string })
    await expect(vault.remove('tok')).rejects.toBeInstanceOf(VaultWriteError)
    await expect(vault.removeAll()).rejects.toBeInstanceOf(VaultWriteError)
    await expectUnchanged(vault, before)
  })

  it('a really read-only folder (chmod 0500, or chattr +i as root)', async (ctx) => {
    const { vault, before } = await seeded(nodeFs)
    if (!(await makeReadOnly(dir))) ctx.skip('running as root without chattr: no way to make a folder read-only here')
    const put = vault.put({ id: 'tok', meta: { name: 'after' }, secret: NEW })
    await expect(put).rejects.toBeInstanceOf(VaultWriteError)
    expect(['EACCES', 'EPERM']).toContain(((await put.catch((e: unknown) => e)) as VaultWriteError).code)
    await expect(vault.remove('tok')).rejects.toBeInstanceOf(VaultWriteError)
    await expectUnchanged(vault, before)
  })

  it('cleans up temp files a crash left behind, keeping the entry beside them', async () => {
    const { cipher, before } = await seeded(nodeFs)
    const stale = join(dir, '.tmp-tok.json.abc123')
    await writeFile(stale, '{"half": ')
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000)
    await utimes(stale, twoMinutesAgo, twoMinutesAgo)
    const vault = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
    expect(vault.list().map((e) => e.problem)).toEqual([null])
    expect(await vault.getSecret('tok')).toBe(OLD)
    expect(await snapshot(dir)).toEqual(before)
  })

  it('leaves a fresh temp file alone: another process may be writing it', async () => {
    const { cipher } = await seeded(nodeFs)
    const fresh = join(dir, '.tmp-tok.json.def456')
    await writeFile(fresh, '{"in progress": ')
    const vault = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
    expect(await vault.getSecret('tok')).toBe(OLD)
    expect((await readdir(dir)).includes('.tmp-tok.json.def456')).toBe(true)
  })
})
