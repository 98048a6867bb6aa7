import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import type { FsPort } from './fs-port'

export const TEMP_PREFIX = '.tmp-'

/**
 * Writes `data` to `path` so that a reader sees either the old bytes or the new ones, never a
 * mix: a new temp file in the same folder (mode set at creation, so it is never readable by
 * others even for a moment), fsync, rename over the target, then fsync the folder so the rename
 * itself survives a power cut. On any failure the temp file is removed and the error rethrown.
 */
export async function writeFileAtomic(fs: FsPort, path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const temp = join(dirname(path), `${TEMP_PREFIX}${basename(path)}.${randomBytes(6).toString('hex')}`)
  let created = false
  try {
    const handle = await fs.open(temp, 'wx', mode)
    created = true
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, path)
    created = false
  } catch (error) {
    if (created) await fs.unlink(temp).catch(() => undefined)
    throw error
  }
  await syncFolder(fs, dirname(path))
}

async function syncFolder(fs: FsPort, folder: string): Promise<void> {
  // Not every platform can open a folder for fsync (Windows cannot); the rename already happened.
  try {
    const handle = await fs.open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    /* best effort */
  }
}
