import type { Logger } from '../ports'
import { open } from './aes-gcm'
import type { LegacyReading } from './cipher-extras'
import { WrongPassphraseError } from './errors'
import type { FsPort } from './fs-port'
import { readKeyFile } from './key-file'
import { keyFromKeyring } from './keyring-key'
import type { KeyringPort } from './keyring'
import { keyFromPassphrase } from './passphrase-key'

/** The backends of the command line's format before the shared vault (`<home>/vault-key.json`). */
export const LEGACY_KEYRING_BACKEND = 'aes-256-gcm:keyring'
export const LEGACY_PASSPHRASE_BACKEND = 'aes-256-gcm:passphrase'

/** The older key cannot be had now (no passphrase, no keyring): the entry waits, untouched. */
export class LegacyUnavailableError extends Error {
  override name = 'LegacyUnavailableError'
}

export interface LegacyNodeOptions {
  home: string
  keyring: KeyringPort | null
  passphrase: string | null
  fs: FsPort
  log: Logger
}

/**
 * Reads secrets the command line (or `token-desk serve`) stored before the shared vault: one
 * AES-256-GCM key, in the OS keyring or derived from the passphrase, named by vault-key.json.
 * Read-only: it never creates a key or a file. The key is found on first use, once.
 */
export function legacyNodeReaders(options: LegacyNodeOptions): (backend: string) => LegacyReading | null {
  let found: Promise<{ key: Buffer | null; why: string }> | null = null
  const key = (): Promise<{ key: Buffer | null; why: string }> => (found ??= findKey(options))
  return (backend) => {
    if (backend !== LEGACY_KEYRING_BACKEND && backend !== LEGACY_PASSPHRASE_BACKEND) return null
    return {
      read: async (blob) => {
        const { key: k, why } = await key()
        if (!k) throw new LegacyUnavailableError(why)
        return open(k, blob)
      },
    }
  }
}

async function findKey(options: LegacyNodeOptions): Promise<{ key: Buffer | null; why: string }> {
  const file = await readKeyFile(options.fs, options.home).catch(() => null)
  if (file?.kdf === 'keyring') {
    const key = options.keyring ? await keyFromKeyring(options.keyring, options.log) : null
    return { key, why: 'The OS keyring that held the older vault key cannot be reached now.' }
  }
  if (file?.kdf === 'scrypt') {
    if (!options.passphrase) return { key: null, why: 'The older vault was locked with a passphrase: set TOKEN_DESK_PASSPHRASE.' }
    try {
      return { key: await keyFromPassphrase(options.passphrase, file), why: '' }
    } catch (error) {
      if (error instanceof WrongPassphraseError) return { key: null, why: 'TOKEN_DESK_PASSPHRASE does not open the older vault.' }
      throw error
    }
  }
  return { key: null, why: 'The older vault key file (vault-key.json) is missing.' }
}
