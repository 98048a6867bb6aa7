import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VaultKeyFileError, createNodeCipher, keySlotsPath } from '../../../main/core/vault'
import { removeDir, snapshot, tempDir } from './helpers'

/** Issue 20, item 6: an edited slot may not make `list` allocate gigabytes or run for minutes. */
const PASSPHRASE = 'correct horse battery staple'
let home: string
beforeEach(async () => {
  home = await tempDir()
})
afterEach(() => removeDir(home))

async function editedSlot(cost: { N: number; r: number; p: number }): Promise<void> {
  await createNodeCipher({ home, passphrase: PASSPHRASE, keyring: null, scryptCost: { N: 2 ** 10, r: 8, p: 1 } })
  const file = JSON.parse(await readFile(keySlotsPath(home), 'utf8')) as { slots: Record<string, unknown>[] }
  Object.assign(file.slots[0]!, cost)
  await mkdir(dirname(keySlotsPath(home)), { recursive: true })
  await writeFile(keySlotsPath(home), JSON.stringify(file))
}

describe('the scrypt cost a key slot may ask for', () => {
  it.each([
    [{ N: 2 ** 20, r: 32, p: 1 }, '4096 MiB of memory with p=1 (N=1048576, r=32)'],
    [{ N: 2 ** 17, r: 8, p: 16 }, '128 MiB of memory with p=16 (N=131072, r=8)'],
    [{ N: 2 ** 20, r: 8, p: 1 }, '1024 MiB of memory with p=1'],
  ])('refuses %o at once, in words, and leaves the file as it is', async (cost, words) => {
    await editedSlot(cost)
    const before = await snapshot(home)
    const started = Date.now()
    const error = await createNodeCipher({ home, passphrase: PASSPHRASE, keyring: null }).catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(error).toBeInstanceOf(VaultKeyFileError)
    expect((error as Error).message).toContain(`slots.json asks for a passphrase key costing ${words}`)
    expect((error as Error).message).toContain('reads at most 256 MiB with p up to 2, so it was refused and left as it is')
    expect(await snapshot(home)).toEqual(before)
  })

  it('accepts what Token Desk writes, and twice its memory', async () => {
    await editedSlot({ N: 2 ** 10, r: 8, p: 2 })
    // The cost is part of the key derivation, so an edited one no longer opens the slot: what matters is that it was read, not refused.
    const error = await createNodeCipher({ home, passphrase: PASSPHRASE, keyring: null }).catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(VaultKeyFileError)
  })
})
