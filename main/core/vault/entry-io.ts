import { join } from 'node:path'
import { writeFileAtomic } from './atomic-write'
import type { DiskCopy } from './entry-disk'
import { entryFileName, serialise, type EntryRecord } from './entry-file'
import { writeFailure } from './errors'
import { errorCode, type FsPort } from './fs-port'

/**
 * Writes one entry file atomically with mode 0600; a failure becomes a VaultWriteError. Returns
 * the file as written, which the caller keeps to notice another writer later.
 */
export async function writeEntry(fs: FsPort, dir: string, record: EntryRecord): Promise<DiskCopy> {
  const text = serialise(record)
  try {
    await writeFileAtomic(fs, join(dir, entryFileName(record.id)), text, 0o600)
    return { text, record }
  } catch (error) {
    throw writeFailure('the token', error)
  }
}

/** Deletes one entry file; a file that is already gone is fine. */
export async function deleteEntry(fs: FsPort, dir: string, id: string): Promise<void> {
  await deleteFile(fs, join(dir, entryFileName(id)), 'the token')
}

export async function deleteFile(fs: FsPort, path: string, what: string): Promise<void> {
  try {
    await fs.unlink(path)
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw writeFailure(`the removal of ${what}`, error)
  }
}
