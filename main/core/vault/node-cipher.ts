import { join } from 'node:path'
import { appSecretDir, tokensDir } from '../home'
import { silentLogger } from '../log'
import type { Logger } from '../ports'
import type { LegacyReading } from './cipher-extras'
import { idOfEntryFile } from './entry-file'
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
  /** A command that only reads: no key made, no slot added, nothing written (vault-cipher.ts). */
  readOnly?: boolean
}

/** What the command line says about a token the desktop app stored before the vault was shared. */
const DESKTOP_FORMAT_WAIT =
  'It was saved by the desktop app before the app and the command line shared one vault: start the desktop app once and it moves the token into the shared vault.'

const DESKTOP_FORMAT_HOLD =
  'The desktop app’s tokens here are in the format from before it shared its vault with the command line: start the desktop app once and it moves them (and makes the vault key).'

/**
 * Entries the desktop app saved before the shared vault (sealed by its safeStorage). The key
 * must then be made by the desktop app, which adds a slot for every method it has: a key made
 * here with only a passphrase would shut the desktop app out of its own tokens.
 */
async function desktopEntriesWaiting(fs: FsPort, home: string): Promise<boolean> {
  for (const dir of [tokensDir(home), appSecretDir(home)]) {
    for (const name of (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => idOfEntryFile(n) !== null)) {
      try {
        const record = JSON.parse((await fs.readFile(join(dir, name))).toString('utf8')) as { secret?: { backend?: unknown } | null }
        if (typeof record.secret?.backend === 'string' && record.secret.backend.startsWith('safeStorage:')) return true
      } catch {
        /* the vault reports a damaged file itself */
      }
    }
  }
  return false
}

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
    ...(options.scryptCost ? { scryptCost: options.scryptCost } : {}),
    ...(options.readOnly ? { readOnly: true } : {}),
    holdCreation: async () => ((await desktopEntriesWaiting(fs, options.home)) ? DESKTOP_FORMAT_HOLD : null),
  })
  await cipher.open()
  return cipher
}
