import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger, memorySink } from '../../../main/core/log'
import { nodeFs, openVault, type FsPort } from '../../../main/core/vault'
import { removeDir, tempDir, testCipher } from './helpers'

/** Issue 20, item 8: `remove` in another process between listing the folder and reading a file. */
let dir: string
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => removeDir(dir))

describe('an entry removed by another process while the vault opens', () => {
  it('is simply gone: no problem reported, nothing set aside, no error logged', async () => {
    const cipher = testCipher()
    const first = await openVault<{ name: string }>({ dir, cipher, allowWeak: () => false })
    await first.put({ id: 'kept', meta: { name: 'Kept' }, secret: 'EAAkeptsecret123456' })
    await first.put({ id: 'gone', meta: { name: 'Gone' }, secret: 'EAAgonesecret123456' })
    // The listing still names gone.json; by the time it is read, `token-desk remove` has deleted it.
    const racing: FsPort = {
      ...nodeFs,
      readdir: async (path) => {
        const names = await nodeFs.readdir(path)
        if (path === dir) await nodeFs.unlink(join(dir, 'gone.json'))
        return names
      },
    }
    const sink = memorySink()
    const vault = await openVault<{ name: string }>({ dir, cipher, allowWeak: () => false, fs: racing, log: createLogger(sink, 'debug') })
    expect(vault.list().map((e) => e.id)).toEqual(['kept'])
    expect(vault.problems()).toEqual([])
    expect(sink.records.filter((r) => r.level === 'warn' || r.level === 'error')).toEqual([])
    expect((await readdir(dir)).sort()).toEqual(['kept.json'])
  })
})
