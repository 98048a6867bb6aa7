import type { Cipher, DecryptResult, Logger, ProtectionLevel } from '../ports'
import { silentLogger } from '../log'
import { open, seal } from './aes-gcm'
import { nodeFs, type FsPort } from './fs-port'
import { readKeyFile, writeKeyFile } from './key-file'
import { KEYRING_ACCOUNT, keyFromKeyring } from './keyring-key'
import { KEYRING_SERVICE, createOsKeyring, type KeyringPort } from './keyring'
import { DEFAULT_SCRYPT_COST, keyFromPassphrase, newPassphraseKey, type ScryptCost } from './passphrase-key'

export const KEYRING_BACKEND = 'aes-256-gcm:keyring'
export const PASSPHRASE_BACKEND = 'aes-256-gcm:passphrase'
export const NO_KEY_BACKEND = 'none'

export interface NodeCipher extends Cipher {
  readonly keySource: 'keyring' | 'passphrase' | 'none'
  /** Plain words for why nothing can be encrypted, when protection() is 'unavailable'. */
  readonly unavailableReason: string | null
}

export interface NodeCipherOptions {
  /** TOKEN_DESK_HOME: where vault-key.json lives. */
  home: string
  /** TOKEN_DESK_PASSPHRASE, read by the caller: core never reads the environment. */
  passphrase?: string | null
  /** Default: the OS keyring; null: never try one. */
  keyring?: KeyringPort | null
  /** Only for new key files; an existing file keeps its own cost. Tests pass a cheap one. */
  scryptCost?: ScryptCost
  log?: Logger
  fs?: FsPort
}

/**
 * The cipher for the CLI and the web host: AES-256-GCM under a random key in the OS keyring, or
 * under a key derived from the user's passphrase; with neither, protection is 'unavailable'.
 * Rejects with WrongPassphraseError (nothing on disk changes) or VaultKeyFileError.
 */
export async function createNodeCipher(options: NodeCipherOptions): Promise<NodeCipher> {
  const fs = options.fs ?? nodeFs
  const log = options.log ?? silentLogger
  const keyring = options.keyring === undefined ? createOsKeyring() : options.keyring
  const passphrase = options.passphrase ? options.passphrase : null
  const file = await readKeyFile(fs, options.home)

  if (file?.kdf === 'keyring') {
    // create = true: a keyring that answers but has lost the key (reset, new profile) gets a new
    // one; the old entries then fail to decrypt and are set aside for a new sign-in.
    const key = keyring ? await keyFromKeyring(keyring, true, log) : null
    return key ? aesCipher(key, 'keyring') : noKey(KEYRING_BACKEND, 'The OS keyring that holds the vault key cannot be reached now.')
  }
  if (file?.kdf === 'scrypt') {
    if (!passphrase) return noKey(PASSPHRASE_BACKEND, 'The vault is locked with a passphrase: set TOKEN_DESK_PASSPHRASE.')
    return aesCipher(await keyFromPassphrase(passphrase, file), 'passphrase')
  }

  // First use of this home: choose the source once and record it.
  const fromKeyring = keyring ? await keyFromKeyring(keyring, true, log) : null
  if (fromKeyring) {
    await writeKeyFile(fs, options.home, { v: 1, kdf: 'keyring', service: KEYRING_SERVICE, account: KEYRING_ACCOUNT })
    return aesCipher(fromKeyring, 'keyring')
  }
  if (passphrase) {
    const { key, file: created } = await newPassphraseKey(passphrase, options.scryptCost ?? DEFAULT_SCRYPT_COST)
    await writeKeyFile(fs, options.home, created)
    return aesCipher(key, 'passphrase')
  }
  return noKey(NO_KEY_BACKEND, 'There is no OS keyring here and TOKEN_DESK_PASSPHRASE is not set.')
}

function aesCipher(key: Buffer, source: 'keyring' | 'passphrase'): NodeCipher {
  return {
    backend: source === 'keyring' ? KEYRING_BACKEND : PASSPHRASE_BACKEND,
    keySource: source,
    unavailableReason: null,
    // A passphrase counts as 'os-keystore' strength, not 'weak': the key exists only in memory
    // and the file holds just a salt and a check, so a copy of the disk alone opens nothing
    // (unlike basic_text's published constant key). Its strength is the passphrase's, and
    // scrypt makes guessing it slow. Treating it as weak would demand an opt-in from users who
    // already chose to protect the vault themselves.
    protection: (): ProtectionLevel => 'os-keystore',
    encrypt: (plain) => Promise.resolve(seal(key, plain)),
    decrypt: (blob): Promise<DecryptResult> => {
      try {
        return Promise.resolve({ plain: open(key, blob), shouldReEncrypt: false })
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    },
  }
}

function noKey(backend: string, reason: string): NodeCipher {
  const refuse = () => Promise.reject(new Error(`No vault key: ${reason}`))
  return {
    backend,
    keySource: 'none',
    unavailableReason: reason,
    protection: (): ProtectionLevel => 'unavailable',
    encrypt: refuse,
    decrypt: refuse,
  }
}
