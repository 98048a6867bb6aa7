import { join } from 'node:path'
import { writeFileAtomic } from './atomic-write'
import { decryptFor, encryptFor, extrasOf, isCurrent, keyIdOf } from './cipher-extras'
import { FORMAT_VERSION, blobOf, entryFileName, idOfEntryFile, storeSecret, type EntryRecord } from './entry-file'
import { folderLockPath, readEntryFile, type DiskCopy } from './entry-disk'
import { writeEntry } from './entry-io'
import { withLock } from './lock'
import type { LoadContext } from './load'
import type { Slot } from './slot'

/**
 * Moving entries from the format before the shared vault (each program's own cipher) to the
 * data key, without loss:
 * 1. under the folder lock, re-read the entry (another process may have moved it already);
 * 2. copy its exact bytes to `<dir>/.pre-shared-vault/<id>.json`;
 * 3. seal the secret under the data key and replace the entry atomically;
 * 4. read it back and decrypt it: a difference puts the old bytes back;
 * 5. only when the key file, read again from disk, opens to the same key here are the copies
 *    deleted. A crash anywhere leaves the old entry or the copy; the next opening finishes.
 */
const BACKUP_DIR = '.pre-shared-vault'

export interface MigrationItem<M> {
  slot: Slot<M>
  plain: string
}

export async function migrateEntries<M>(ctx: LoadContext<M>, items: readonly MigrationItem<M>[]): Promise<void> {
  const backups = join(ctx.dir, BACKUP_DIR)
  const moved: string[] = []
  try {
    await withLock(ctx.fs, folderLockPath(ctx.dir), async () => {
      await ctx.fs.mkdir(backups, { recursive: true, mode: 0o700 })
      for (const item of items) {
        try {
          if (await migrateOne(ctx, item, backups)) moved.push(item.slot.id)
        } catch (error) {
          ctx.log.warn('A vault entry could not be moved into the shared vault now; it stays in the older format.', { id: item.slot.id, error })
        }
      }
    })
  } catch (error) {
    ctx.log.warn('The vault could not be moved into the shared format now; it is read as it is.', { error })
    return
  }
  if (moved.length > 0) ctx.log.info('Vault entries moved into the shared vault.', { count: moved.length })
  await dropBackups(ctx, moved)
}

async function migrateOne<M>(ctx: LoadContext<M>, item: MigrationItem<M>, backups: string): Promise<boolean> {
  const { slot } = item
  const now = await readEntryFile(ctx.fs, ctx.dir, slot.id)
  if (now === 'missing' || now === 'unusable') return false
  if (now.text !== slot.disk?.text) {
    adoptNewer(ctx, slot, now)
    return false
  }
  await writeFileAtomic(ctx.fs, join(backups, entryFileName(slot.id)), now.text, 0o600)
  const stored = storeSecret(ctx.cipher.backend, await encryptFor(ctx.cipher, item.plain, ctx.contextOf(slot.id, now.record.meta)), keyIdOf(ctx.cipher))
  const record: EntryRecord = { ...now.record, v: FORMAT_VERSION, secret: stored }
  await writeEntry(ctx.fs, ctx.dir, record)
  const back = await readEntryFile(ctx.fs, ctx.dir, slot.id)
  const readsBack =
    typeof back !== 'string' &&
    back.record.secret !== null &&
    (await decryptFor(ctx.cipher, blobOf(back.record.secret), ctx.contextOf(slot.id, back.record.meta)).then((r) => r.plain === item.plain && r.bound, () => false))
  if (!readsBack || typeof back === 'string') {
    await writeFileAtomic(ctx.fs, join(ctx.dir, entryFileName(slot.id)), now.text, 0o600)
    throw new Error('The moved entry did not read back the same; the older one was put back.')
  }
  slot.stored = stored
  slot.disk = back
  return true
}

/** Another process wrote this entry since it was read: its version (moved, or a new token) stands. */
function adoptNewer<M>(ctx: LoadContext<M>, slot: Slot<M>, now: DiskCopy): void {
  if (!now.record.secret || !isCurrent(ctx.cipher, now.record.secret)) return
  try {
    slot.meta = ctx.parseMeta(now.record.meta)
  } catch {
    return
  }
  slot.stored = now.record.secret
  slot.problem = now.record.problem ?? null
  slot.disk = now
}

/** Copies left by an earlier run that stopped between writing an entry and deleting its copy. */
export async function confirmLeftBackups<M>(ctx: LoadContext<M>, slots: ReadonlyMap<string, Slot<M>>): Promise<void> {
  const names = await ctx.fs.readdir(join(ctx.dir, BACKUP_DIR)).catch(() => null)
  if (names === null) return
  const done: string[] = []
  for (const name of names) {
    const id = idOfEntryFile(name)
    if (id === null) continue
    const slot = slots.get(id)
    // Gone: the entry was removed since. Otherwise the copy goes once the moved entry reads.
    if (!slot) done.push(id)
    else if (slot.stored && isCurrent(ctx.cipher, slot.stored) && (await decryptFor(ctx.cipher, blobOf(slot.stored), ctx.contextOf(id, slot.disk?.record.meta ?? slot.meta)).then((r) => r.bound, () => false))) done.push(id)
  }
  await dropBackups(ctx, done)
}

async function dropBackups<M>(ctx: LoadContext<M>, ids: readonly string[]): Promise<void> {
  const backups = join(ctx.dir, BACKUP_DIR)
  if (ids.length > 0) {
    const confirmed = (await extrasOf(ctx.cipher).confirmKey?.().catch(() => false)) ?? true
    if (!confirmed) {
      ctx.log.warn('The vault key could not be confirmed on disk; the older copies of moved entries are kept.', { dir: backups })
      return
    }
    for (const id of ids) await ctx.fs.unlink(join(backups, entryFileName(id))).catch(() => undefined)
  }
  // Only an empty folder goes.
  await ctx.fs.rmdir(backups).catch(() => undefined)
}
