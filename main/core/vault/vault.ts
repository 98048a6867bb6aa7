import { basename, join } from 'node:path'
import { silentLogger } from '../log'
import { systemClock, type Cipher, type Clock, type Logger } from '../ports'
import { encryptFor, entryContext, isCurrent, keyIdOf, readSecret } from './cipher-extras'
import { folderLockPath, mergeMeta, readEntryFile, sameSecret, type DiskCopy } from './entry-disk'
import { FORMAT_VERSION, checkId, isSetAsideFile, newId, storeSecret, type EntryRecord } from './entry-file'
import { deleteEntry, deleteFile, writeEntry } from './entry-io'
import { VaultEntryNotFoundError } from './errors'
import { nodeFs, type FsPort } from './fs-port'
import { loadEntries, type LoadContext } from './load'
import { withLock, type LockOptions } from './lock'
import { migrateEntries } from './migrate'
import { refreshSlots } from './refresh'
import { serial } from './serial'
import { describe, type Slot } from './slot'
import { vaultStatus } from './status'
import type { Vault } from './types'

export interface OpenVaultOptions<M> {
  /** The vault folder (created 0700 when missing). */
  dir: string
  cipher: Cipher
  /** The settings flag allowWeakSecretStorage, read at each write so a change applies at once. */
  allowWeak: () => boolean
  log?: Logger
  clock?: Clock
  fs?: FsPort
  /** Checks the stored metadata when loading; throwing sets the entry aside. Default: as stored. */
  parseMeta?: (raw: unknown) => M
  lock?: LockOptions
  /** A command that only reads (`list`, `token`, `exec`): opening renames, sets aside and removes nothing. */
  readOnly?: boolean
  /** Which vault this is, in every secret's binding: default the folder's name (`tokens`, `app`). */
  purpose?: string
}

/** The kind a description names (a token's USER, PAGE...), bound into its secret; '' when it names none. */
const kindOf = (meta: unknown): string =>
  typeof meta === 'object' && meta !== null && typeof (meta as { kind?: unknown }).kind === 'string' ? (meta as { kind: string }).kind : ''

/**
 * Opens the vault: one `<id>.json` per secret holding only ciphertext and the backend that made
 * it. Never rejects because of what it finds on disk; see load.ts for what happens to bad files.
 * Every change is written before memory changes, so a failed write (VaultWriteError) leaves both
 * the file and the in-memory state as they were.
 *
 * Several processes share the folder (the desktop app, `token-desk`, `token-desk serve`): each
 * change is a read-modify-write under the folder's lock file, a description update merges with
 * what another process wrote since, and `refresh()` takes in what others added or removed.
 */
export async function openVault<M>(options: OpenVaultOptions<M>): Promise<Vault<M>> {
  const { dir, cipher, allowWeak } = options
  const fs = options.fs ?? nodeFs
  const log = options.log ?? silentLogger
  const parseMeta = options.parseMeta ?? ((raw) => raw as M)
  const status = () => vaultStatus(cipher, allowWeak())
  if (!options.readOnly) await prepareFolder(fs, dir, log)
  const purpose = options.purpose ?? basename(dir)
  const contextOf = (id: string, meta: unknown): string => entryContext(purpose, id, kindOf(meta))
  const ctx: LoadContext<M> = { dir, fs, cipher, log, clock: options.clock ?? systemClock, parseMeta, persisting: status().persisting, readOnly: options.readOnly === true, contextOf }
  /** The description the stored blob was sealed with: the file's, as last read or written here. */
  const sealedWith = (slot: Slot<M>): unknown => slot.disk?.record.meta ?? slot.meta
  const { slots, problems } = await loadEntries(ctx)
  const queue = serial()
  const locked = <T>(run: () => Promise<T>): Promise<T> => withLock(fs, folderLockPath(dir), run, options.lock)

  const persist = async (slot: Slot<M>): Promise<Slot<M>> => {
    let plain = slot.plain
    // A description whose kind changed is a new binding: the secret is sealed again for it.
    if (plain === null && slot.stored && isCurrent(cipher, slot.stored) && contextOf(slot.id, sealedWith(slot)) !== contextOf(slot.id, slot.meta)) {
      plain = await readSecret(cipher, slot.stored, contextOf(slot.id, sealedWith(slot)))
    }
    const stored = plain === null ? slot.stored : storeSecret(cipher.backend, await encryptFor(cipher, plain, contextOf(slot.id, slot.meta)), keyIdOf(cipher))
    const record: EntryRecord = { v: FORMAT_VERSION, id: slot.id, meta: slot.meta, secret: stored }
    if (slot.problem) record.problem = slot.problem
    return { ...slot, stored, plain: null, onDisk: true, disk: await writeEntry(fs, dir, record) }
  }
  const existing = (id: string): Slot<M> => {
    const slot = slots.get(id)
    if (!slot) throw new VaultEntryNotFoundError('There is no stored token with that id.')
    return slot
  }
  const fromDisk = (slot: Slot<M>, now: DiskCopy): Slot<M> => ({
    ...slot,
    meta: parseMeta(now.record.meta),
    stored: now.record.secret,
    plain: null,
    onDisk: true,
    problem: now.record.problem ?? null,
    disk: now,
  })

  /**
   * The description to write, given what another process (or a refresh here) put on disk since
   * the caller saw the entry: `seen` is the file as it was when updateMeta was called, which is
   * what the caller built `meta` from.
   */
  const reconcileMeta = async (slot: Slot<M>, meta: M, seen: DiskCopy | null): Promise<{ slot: Slot<M>; write: boolean }> => {
    if (!slot.onDisk || !seen) return { slot: { ...slot, meta }, write: true }
    const now = await readEntryFile(fs, dir, slot.id)
    if (now === 'missing') {
      slots.delete(slot.id)
      throw new VaultEntryNotFoundError('That token was removed by another Token Desk program.')
    }
    if (now === 'unusable') return { slot: { ...slot, meta }, write: true }
    if (now.text === seen.text) return { slot: { ...fromDisk(slot, now), meta }, write: true }
    // A new secret stored elsewhere (`token-desk add` renewed it): what was learned about the
    // old one (a check result) no longer applies, so that version stands as it is.
    if (!sameSecret(now.record.secret, seen.record.secret)) return { slot: fromDisk(slot, now), write: false }
    let merged: M
    try {
      merged = parseMeta(mergeMeta(seen.record.meta, meta, now.record.meta))
    } catch {
      merged = meta
    }
    return { slot: { ...fromDisk(slot, now), meta: merged }, write: true }
  }

  return {
    status,
    persisting: () => status().persisting,
    list: () => [...slots.values()].map(describe),
    get: (id) => {
      const slot = slots.get(id)
      return slot ? describe(slot) : null
    },
    problems: () => problems.map((p) => ({ ...p })),

    getSecret: async (id) => {
      const slot = slots.get(id)
      if (!slot || slot.problem) return null
      if (slot.plain !== null) return slot.plain
      if (slot.stored === null) return null
      try {
        return await readSecret(cipher, slot.stored, contextOf(id, sealedWith(slot)))
      } catch (error) {
        log.warn('A stored token could not be decrypted now.', { id, error })
        return null
      }
    },

    put: (input) =>
      queue(async () => {
        const id = input.id === undefined ? newId() : checkId(input.id)
        const before = slots.get(id)
        const fresh: Slot<M> = { id, meta: input.meta, stored: null, plain: input.secret, onDisk: before?.onDisk ?? false, problem: null, disk: before?.disk ?? null }
        const slot = status().persisting ? await locked(() => persist(fresh)) : fresh
        slots.set(id, slot)
        return describe(slot)
      }),

    updateMeta: (id, meta) => {
      const seen = slots.get(id)?.disk ?? null
      return queue(async () => {
        const slot = existing(id)
        // Without persisting, files are never written: one may hold a blob for another run's key.
        if (!status().persisting) {
          slots.set(id, { ...slot, meta })
          return describe({ ...slot, meta })
        }
        const next = await locked(async () => {
          const planned = await reconcileMeta(slot, meta, seen)
          return planned.write ? persist(planned.slot) : planned.slot
        })
        slots.set(id, next)
        return describe(next)
      })
    },

    remove: (id) =>
      queue(async () => {
        const slot = slots.get(id)
        if (!slot) return false
        if (slot.onDisk) await locked(() => deleteEntry(fs, dir, id))
        slots.delete(id)
        return true
      }),

    removeAll: (opts) =>
      queue(() =>
        locked(async () => {
          for (const slot of [...slots.values()]) {
            if (slot.onDisk) await deleteEntry(fs, dir, slot.id)
            slots.delete(slot.id)
          }
          if (!opts?.includeSetAside) return
          for (const name of (await fs.readdir(dir).catch(() => [])).filter(isSetAsideFile)) {
            await deleteFile(fs, join(dir, name), 'a set-aside token')
          }
          problems.length = 0
        }),
      ),

    reconcile: () =>
      queue(async () => {
        const now = status()
        ctx.persisting = now.persisting
        if (now.persisting) {
          const items: { slot: Slot<M>; plain: string }[] = []
          for (const slot of slots.values()) {
            if (slot.stored === null || slot.problem !== null || isCurrent(cipher, slot.stored)) continue
            const plain = await readSecret(cipher, slot.stored, contextOf(slot.id, sealedWith(slot))).catch(() => null)
            if (plain !== null) items.push({ slot, plain })
          }
          if (items.length > 0) await migrateEntries(ctx, items)
        }
        const all = [...slots.values()]
        const memoryOnly = now.persisting ? all.filter((s) => s.plain !== null) : []
        const weakOnDisk = !now.persisting && now.protection === 'weak' ? all.flatMap((slot) => (slot.stored ? [{ slot, stored: slot.stored }] : [])) : []
        if (memoryOnly.length === 0 && weakOnDisk.length === 0) return
        await locked(async () => {
          for (const slot of memoryOnly) slots.set(slot.id, await persist(slot))
          for (const { slot, stored } of weakOnDisk) {
            const plain = await readSecret(cipher, stored, contextOf(slot.id, sealedWith(slot)))
            await deleteEntry(fs, dir, slot.id)
            slots.set(slot.id, { ...slot, stored: null, plain, onDisk: false, disk: null })
          }
        })
      }),

    refresh: () => queue(() => refreshSlots(ctx, slots)),

    reopen: () =>
      queue(async () => {
        ctx.persisting = status().persisting
        const again = await loadEntries(ctx)
        // This process's own memory-only secrets are newer than any file: they stay as they are.
        for (const slot of slots.values()) if (slot.plain !== null) again.slots.set(slot.id, slot)
        slots.clear()
        for (const [id, slot] of again.slots) slots.set(id, slot)
        problems.splice(0, problems.length, ...again.problems)
      }),
  }
}

async function prepareFolder(fs: FsPort, dir: string, log: Logger): Promise<void> {
  try {
    const created = await fs.mkdir(dir, { recursive: true, mode: 0o700 })
    // mkdir's mode passes through the umask; set it exactly. An existing folder is the user's
    // choice (and may be read-only on purpose), so it is only reported.
    if (created !== undefined) await fs.chmod(dir, 0o700)
    else if (((await fs.stat(dir)).mode & 0o077) !== 0) log.warn('The vault folder is readable by other users.', { dir })
  } catch (error) {
    log.error('The vault folder could not be prepared; saving tokens will fail.', { dir, error })
  }
}
