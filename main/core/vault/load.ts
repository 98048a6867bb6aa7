import { join } from 'node:path'
import type { Cipher, Clock, Logger } from '../ports'
import { TEMP_PREFIX } from './atomic-write'
import { decryptFor, encryptFor, extrasOf, isCurrent, keyIdOf, readSecret } from './cipher-extras'
import { FORMAT_VERSION, blobOf, entryRecord, formatVersionOf, idOfEntryFile, setAsideName, storeSecret, type EntryRecord } from './entry-file'
import { writeEntry } from './entry-io'
import { errorCode, type FsPort } from './fs-port'
import { LegacyUnavailableError } from './legacy-node-cipher'
import { confirmLeftBackups, migrateEntries, type MigrationItem } from './migrate'
import { keptLocked, needsSignIn, type Slot } from './slot'
import type { VaultFileProblem, VaultProblem, VaultProblemReason } from './types'

export interface LoadContext<M> {
  dir: string
  fs: FsPort
  cipher: Cipher
  clock: Clock
  log: Logger
  parseMeta: (raw: unknown) => M
  /** Whether a re-encrypted or migrated blob may be written (the vault is persisting). */
  persisting: boolean
  /** A command that only reads: nothing is renamed, set aside, re-encrypted or removed. */
  readOnly?: boolean
  /** What an entry's secret is sealed for, from its id and its description as stored (cipher-extras entryContext). */
  contextOf: (id: string, meta: unknown) => string
}

export interface Loaded<M> {
  slots: Map<string, Slot<M>>
  problems: VaultFileProblem[]
}

/**
 * Reads every `<id>.json`. Never throws: an entry that cannot be used is renamed to
 * `<id>.unreadable-<ts>.json` (never deleted) and reported. When there is no key at all
 * (protection 'unavailable') nothing on disk is touched: a later run with the key reads it.
 * Entries in the format before the shared vault are moved under the data key when this process
 * can read them and may write (see migrate.ts), and left untouched for the program that can.
 */
export async function loadEntries<M>(ctx: LoadContext<M>): Promise<Loaded<M>> {
  const loaded: Loaded<M> = { slots: new Map(), problems: [] }
  let names: string[]
  try {
    names = await ctx.fs.readdir(ctx.dir)
  } catch (error) {
    if (ctx.readOnly && errorCode(error) === 'ENOENT') return loaded
    ctx.log.error('The vault folder could not be listed; starting empty.', { dir: ctx.dir, error })
    return loaded
  }
  const taken = new Set(names)
  const locked = ctx.cipher.protection() === 'unavailable'
  // Read-only: nothing is renamed, set aside or removed. The move into the current format
  // (migrate.ts) still runs: it loses nothing, reads back what it wrote and keeps a copy until
  // the key is confirmed, and a home only ever read (cron running `exec`) would never move otherwise.
  const hands = locked || ctx.readOnly === true
  const migrations: MigrationItem<M>[] = []
  for (const name of names.sort()) {
    if (name.startsWith(TEMP_PREFIX)) {
      // Left by a write that never reached its rename (the entry file beside it is intact), or
      // being written right now by another process (the CLI beside the app): only old ones go.
      if (!hands) await removeStaleTemp(ctx, join(ctx.dir, name))
      continue
    }
    const id = idOfEntryFile(name)
    if (id !== null) await loadOne(ctx, loaded, taken, locked, id, name, migrations)
  }
  if (migrations.length > 0 && ctx.persisting && !locked) await migrateEntries(ctx, migrations)
  if (!locked) await confirmLeftBackups(ctx, loaded.slots)
  return loaded
}

/** A temp file this old belongs to no write in progress: writes take milliseconds. */
export const STALE_TEMP_MS = 60_000

async function removeStaleTemp(ctx: LoadContext<unknown>, path: string): Promise<void> {
  const info = await ctx.fs.stat(path).catch(() => null)
  // File times are wall-clock times, whatever clock the app runs on (practice mode moves its own).
  if (info && Date.now() - info.mtimeMs >= STALE_TEMP_MS) await ctx.fs.unlink(path).catch(() => undefined)
}

const UNDECRYPTABLE = 'it could not be decrypted: the key changed or the file was altered'

async function loadOne<M>(
  ctx: LoadContext<M>,
  loaded: Loaded<M>,
  taken: Set<string>,
  locked: boolean,
  id: string,
  name: string,
  migrations: MigrationItem<M>[],
): Promise<void> {
  const path = join(ctx.dir, name)
  const setAside = async (): Promise<string | null> => {
    if (locked || ctx.readOnly) return null
    const target = setAsideName(id, ctx.clock.now(), taken)
    try {
      await ctx.fs.rename(path, join(ctx.dir, target))
      taken.add(target)
      return target
    } catch (error) {
      // Removed by another process since it was read: there is nothing left to set aside.
      if (errorCode(error) === 'ENOENT') return null
      ctx.log.error('A vault entry could not be set aside; it stays in place.', { file: name, code: errorCode(error) ?? null })
      return null
    }
  }
  const corrupt = async (why: string): Promise<void> => {
    const moved = await setAside()
    const message = `A stored token could not be read (${why})${moved ? ` and was set aside as ${moved}` : ''}. Sign in again to replace it.`
    ctx.log.warn('Vault entry unreadable.', { file: name, setAside: moved, why })
    loaded.problems.push({ id, file: name, reason: 'corrupt', message, setAside: moved })
  }

  let text: string
  try {
    text = (await ctx.fs.readFile(path)).toString('utf8')
  } catch (error) {
    // Listed a moment ago and gone now: another process removed it (issue 20, item 8). A
    // vanished entry is simply gone, not damaged.
    if (errorCode(error) === 'ENOENT') return
    return corrupt(`it could not be read (${errorCode(error) ?? 'error'})`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return corrupt('it is not valid JSON')
  }
  const version = formatVersionOf(raw)
  if (version !== null && version > FORMAT_VERSION) {
    const message = 'A stored token was saved by a newer Token Desk and is left as it is.'
    loaded.problems.push({ id, file: name, reason: 'newer-format', message, setAside: null })
    return
  }
  const parsed = entryRecord.safeParse(raw)
  if (!parsed.success || parsed.data.id !== id) return corrupt('its contents are not a vault entry')
  const record = parsed.data
  let meta: M
  try {
    meta = ctx.parseMeta(record.meta)
  } catch {
    return corrupt('its description is not valid')
  }

  const slot: Slot<M> = { id, meta, stored: record.secret, plain: null, onDisk: true, problem: record.problem ?? null, disk: { text, record } }
  loaded.slots.set(id, slot)
  const secret = record.secret
  if (secret === null) {
    slot.problem ??= needsSignIn()
    if (!locked && !ctx.readOnly && slot.problem.setAside) await restore(ctx, slot, slot.problem.setAside)
    return
  }
  if (locked) {
    slot.problem = keptLocked()
    return
  }
  if (!isCurrent(ctx.cipher, secret) && secret.backend === ctx.cipher.backend) {
    // Sealed under a data key this process has not seen: another process may just have made it.
    await extrasOf(ctx.cipher).reload?.()
    if (ctx.cipher.protection() === 'unavailable') {
      slot.problem = keptLocked()
      return
    }
  }
  if (isCurrent(ctx.cipher, secret)) {
    try {
      const { plain, shouldReEncrypt, bound } = await decryptFor(ctx.cipher, blobOf(secret), ctx.contextOf(id, record.meta))
      // Sealed before blobs were bound to their entry: moved in place, crash-safe (migrate.ts).
      if (!bound) migrations.push({ slot, plain })
      else if (shouldReEncrypt && ctx.persisting && !ctx.readOnly) await reEncrypt(ctx, slot, plain)
    } catch {
      return quarantine(ctx, slot, record, 'unreadable', UNDECRYPTABLE, await setAside())
    }
    return
  }
  if (secret.backend === ctx.cipher.backend) {
    return quarantine(ctx, slot, record, 'backend-changed', 'it was sealed under another vault’s key', await setAside())
  }
  const legacy = extrasOf(ctx.cipher).legacyReader?.(secret.backend) ?? null
  if (legacy === null) {
    const why = `it was saved with ${secret.backend} and this computer now uses ${ctx.cipher.backend}`
    return quarantine(ctx, slot, record, 'backend-changed', why, await setAside())
  }
  if ('wait' in legacy) {
    slot.problem = { reason: 'not-migrated', message: legacy.wait, setAside: null }
    return
  }
  try {
    migrations.push({ slot, plain: await legacy.read(blobOf(secret)) })
  } catch (error) {
    if (error instanceof LegacyUnavailableError) {
      slot.problem = { reason: 'not-migrated', message: `This token is in the older vault format and cannot be moved now: ${error.message}`, setAside: null }
      return
    }
    return quarantine(ctx, slot, record, 'unreadable', UNDECRYPTABLE, await setAside())
  }
}

/**
 * The blob was moved aside; `<id>.json` is written again without a secret, so the entry keeps
 * its metadata and its problem across restarts until a new sign-in replaces it.
 */
async function quarantine<M>(
  ctx: LoadContext<M>,
  slot: Slot<M>,
  record: EntryRecord,
  reason: VaultProblemReason,
  why: string,
  moved: string | null,
): Promise<void> {
  const message = `This token cannot be used: ${why}.${moved ? ` It was set aside as ${moved}.` : ''} Sign in again.`
  const problem: VaultProblem = { reason, message, setAside: moved }
  ctx.log.warn('Vault entry set aside.', { id: slot.id, reason, setAside: moved })
  slot.stored = null
  slot.problem = problem
  if (moved === null) return
  const marker: EntryRecord = { v: FORMAT_VERSION, id: slot.id, meta: record.meta, secret: null, problem }
  try {
    slot.disk = await writeEntry(ctx.fs, ctx.dir, marker)
  } catch (error) {
    slot.onDisk = false
    slot.disk = null
    ctx.log.warn('The set-aside marker could not be written; the entry is reported for this run only.', { id: slot.id, error })
  }
}

async function reEncrypt<M>(ctx: LoadContext<M>, slot: Slot<M>, plain: string): Promise<void> {
  try {
    const meta = slot.disk?.record.meta ?? slot.meta
    const stored = storeSecret(ctx.cipher.backend, await encryptFor(ctx.cipher, plain, ctx.contextOf(slot.id, meta)), keyIdOf(ctx.cipher))
    const record: EntryRecord = { v: FORMAT_VERSION, id: slot.id, meta, secret: stored }
    slot.disk = await writeEntry(ctx.fs, ctx.dir, record)
    slot.stored = stored
    ctx.log.info('Vault entry re-encrypted at the backend’s request.', { id: slot.id })
  } catch (error) {
    // The old blob still decrypts; try again on the next start.
    ctx.log.warn('Re-encrypting a vault entry failed; the old blob is kept.', { id: slot.id, error })
  }
}

/**
 * A blob set aside on an earlier run may be readable again: the desktop session's keyring came
 * back (Linux backends can change between sessions). Then the entry is whole again (sealed
 * under the data key when it was in the older format), and the set-aside copy is removed.
 */
async function restore<M>(ctx: LoadContext<M>, slot: Slot<M>, setAside: string): Promise<void> {
  try {
    const parsed = entryRecord.safeParse(JSON.parse((await ctx.fs.readFile(join(ctx.dir, setAside))).toString('utf8')))
    const old = parsed.success && parsed.data.id === slot.id ? parsed.data.secret : null
    if (old === null) return
    const meta = slot.disk?.record.meta ?? slot.meta
    const plain = await readSecret(ctx.cipher, old, ctx.contextOf(slot.id, meta))
    if (!isCurrent(ctx.cipher, old) && !ctx.persisting) return
    const secret = isCurrent(ctx.cipher, old) ? old : storeSecret(ctx.cipher.backend, await encryptFor(ctx.cipher, plain, ctx.contextOf(slot.id, meta)), keyIdOf(ctx.cipher))
    const record: EntryRecord = { v: FORMAT_VERSION, id: slot.id, meta, secret }
    slot.disk = await writeEntry(ctx.fs, ctx.dir, record)
    slot.stored = secret
    slot.problem = null
    ctx.log.info('A set-aside vault entry is readable again and was restored.', { id: slot.id, setAside })
    await ctx.fs.unlink(join(ctx.dir, setAside)).catch(() => undefined)
  } catch {
    /* still unreadable: it stays set aside */
  }
}
