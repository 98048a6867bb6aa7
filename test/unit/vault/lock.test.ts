import { spawnSync } from 'node:child_process'
import { readdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nodeFs } from '../../../main/core/vault/fs-port'
import { VaultBusyError, withLock } from '../../../main/core/vault/lock'
import { removeDir, tempDir } from './helpers'

let dir: string
let lock: string
beforeEach(async () => {
  dir = await tempDir()
  lock = join(dir, '.vault.lock')
})
afterEach(() => removeDir(dir))

/** A pid that surely is not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(child.stdout)
}

describe('the vault lock file', () => {
  it('runs critical sections one at a time and leaves no file behind', async () => {
    let inside = 0
    let most = 0
    const order: number[] = []
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withLock(nodeFs, lock, async () => {
          inside++
          most = Math.max(most, inside)
          await new Promise((r) => setTimeout(r, 2))
          order.push(i)
          inside--
        }),
      ),
    )
    expect(most).toBe(1)
    expect(order).toHaveLength(20)
    expect(await readdir(dir)).toEqual([])
  })

  it('releases the lock when the work throws', async () => {
    await expect(withLock(nodeFs, lock, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await readdir(dir)).toEqual([])
  })

  it('takes over at once a lock left by a process that died on this machine', async () => {
    await writeFile(lock, JSON.stringify({ pid: deadPid(), host: (await import('node:os')).hostname(), nonce: 'x', at: Date.now() }))
    const started = Date.now()
    expect(await withLock(nodeFs, lock, () => Promise.resolve('ran'), { waitMs: 2000 })).toBe('ran')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('waits for a live holder, then gives up with a typed error and leaves its lock alone', async () => {
    const live = JSON.stringify({ pid: process.ppid, host: (await import('node:os')).hostname(), nonce: 'live', at: Date.now() })
    await writeFile(lock, live)
    const started = Date.now()
    await expect(withLock(nodeFs, lock, () => Promise.resolve(), { waitMs: 300 })).rejects.toBeInstanceOf(VaultBusyError)
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect((await readdir(dir)).sort()).toEqual(['.vault.lock'])
  })

  it('an empty lock file (a crash before it was filled) is stale after a few seconds only', async () => {
    await writeFile(lock, '')
    await expect(withLock(nodeFs, lock, () => Promise.resolve(), { waitMs: 200 })).rejects.toBeInstanceOf(VaultBusyError)
    const old = new Date(Date.now() - 10_000)
    await utimes(lock, old, old)
    expect(await withLock(nodeFs, lock, () => Promise.resolve('ran'), { waitMs: 2000 })).toBe('ran')
  })
})

describe('a lock file that cannot be read as one (issue 20, item 5)', () => {
  const old = async (path: string): Promise<void> => {
    const { lutimes } = await import('node:fs/promises')
    const then = new Date(Date.now() - 30_000)
    await lutimes(path, then, then)
  }

  it.each([
    ['a dangling symbolic link', async (path: string) => (await import('node:fs/promises')).symlink(join(dir, 'nowhere'), path)],
    ['a directory', async (path: string) => (await import('node:fs/promises')).mkdir(path)],
    ['a file that is not a lock', (path: string) => writeFile(path, '\u0000\u0001 not json')],
  ])('is taken over when it is old: %s', async (_label, make) => {
    await make(lock)
    await old(lock)
    expect(await withLock(nodeFs, lock, () => Promise.resolve('ran'), { waitMs: 2000 })).toBe('ran')
    expect(await readdir(dir)).toEqual([])
  })

  it('judges another user’s unreadable lock with a dead pid by its age, like an unknown holder', async () => {
    await writeFile(lock, JSON.stringify({ pid: deadPid(), host: 'h', nonce: 'n', at: 0 }))
    await old(lock)
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
    const fs = { ...nodeFs, readFile: (p: string) => (p === lock ? Promise.reject(denied) : nodeFs.readFile(p)) }
    expect(await withLock(fs, lock, () => Promise.resolve('ran'), { waitMs: 2000 })).toBe('ran')
  })

  it('waits for a fresh one, then names the file, what is wrong with it and what to do', async () => {
    await (await import('node:fs/promises')).mkdir(lock)
    await writeFile(join(lock, 'inside'), 'x')
    await old(lock)
    const error = await withLock(nodeFs, lock, () => Promise.resolve(), { waitMs: 300 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VaultBusyError)
    expect((error as Error).message).toBe(
      `The vault's lock file ${lock} is a directory, and it did not go away. Nothing was changed. If no Token Desk program is running, remove that file (with the account that owns it) and try again.`,
    )
  })
})
