import { randomBytes } from 'node:crypto'
import { silentLogger } from '../log'
import type { Cipher, DecryptResult, Logger, ProtectionLevel } from '../ports'
import { KEY_BYTES, blobVersion, open, seal } from './aes-gcm'
import type { LegacyReading, VaultCipherExtras } from './cipher-extras'
import { VaultPassphraseError, WrongPassphraseError, writeFailure } from './errors'
import { nodeFs, type FsPort } from './fs-port'
import { makeKeysDir, readKeySlots, vaultLockPath, writeKeySlots, type KeySlot, type KeySlotsFile } from './key-slots'
import { withLock, type LockOptions } from './lock'
import { isPassphraseSlot, passphraseExists, withPassphraseSlot, WRONG_PASSPHRASE_HERE } from './passphrase-door'
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './passphrase-key'
import { hasEntryFiles, keyIdsOfSealedEntries, missingKeyWords } from './key-missing'
import { passphraseSlots, type SlotMethod } from './slot-methods'

/** What every secret sealed under the shared vault's data key records as its backend. */
export const VAULT_BACKEND = 'aes-256-gcm:vault-key'
const KEY_CHECK = 'token-desk vault data key v1'

export interface VaultCipherOptions {
  /** TOKEN_DESK_HOME, or the desktop app's user-data folder (the same folder by default). */
  home: string
  /** The ways this process can unlock the key, cheapest first (a passphrase costs a scrypt run). */
  methods: readonly SlotMethod[]
  /** Readers of the formats before the shared vault, by backend. */
  legacy?: (backend: string) => LegacyReading | null
  log?: Logger
  fs?: FsPort
  lock?: LockOptions
  /**
   * Asked before a new key is made: a reason not to make one here (the command line finding
   * entries only the desktop app can move, which must make the key so it can open it), or null.
   */
  holdCreation?: () => Promise<string | null>
  /** For a passphrase slot added at run time (addPassphrase): the cost passphraseSlots uses here. */
  scryptCost?: ScryptCost
  /**
   * A command that only reads (`list`, `token`, `exec`): it adds no slot, and makes no key where
   * there is nothing to read (entries in the format before the shared vault need one to be read).
   */
  readOnly?: boolean
}

export interface VaultCipher extends Cipher, VaultCipherExtras {
  /** Plain words for why nothing can be encrypted, when protection() is 'unavailable'. */
  readonly unavailableReason: string | null
  /** Reads keys/slots.json and unlocks the key, creating it (and its slots) on a first run. */
  open(): Promise<void>
}

type State =
  /** The key is on disk and open here. */
  | { kind: 'open'; key: Buffer; file: KeySlotsFile }
  /**
   * A new key not yet on disk: only a weak method can hold it, and that slot is written at the
   * first encrypt, which the vault allows only once weak storage is allowed.
   */
  | { kind: 'pending'; key: Buffer; keyId: string; level: 'os-keystore' | 'weak' }
  /**
   * There is no key here: the file holds slots this process cannot open, or nothing can hold one.
   * `canCreate`: no key exists yet and nothing holds one back, so a passphrase typed in the window
   * may make it (createWithPassphrase).
   */
  | { kind: 'locked'; file: KeySlotsFile | null; reason: string; canCreate?: boolean }

const newKeyId = (): string => randomBytes(12).toString('base64url')

export const DAMAGED_CHECK =
  'The vault key file vault/keys/slots.json is damaged: its key check (`check`) does not match the key its slots open. It was left as it is; restore it from a backup.'

/** Where a slot keeps the data key, in words (also what diagnostics shows). */
export function slotLabel(slot: KeySlot): string {
  if (slot.kind === 'cipher') return slot.backend
  return slot.kind === 'keyring' ? 'the OS keyring' : 'a passphrase'
}

/** Where the slots of `file` keep the data key, each place named once. */
/** Where the key is kept, each way once, in the order of the file. */
export const slotHolders = (file: KeySlotsFile): string[] => [...new Set(file.slots.map(slotLabel))]

/** One weak slot is enough to read the key: the vault is as weak as its weakest slot. */
export const slotsProtection = (file: KeySlotsFile): 'weak' | 'os-keystore' =>
  file.slots.some((s) => s.kind === 'cipher' && s.protection === 'weak') ? 'weak' : 'os-keystore'

/**
 * The shared vault's cipher: AES-256-GCM under one random data key, kept in keys/slots.json
 * wrapped once per way of unlocking it, as disk encryption keeps several key slots. A process
 * opens the first slot it can, and adds a slot for each strong method it has that the file lacks.
 * Two processes creating the key at once converge: the file is created under the vault lock,
 * and whoever finds it there already adopts the key in it.
 */
export function createVaultCipher(options: VaultCipherOptions): VaultCipher {
  const fs = options.fs ?? nodeFs
  const log = options.log ?? silentLogger
  const { home, methods } = options
  let state: State = { kind: 'locked', file: null, reason: 'The vault has not been opened yet.' }
  const locked = async (run: () => Promise<void>): Promise<void> => {
    try {
      await makeKeysDir(fs, home)
    } catch (error) {
      throw writeFailure('the vault key', error)
    }
    return withLock(fs, vaultLockPath(home), run, options.lock)
  }

  // Asked each time: safeStorage knows its strength only after the app is ready.
  const strongMethods = (): SlotMethod[] => methods.filter((m) => m.strength() === 'os-keystore')

  /** Set when a slot opened (its GCM tag held) to a key the file's `check` does not confirm. */
  let uncheckedKey = false
  /** The kind of slot that gave this process the key (issue 20, item 12: say which one did). */
  let opener: KeySlot['kind'] | null = null

  /** The key from the first slot one of `using` opens; WrongPassphraseError propagates. */
  const unlock = async (file: KeySlotsFile, using: readonly SlotMethod[] = methods): Promise<Buffer | null> => {
    uncheckedKey = false
    for (const method of using) {
      for (const slot of file.slots.filter((s) => method.owns(s))) {
        const key = await method.open(slot)
        if (!key) continue
        if (checks(key, file)) {
          opener = slot.kind
          return key
        }
        uncheckedKey = true
        log.warn('A vault key slot opened to a key that is not this vault’s; ignoring it.', { slot: slotLabel(slot) })
      }
    }
    return null
  }

  const lockedBy = (file: KeySlotsFile): State => {
    if (uncheckedKey) {
      // Not a missing passphrase: the file's key check is damaged (or was copied from another vault).
      return { kind: 'locked', file, reason: DAMAGED_CHECK }
    }
    const holders = slotHolders(file).join(', ')
    const hint = file.slots.some(isPassphraseSlot) && !methods.some((m) => m.kind === 'passphrase') ? ' Set TOKEN_DESK_PASSPHRASE to open it here.' : ''
    return { kind: 'locked', file, reason: `The vault key is kept in ${holders || 'no slot'}, and none of them can be opened here now.${hint}` }
  }

  const adopt = async (file: KeySlotsFile): Promise<void> => {
    const key = await unlock(file)
    state = key ? { kind: 'open', key, file } : lockedBy(file)
  }

  /** New slots (made before taking the lock: a keyring or scrypt can take a while) for methods the file lacks. */
  const missingSlots = async (key: Buffer, file: KeySlotsFile): Promise<{ method: SlotMethod; slot: KeySlot }[]> => {
    const made: { method: SlotMethod; slot: KeySlot }[] = []
    for (const method of strongMethods()) {
      if (file.slots.some((s) => method.owns(s))) continue
      const slot = await method.make(key, file.keyId)
      if (slot) made.push({ method, slot })
    }
    return made
  }

  const addSlots = async (): Promise<void> => {
    if (state.kind !== 'open') return
    const { key } = state
    const made = await missingSlots(key, state.file)
    if (made.length === 0) return
    await locked(async () => {
      const disk = await readKeySlots(fs, home)
      if (!disk || disk.keyId !== keyIdNow()) return
      // Another process may have added a slot for the same method since.
      const fresh = made.filter(({ method }) => !disk.slots.some((s) => method.owns(s))).map(({ slot }) => slot)
      if (fresh.length === 0) {
        state = { kind: 'open', key, file: disk }
        return
      }
      const file = { ...disk, slots: [...disk.slots, ...fresh] }
      await writeKeySlots(fs, home, file)
      state = { kind: 'open', key, file }
      log.info('Added vault key slots.', { slots: fresh.map(slotLabel) })
    })
  }

  /** Writes the pending key with the slots that can hold it now; adopts the file another process wrote first. */
  const commit = async (allowWeak: boolean): Promise<void> => {
    if (state.kind !== 'pending') return
    const { key, keyId } = state
    const slots: KeySlot[] = []
    for (const method of strongMethods()) {
      const slot = await method.make(key, keyId)
      if (slot) slots.push(slot)
    }
    if (slots.length === 0 && allowWeak) {
      for (const method of methods.filter((m) => m.strength() === 'weak')) {
        const slot = await method.make(key, keyId)
        if (slot) slots.push(slot)
      }
    }
    if (slots.length === 0) {
      // Nothing can hold the key here; another process may have made one since.
      const disk = await readKeySlots(fs, home)
      if (disk) await adopt(disk)
      return
    }
    await locked(async () => {
      const disk = await readKeySlots(fs, home)
      if (disk) return adopt(disk)
      const file: KeySlotsFile = { v: 1, keyId, check: Buffer.from(seal(key, KEY_CHECK)).toString('base64'), slots }
      await writeKeySlots(fs, home, file)
      state = { kind: 'open', key, file }
      opener = slots[0]!.kind
      log.info('Created the vault key.', { slots: slots.map(slotLabel) })
    })
  }

  const cost = options.scryptCost ?? DEFAULT_SCRYPT_COST

  const keyIdNow = (): string | null => (state.kind === 'open' ? state.file.keyId : state.kind === 'pending' ? state.keyId : null)

  const cipher: VaultCipher = {
    backend: VAULT_BACKEND,
    get unavailableReason() {
      return state.kind === 'locked' ? state.reason : null
    },
    protection(): ProtectionLevel {
      if (state.kind === 'locked') return 'unavailable'
      if (state.kind === 'pending') return state.level
      return slotsProtection(state.file)
    },
    keyId: keyIdNow,
    openedWith() {
      return state.kind === 'open' ? opener : null
    },
    keyHolders() {
      if (state.kind === 'pending') {
        const level = state.level
        return methods.find((m) => m.strength() === level)?.label ?? 'memory'
      }
      const file = state.file
      return file ? slotHolders(file).join(' + ') : 'none'
    },
    async open() {
      let file: KeySlotsFile | null
      try {
        file = await readKeySlots(fs, home)
      } catch (error) {
        // Locked with the reason, for a caller that carries on (the desktop app); thrown for one that stops.
        state = { kind: 'locked', file: null, reason: error instanceof Error ? error.message : String(error) }
        throw error
      }
      if (file) {
        await adopt(file)
        if (!options.readOnly) await addSlots()
        return
      }
      const held = (await options.holdCreation?.()) ?? null
      if (held !== null) {
        state = { kind: 'locked', file: null, reason: held }
        return
      }
      const sealed = await keyIdsOfSealedEntries(fs, home)
      if (sealed.size > 0) {
        state = { kind: 'locked', file: null, reason: missingKeyWords(sealed) }
        log.warn('The vault key file is missing while entries sealed under a vault key exist; no key was made.', { keyIds: [...sealed.keys()] })
        return
      }
      if (options.readOnly && !(await hasEntryFiles(fs, home))) {
        state = { kind: 'locked', file: null, reason: 'The vault has no key yet: nothing has been stored here.' }
        return
      }
      const weak = methods.some((m) => m.strength() === 'weak')
      const strong = strongMethods().length > 0
      if (!strong && !weak) {
        state = { kind: 'locked', file: null, reason: 'There is no OS keyring here and TOKEN_DESK_PASSPHRASE is not set.', canCreate: true }
        return
      }
      state = { kind: 'pending', key: randomBytes(KEY_BYTES), keyId: newKeyId(), level: strong ? 'os-keystore' : 'weak' }
      if (strong) await commit(false)
      if (state.kind === 'pending' && state.level === 'os-keystore') {
        // No strong method could hold it after all (a keyring that refuses writes).
        const reason = methods.some((m) => m.kind === 'passphrase')
          ? 'Neither the OS keyring nor the passphrase could hold the vault key.'
          : 'The OS keyring cannot be used here and TOKEN_DESK_PASSPHRASE is not set.'
        state = weak ? { ...state, level: 'weak' } : { kind: 'locked', file: null, reason, canCreate: true }
      }
    },
    async encrypt(plain) {
      // Only called once persisting is allowed, so a weak-only key may be written now.
      if (state.kind === 'pending') await commit(true)
      if (state.kind !== 'open') throw new Error(`No vault key: ${state.kind === 'locked' ? state.reason : 'it could not be stored.'}`)
      return seal(state.key, plain)
    },
    decrypt(blob): Promise<DecryptResult> {
      try {
        if (state.kind !== 'open') throw new Error(`No vault key: ${state.kind === 'locked' ? state.reason : 'it is not stored yet.'}`)
        return Promise.resolve({ plain: open(state.key, blob), shouldReEncrypt: false })
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    },
    async encryptFor(plain, context) {
      if (state.kind === 'pending') await commit(true)
      if (state.kind !== 'open') throw new Error(`No vault key: ${state.kind === 'locked' ? state.reason : 'it could not be stored.'}`)
      return seal(state.key, plain, context)
    },
    decryptFor(blob, context) {
      try {
        if (state.kind !== 'open') throw new Error(`No vault key: ${state.kind === 'locked' ? state.reason : 'it is not stored yet.'}`)
        const plain = open(state.key, blob, context)
        return Promise.resolve({ plain, shouldReEncrypt: false, bound: blobVersion(blob) === 2 })
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    },
    legacyReader: (backend) => options.legacy?.(backend) ?? null,
    async confirmKey() {
      if (state.kind !== 'open') return false
      const disk = await readKeySlots(fs, home).catch(() => null)
      if (!disk || disk.keyId !== state.file.keyId) return false
      const key = await unlock(disk).catch(() => null)
      return key?.equals(state.key) ?? false
    },
    async reload() {
      if (state.kind === 'open') return
      const disk = await readKeySlots(fs, home).catch(() => null)
      if (disk) await adopt(disk)
    },
    passphraseUse() {
      // A new key only weak storage could hold: a passphrase can hold it instead.
      if (state.kind === 'pending') return state.level === 'weak' ? 'create' : null
      const held = state.file?.slots.some(isPassphraseSlot) ?? false
      if (state.kind === 'locked') return held ? 'unlock' : state.file === null && state.canCreate ? 'create' : null
      return held ? 'set' : 'add'
    },
    async unlockWithPassphrase(passphrase) {
      if (state.kind !== 'locked') throw new VaultPassphraseError('already-open', 'The vault is already open.')
      // Read afresh: another process may have added the passphrase slot since this one started.
      const disk = await readKeySlots(fs, home)
      if (!disk) throw new VaultPassphraseError('no-passphrase-slot', 'This vault has no key yet, so there is nothing for a passphrase to open.')
      if (!disk.slots.some(isPassphraseSlot)) throw new VaultPassphraseError('no-passphrase-slot', 'This vault has no passphrase that opens it.')
      // Through the same method (so the same scrypt cost and format) TOKEN_DESK_PASSPHRASE uses.
      const key = await unlock(disk, [passphraseSlots(passphrase, cost, { onWrong: 'skip' })])
      if (!key) throw new WrongPassphraseError(WRONG_PASSPHRASE_HERE)
      if (state.kind !== 'locked') return
      state = { kind: 'open', key, file: disk }
      log.info('The vault was unlocked with its passphrase.')
      await addSlots()
    },
    async createWithPassphrase(passphrase) {
      const pending = state.kind === 'pending' && state.level === 'weak' ? state : null
      if (!pending && !(state.kind === 'locked' && state.file === null && state.canCreate)) {
        throw new VaultPassphraseError('exists', 'This vault already has a key, so a passphrase cannot make one. Nothing was changed.')
      }
      const key = pending?.key ?? randomBytes(KEY_BYTES)
      const keyId = pending?.keyId ?? newKeyId()
      // Made before the vault lock is taken: a scrypt run takes a while.
      const slot = await passphraseSlots(passphrase, cost).make(key, keyId)
      if (!slot) throw new VaultPassphraseError('not-open', 'The passphrase could not be used to hold the vault key. Nothing was changed.')
      await locked(async () => {
        // Another program (token-desk with TOKEN_DESK_PASSPHRASE) may have made the key since:
        // its key is the vault's, and a second one would shut that program out of these tokens.
        // The same passphrase opens it; another leaves the vault locked, for its own passphrase.
        const disk = await readKeySlots(fs, home)
        if (disk) {
          const theirs = await unlock(disk, [passphraseSlots(passphrase, cost, { onWrong: 'skip' })])
          state = theirs ? { kind: 'open', key: theirs, file: disk } : lockedBy(disk)
          if (theirs) return
          throw new VaultPassphraseError('key-changed', 'token-desk made the vault key meanwhile, with another passphrase. Nothing was changed: unlock the vault with that passphrase.')
        }
        const file: KeySlotsFile = { v: 1, keyId, check: Buffer.from(seal(key, KEY_CHECK)).toString('base64'), slots: [slot] }
        await writeKeySlots(fs, home, file)
        state = { kind: 'open', key, file }
        log.info('Created the vault key with a passphrase typed in the window.')
      })
    },
    async addPassphrase(passphrase) {
      if (state.kind !== 'open') throw new VaultPassphraseError('not-open', 'The vault is not open here, so no passphrase can be added to it.')
      if (state.file.slots.some(isPassphraseSlot)) throw passphraseExists()
      const { key, file } = state
      // Made before the vault lock is taken: a scrypt run takes a while.
      const slot = await passphraseSlots(passphrase, cost).make(key, file.keyId)
      if (!slot) throw new VaultPassphraseError('not-open', 'The passphrase could not be used to hold the vault key. Nothing was changed.')
      await locked(async () => {
        const disk = await readKeySlots(fs, home)
        if (disk?.keyId === file.keyId) state = { kind: 'open', key, file: disk }
        const next = withPassphraseSlot(disk, file.keyId, slot)
        await writeKeySlots(fs, home, next)
        state = { kind: 'open', key, file: next }
        log.info('Added a passphrase slot to the vault key.')
      })
    },
  }
  return cipher
}

function checks(key: Buffer, file: KeySlotsFile): boolean {
  try {
    return open(key, Buffer.from(file.check, 'base64')) === KEY_CHECK
  } catch {
    return false
  }
}
