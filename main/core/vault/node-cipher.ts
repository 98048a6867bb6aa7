import { silentLogger } from '../log'
import type { Logger } from '../ports'
import type { LegacyReading } from './cipher-extras'
import { nodeFs, type FsPort } from './fs-port'
import { createOsKeyring, type KeyringPort } from './keyring'
import { legacyNodeReaders } from './legacy-node-cipher'
import type { LockOptions } from './lock'
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './passphrase-key'
import { keyringSlots, passphraseSlots, type SlotMethod } from './slot-methods'
import { createVaultCipher, type VaultCipher } from './vault-cipher'

export type NodeCipher = VaultCipher

export interface NodeCipherOptions {
  /** TOKEN_DESK_HOME: where the vault lives. */
  home: string
  /** TOKEN_DESK_PASSPHRASE, read by the caller: core never reads the environment. */
  passphrase?: string | null
  /** Default: the OS keyring; null: never try one. */
  keyring?: KeyringPort | null
  /** Only for new passphrase slots; an existing slot keeps its own cost. Tests pass a cheap one. */
  scryptCost?: ScryptCost
  log?: Logger
  fs?: FsPort
  lock?: LockOptions
}

/** What the command line says about a token the desktop app stored before the vault was shared. */
export const DESKTOP_FORMAT_WAIT =
  'It was saved by the desktop app before the app and the command line shared one vault: start the desktop app once and it moves the token into the shared vault.'

/** The formats before the shared vault that a plain Node process meets, and how it reads each. */
export function nodeLegacy(options: { home: string; keyring: KeyringPort | null; passphrase: string | null; fs: FsPort; log: Logger }): (backend: string) => LegacyReading | null {
  const node = legacyNodeReaders(options)
  return (backend) => node(backend) ?? (backend.startsWith('safeStorage:') ? { wait: DESKTOP_FORMAT_WAIT } : null)
}

/**
 * The shared vault's cipher for the command line and the web host: the data key is unlocked
 * from the OS keyring or with TOKEN_DESK_PASSPHRASE (and stored under both when both exist).
 * Rejects with WrongPassphraseError (nothing on disk changes) or VaultKeyFileError.
 */
export async function createNodeCipher(options: NodeCipherOptions): Promise<NodeCipher> {
  const fs = options.fs ?? nodeFs
  const log = options.log ?? silentLogger
  const keyring = options.keyring === undefined ? createOsKeyring() : options.keyring
  const passphrase = options.passphrase ? options.passphrase : null
  const methods: SlotMethod[] = []
  if (keyring) methods.push(keyringSlots(keyring, log))
  if (passphrase) methods.push(passphraseSlots(passphrase, options.scryptCost ?? DEFAULT_SCRYPT_COST))
  const cipher = createVaultCipher({
    home: options.home,
    methods,
    legacy: nodeLegacy({ home: options.home, keyring, passphrase, fs, log }),
    log,
    fs,
    ...(options.lock ? { lock: options.lock } : {}),
  })
  await cipher.open()
  return cipher
}
