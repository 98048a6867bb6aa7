import type { ProtectionLevel } from '../ports'

export type VaultProblemReason =
  /** Decryption failed: another key, another OS user, or altered bytes. */
  | 'unreadable'
  /** Written by another backend than the one in use now (Signal's keyring-changed case). */
  | 'backend-changed'
  /** Not a vault entry we can parse at all. */
  | 'corrupt'
  /** There is no key now (protection 'unavailable'): left on disk untouched for a later run. */
  | 'locked'
  /** Written by a newer Token Desk: left untouched. */
  | 'newer-format'
  /** Saved in the format before the shared vault by a program that is not this one: left untouched for it to move. */
  | 'not-migrated'

export interface VaultProblem {
  reason: VaultProblemReason
  /** Plain words for the user. Never a secret. */
  message: string
  /** File name (in the vault folder) the blob was moved to, or null when it stayed in place. */
  setAside: string | null
}

/** One stored secret, described without its value. */
export interface VaultEntry<M> {
  id: string
  meta: M
  /** The backend that encrypted the blob; 'memory' for a secret held in memory only. */
  backend: string
  /** False when the secret lives in memory only and is gone when the process ends. */
  persisted: boolean
  /** Set when the secret cannot be used: the owner should ask for a new sign-in. */
  problem: VaultProblem | null
}

/** A file in the vault folder that could not be read as an entry, with its metadata. */
export interface VaultFileProblem extends VaultProblem {
  id: string
  file: string
}

/**
 * What protects the vault as reported to people: the cipher's level, except 'passphrase' when a
 * passphrase slot opened the key here (issue 20, item 12: it is not an OS keystore).
 */
export type StorageProtection = ProtectionLevel | 'passphrase'

export interface VaultStatus {
  protection: StorageProtection
  backend: string
  persisting: boolean
  /** Why secrets are not saved, or the standing warning when they are saved weakly. */
  reason: string | null
}

export interface Vault<M> {
  status(): VaultStatus
  persisting(): boolean
  list(): VaultEntry<M>[]
  get(id: string): VaultEntry<M> | null
  /** The secret, or null when there is no such entry or it cannot be read. */
  getSecret(id: string): Promise<string | null>
  /** Stores a new secret (or replaces one: a new sign-in clears a problem). */
  put(input: { id?: string; meta: M; secret: string }): Promise<VaultEntry<M>>
  updateMeta(id: string, meta: M): Promise<VaultEntry<M>>
  /** False when there was no such entry. A set-aside blob of the entry stays where it is. */
  remove(id: string): Promise<boolean>
  /** Removes every entry; `includeSetAside` also deletes the blobs that were set aside. */
  removeAll(options?: { includeSetAside?: boolean }): Promise<void>
  /** Files that could not be read as entries at all (their bytes kept, set aside or in place). */
  problems(): VaultFileProblem[]
  /**
   * Call after the weak-storage opt-in changes: saves memory-only secrets once persisting is
   * allowed; when it is revoked, deletes the weakly protected files and keeps the secrets in
   * memory for this session.
   */
  reconcile(): Promise<void>
  /**
   * Takes in what other processes wrote to the folder since (the desktop app and `token-desk`
   * share it): new entries, changed descriptions or secrets, removals. Reads only; true when
   * anything changed.
   */
  refresh(): Promise<boolean>
  /**
   * Call after the cipher was unlocked while this vault was open (a passphrase typed in the
   * window): reads every entry again as opening does, so the ones loaded while locked become
   * readable. Secrets held in memory only are kept; reconcile() then saves them.
   */
  reopen(): Promise<void>
}
