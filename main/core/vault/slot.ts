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

/** An entry whose file holds no secret (it was set aside): its description waits for a new sign-in. */
export const needsSignIn = (): VaultProblem => ({ reason: 'unreadable', message: 'This token needs a new sign-in.', setAside: null })

/** An entry read while there is no vault key here: left on disk as it is. */
export const keptLocked = (): VaultProblem => ({ reason: 'locked', message: 'The vault key is not available now; this token is kept for later.', setAside: null })

export function describe<M>(slot: Slot<M>): VaultEntry<M> {
  return {
    id: slot.id,
    meta: slot.meta,
    backend: slot.stored?.backend ?? (slot.plain !== null ? MEMORY_BACKEND : 'none'),
    persisted: slot.stored !== null,
    problem: slot.problem,
  }
}
