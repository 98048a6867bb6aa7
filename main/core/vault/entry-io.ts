import { join } from 'node:path'
import { writeFileAtomic } from './atomic-write'
import { entryFileName, serialise, type EntryRecord } from './entry-file'
import { writeFailure } from './errors'
import { errorCode, type FsPort } from './fs-port'

/** Writes one entry file atomically with mode 0600; a failure becomes a VaultWriteError. */
export async function writeEntry(fs: FsPort, dir: string, record: EntryRecord): Promise<void> {
  try {
    await writeFileAtomic(fs, join(dir, entryFileName(record.id)), serialise(record), 0o600)
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
