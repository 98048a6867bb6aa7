import type { Cipher } from '../ports'
import { blobOf, type StoredSecret } from './entry-file'
import type { PassphraseUse } from './passphrase-door'

/** How to read a secret stored in a format from before the shared vault. */
export type LegacyReading =
  /** This process can read it: the vault moves it under the data key when it may write. */
  | { read(blob: Uint8Array): Promise<string> }
  /** Another program can (the desktop app, or a run with the passphrase): left untouched, with these words. */
  | { wait: string }

/**
 * What the shared vault's cipher offers beyond the Cipher port. Every member is optional, so a
 * plain Cipher (tests, one-backend setups) still opens a vault; the vault asks for them by name.
 */
export interface VaultCipherExtras {
  /** The data key's id, written beside every secret sealed under it. */
  keyId(): string | null
  legacyReader(backend: string): LegacyReading | null
  /** Reads the key file again from disk and opens it afresh: true when it holds this key. */
  confirmKey(): Promise<boolean>
  /** Another process may have created the key file since: adopt it when this one has none on disk. */
  reload(): Promise<void>
  /** Which kind of slot opened the key here: a passphrase-only vault is not an OS keystore. Null while not open. */
  openedWith(): 'cipher' | 'keyring' | 'passphrase' | null
  /** For people: where the key is kept ("safeStorage:kwallet6 + the OS keyring"). */
  keyHolders(): string
  /** What a passphrase typed in the window can do now (see passphrase-door.ts). */
  passphraseUse(): PassphraseUse
  /**
   * Opens a locked vault with its passphrase slot, read afresh from disk; then, as open() does,
   * adds a slot for each strong method here the file lacks. WrongPassphraseError (nothing on
   * disk changes) or VaultPassphraseError. The passphrase is used for one scrypt run, never kept.
   */
  unlockWithPassphrase(passphrase: string): Promise<void>
  /**
   * Adds a passphrase slot to the open key, under the vault lock and after re-reading
   * slots.json, so the command line can open the vault with TOKEN_DESK_PASSPHRASE. Refused
   * (VaultPassphraseError 'exists') when the file already has one; the passphrase is not kept.
   */
  addPassphrase(passphrase: string): Promise<void>
  /** Seals `plain` for one vault entry (`context`: its id, kind and purpose, see entryContext). */
  encryptFor(plain: string, context: string): Promise<Uint8Array>
  /** Opens a blob sealed for `context`; `bound` false for an older blob that is not bound yet (to be moved). */
  decryptFor(blob: Uint8Array, context: string): Promise<{ plain: string; shouldReEncrypt: boolean; bound: boolean }>
  /**
   * Makes the vault's key where nothing could hold one (no OS keyring, no TOKEN_DESK_PASSPHRASE,
   * or only weak storage), kept in one passphrase slot, so the command line opens it with
   * TOKEN_DESK_PASSPHRASE. Refused (VaultPassphraseError) once a key exists anywhere.
   */
  createWithPassphrase(passphrase: string): Promise<void>
}

export function extrasOf(cipher: Cipher): Partial<VaultCipherExtras> {
  return cipher as Partial<VaultCipherExtras>
}

export const keyIdOf = (cipher: Cipher): string | null => extrasOf(cipher).keyId?.() ?? null

/** Sealed by this cipher, under its current key. */
export function isCurrent(cipher: Cipher, secret: StoredSecret): boolean {
  return secret.backend === cipher.backend && (secret.key ?? null) === keyIdOf(cipher)
}

/**
 * What a vault entry's secret is sealed for: which vault (`purpose`: tokens or the App Secret),
 * which entry, and what kind of secret. A `secret` copied into another entry's file no longer
 * opens (issue 20, item 3).
 */
export const entryContext = (purpose: string, id: string, kind: string): string => `token-desk vault entry v2\u0000${purpose}\u0000${id}\u0000${kind}`

/** Sealed for `context` where the cipher binds blobs (the shared vault's does); a plain Cipher seals as it can. */
export function encryptFor(cipher: Cipher, plain: string, context: string): Promise<Uint8Array> {
  const extras = extrasOf(cipher)
  return extras.encryptFor ? extras.encryptFor.call(extras, plain, context) : cipher.encrypt(plain)
}

export async function decryptFor(cipher: Cipher, blob: Uint8Array, context: string): Promise<{ plain: string; shouldReEncrypt: boolean; bound: boolean }> {
  const extras = extrasOf(cipher)
  if (extras.decryptFor) return extras.decryptFor.call(extras, blob, context)
  // A cipher that cannot bind has nothing to move either.
  return { ...(await cipher.decrypt(blob)), bound: true }
}

/** The plain secret, whichever format it is in; throws when it cannot be read here, or was sealed for another entry. */
export async function readSecret(cipher: Cipher, secret: StoredSecret, context: string): Promise<string> {
  const blob = blobOf(secret)
  if (isCurrent(cipher, secret)) return (await decryptFor(cipher, blob, context)).plain
  const legacy = extrasOf(cipher).legacyReader?.(secret.backend) ?? null
  if (legacy && 'read' in legacy) return legacy.read(blob)
  throw new Error('This secret is stored in a format this program cannot read.')
}
