/**
 * Found by the abuse suite: opening the vault used to delete every `.tmp-*` file in its folder,
 * including one another process was writing at that moment (`token-desk list` while the app
 * saves), so that save failed. Now only temp files older than a minute are removed.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createNodeCipher, nodeFs, openVault, type FsPort } from '../../main/core/vault'

let dir: string | null = null
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = null
})

it('a second opener of the vault folder does not break a save in progress in the first', async () => {
  dir = await mkdtemp(join(tmpdir(), 'token-desk-second-opener-'))
  const home = dir
  const cipher = await createNodeCipher({ home, passphrase: 'second opener', keyring: null, scryptCost: { N: 1024, r: 8, p: 1 } })
  let reachedRename!: () => void
  const atRename = new Promise<void>((resolve) => (reachedRename = resolve))
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  // The first process's writes pause just before the rename, with the temp file written.
  const paused: FsPort = {
    ...nodeFs,
    rename: async (from, to) => {
      reachedRename()
      await released
      return nodeFs.rename(from, to)
    },
  }
  const first = await openVault<{ n: number }>({ dir: join(home, 'vault'), cipher, allowWeak: () => false, fs: paused })
  const saving = first.put({ id: 'tok', meta: { n: 1 }, secret: 'EAAsecret-value-1234' })
  await atRename
  // Meanwhile another process opens the same folder (the CLI beside the running app).
  await openVault<{ n: number }>({ dir: join(home, 'vault'), cipher, allowWeak: () => false })
  release()
  await expect(saving).resolves.toMatchObject({ id: 'tok' })
})
