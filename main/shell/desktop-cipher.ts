import type { Logger } from '../core/ports'
import {
  cipherSlots,
  createVaultCipher,
  DEFAULT_SCRYPT_COST,
  keyringSlots,
  nodeLegacy,
  passphraseSlots,
  type FsPort,
  type KeyringPort,
  type ScryptCost,
  type SlotMethod,
  type VaultCipher,
} from '../core/vault'
import { nodeFs } from '../core/vault'
import type { SafeStorageCipher } from './safe-storage-cipher'

export interface DesktopCipherOptions {
  /** The shared home: Electron's userData, set to it in main/index.ts. */
  home: string
  safeStorage: SafeStorageCipher
  /** The OS keyring (null with TOKEN_DESK_KEYRING=off): its slot is what lets the command line in. */
  keyring: KeyringPort | null
  /** TOKEN_DESK_PASSPHRASE, when the app was started with one. */
  passphrase: string | null
  log: Logger
  scryptCost?: ScryptCost
  fs?: FsPort
}

export type DesktopCipher = VaultCipher & Pick<SafeStorageCipher, 'markReady'>

/**
 * The desktop app's view of the shared vault: the data key unlocked with safeStorage, the OS
 * keyring or the passphrase, and stored under each of them it has (a weak safeStorage slot only
 * when nothing stronger exists, and only once the user allowed weak storage). Entries the app
 * saved before the shared vault (sealed by safeStorage itself) are read with safeStorage and
 * moved under the data key on first open.
 */
export function createDesktopCipher(options: DesktopCipherOptions): DesktopCipher {
  const { safeStorage, keyring, passphrase, log } = options
  const fs = options.fs ?? nodeFs
  const methods: SlotMethod[] = [cipherSlots(safeStorage, log)]
  if (keyring) methods.push(keyringSlots(keyring, log))
  if (passphrase) methods.push(passphraseSlots(passphrase, options.scryptCost ?? DEFAULT_SCRYPT_COST, { onWrong: 'skip', log }))
  const node = nodeLegacy({ home: options.home, keyring, passphrase, fs, log })
  const cipher = createVaultCipher({
    home: options.home,
    methods,
    log,
    fs,
    ...(options.scryptCost ? { scryptCost: options.scryptCost } : {}),
    legacy: (backend) => {
      if (backend === safeStorage.backend) return { read: async (blob) => (await safeStorage.decrypt(blob)).plain }
      // Another safeStorage backend (the Linux keyring changed): only that backend could read it.
      return backend.startsWith('safeStorage:') ? null : node(backend)
    },
  })
  return Object.assign(cipher, {
    async markReady() {
      // safeStorage first: its backend is known only after app ready.
      await safeStorage.markReady()
      try {
        await cipher.open()
      } catch (error) {
        // A damaged key file: the vault stays locked with that reason, and the app still starts.
        log.error('The vault key could not be opened.', { error })
      }
    },
  })
}
