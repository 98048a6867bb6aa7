import { join } from 'node:path'
import { silentLogger } from '../log'
import { systemClock, type Cipher, type Clock, type Logger } from '../ports'
import { FORMAT_VERSION, blobOf, checkId, isSetAsideFile, newId, storeSecret, type EntryRecord } from './entry-file'
import { deleteEntry, deleteFile, writeEntry } from './entry-io'
import { VaultEntryNotFoundError } from './errors'
import { nodeFs, type FsPort } from './fs-port'
import { loadEntries } from './load'
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
}

/**
 * Opens the vault: one `<id>.json` per secret holding only ciphertext and the backend that made
 * it. Never rejects because of what it finds on disk; see load.ts for what happens to bad files.
 * Every change is written before memory changes, so a failed write (VaultWriteError) leaves both
 * the file and the in-memory state as they were.
 */
export async function openVault<M>(options: OpenVaultOptions<M>): Promise<Vault<M>> {
  const { dir, cipher, allowWeak } = options
  const fs = options.fs ?? nodeFs
  const log = options.log ?? silentLogger
  const status = () => vaultStatus(cipher, allowWeak())
  await prepareFolder(fs, dir, log)
  const { slots, problems } = await loadEntries({
    dir,
    fs,
    cipher,
    log,
    clock: options.clock ?? systemClock,
    parseMeta: options.parseMeta ?? ((raw) => raw as M),
    persisting: status().persisting,
  })
  const queue = serial()

  const persist = async (slot: Slot<M>): Promise<Slot<M>> => {
    const stored = slot.plain === null ? slot.stored : storeSecret(cipher.backend, await cipher.encrypt(slot.plain))
    const record: EntryRecord = { v: FORMAT_VERSION, id: slot.id, meta: slot.meta, secret: stored }
    if (slot.problem) record.problem = slot.problem
    await writeEntry(fs, dir, record)
    return { ...slot, stored, plain: null, onDisk: true }
  }
  const existing = (id: string): Slot<M> => {
    const slot = slots.get(id)
    if (!slot) throw new VaultEntryNotFoundError('There is no stored token with that id.')
    return slot
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
        return (await cipher.decrypt(blobOf(slot.stored))).plain
      } catch (error) {
        log.warn('A stored token could not be decrypted now.', { id, error })
        return null
      }
    },

    put: (input) =>
      queue(async () => {
        const id = input.id === undefined ? newId() : checkId(input.id)
        const onDisk = slots.get(id)?.onDisk ?? false
        const fresh: Slot<M> = { id, meta: input.meta, stored: null, plain: input.secret, onDisk, problem: null }
        const slot = status().persisting ? await persist(fresh) : fresh
        slots.set(id, slot)
        return describe(slot)
      }),

    updateMeta: (id, meta) =>
      queue(async () => {
        const changed = { ...existing(id), meta }
        // Without persisting, files are never written: one may hold a blob for another run's key.
        const slot = status().persisting ? await persist(changed) : changed
        slots.set(id, slot)
        return describe(slot)
      }),

    remove: (id) =>
      queue(async () => {
        const slot = slots.get(id)
        if (!slot) return false
        if (slot.onDisk) await deleteEntry(fs, dir, id)
        slots.delete(id)
        return true
      }),

    removeAll: (opts) =>
      queue(async () => {
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

    reconcile: () =>
      queue(async () => {
        const now = status()
        for (const slot of [...slots.values()]) {
          if (now.persisting && slot.plain !== null) slots.set(slot.id, await persist(slot))
          else if (!now.persisting && now.protection === 'weak' && slot.stored !== null) {
            const plain = (await cipher.decrypt(blobOf(slot.stored))).plain
            await deleteEntry(fs, dir, slot.id)
            slots.set(slot.id, { ...slot, stored: null, plain, onDisk: false })
          }
        }
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
