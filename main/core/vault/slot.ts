import type { DiskCopy } from './entry-disk'
import type { StoredSecret } from './entry-file'
import type { VaultEntry, VaultProblem } from './types'

/** What the vault holds in memory for one entry. */
export interface Slot<M> {
  id: string
  meta: M
  /** The ciphertext as stored on disk; null for memory-only secrets and set-aside blobs. */
  stored: StoredSecret | null
  /** A secret held in memory only (nothing to encrypt with, or weak storage not allowed). */
  plain: string | null
  /** Whether `<id>.json` exists for this entry. */
  onDisk: boolean
  problem: VaultProblem | null
  /** The file as this process last read or wrote it: a different text means another process wrote it. */
  disk: DiskCopy | null
}

export const MEMORY_BACKEND = 'memory'

export function describe<M>(slot: Slot<M>): VaultEntry<M> {
  return {
    id: slot.id,
    meta: slot.meta,
    backend: slot.stored?.backend ?? (slot.plain !== null ? MEMORY_BACKEND : 'none'),
    persisted: slot.stored !== null,
    problem: slot.problem,
  }
}
