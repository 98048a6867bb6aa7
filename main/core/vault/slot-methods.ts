import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Cipher, Logger, ProtectionLevel } from '../ports'
import { KEY_BYTES, open, seal } from './aes-gcm'
import { MIN_PASSPHRASE_CHARS, ShortPassphraseError, VaultKeyFileError, WrongPassphraseError } from './errors'
import type { KeySlot } from './key-slots'
import { KEYRING_SERVICE, type KeyringPort } from './keyring'
import { derive, type ScryptCost } from './passphrase-key'

/**
 * One way of unlocking the vault's data key. Each process has the methods it can use: the
 * desktop app its safeStorage, the OS keyring and a passphrase when one is set; the command line
 * the keyring and the passphrase. A method opens the slots it owns and makes new ones.
 */
export interface SlotMethod {
  readonly kind: KeySlot['kind']
  /** For people: where a slot of this method keeps the key. */
  readonly label: string
  /** How well a slot made here would protect the key; 'unavailable' when none can be made. */
  strength(): ProtectionLevel
  owns(slot: KeySlot): boolean
  /** The data key, or null when this slot cannot be opened here now. A wrong passphrase throws. */
  open(slot: KeySlot): Promise<Buffer | null>
  /** A new slot holding `key`, or null when this method cannot store it now. */
  make(key: Buffer, keyId: string): Promise<KeySlot | null>
}

const asKey = (text: string | null): Buffer | null => {
  if (text === null) return null
  const key = Buffer.from(text, 'base64')
  return key.length === KEY_BYTES ? key : null
}

/** A slot sealed by a platform cipher: Electron's safeStorage in the desktop app. */
export function cipherSlots(cipher: Cipher, log: Logger): SlotMethod {
  return {
    kind: 'cipher',
    get label() {
      return cipher.backend
    },
    strength: () => cipher.protection(),
    owns: (slot) => slot.kind === 'cipher' && slot.backend === cipher.backend,
    async open(slot) {
      if (slot.kind !== 'cipher' || cipher.protection() === 'unavailable') return null
      try {
        return asKey((await cipher.decrypt(Buffer.from(slot.wrapped, 'base64'))).plain)
      } catch (error) {
        log.warn('The vault key slot of this computer’s secret storage could not be opened.', { backend: cipher.backend, error })
        return null
      }
    },
    async make(key) {
      const protection = cipher.protection()
      if (protection === 'unavailable') return null
      const wrapped = Buffer.from(await cipher.encrypt(key.toString('base64'))).toString('base64')
      return { kind: 'cipher', backend: cipher.backend, protection, wrapped }
    },
  }
}

/** The data key itself in the OS keyring, one account per vault (`vault-<keyId>`). */
export function keyringSlots(keyring: KeyringPort, log: Logger, service = KEYRING_SERVICE): SlotMethod {
  return {
    kind: 'keyring',
    label: 'the OS keyring',
    strength: () => 'os-keystore',
    owns: (slot) => slot.kind === 'keyring' && slot.service === service,
    async open(slot) {
      if (slot.kind !== 'keyring') return null
      try {
        return asKey(await keyring.get(slot.account))
      } catch (error) {
        log.info('The OS keyring is not available.', { error: error instanceof Error ? error.message : String(error) })
        return null
      }
    },
    async make(key, keyId) {
      const account = `vault-${keyId}`
      try {
        await keyring.set(account, key.toString('base64'))
        // A keyring that accepts a write but cannot give it back is no keyring at all.
        const back = asKey(await keyring.get(account))
        return back?.equals(key) ? { kind: 'keyring', service, account } : null
      } catch (error) {
        log.info('The OS keyring is not available.', { error: error instanceof Error ? error.message : String(error) })
        return null
      }
    },
  }
}

export const DAMAGED_WRAPPED =
  'The vault key file vault/keys/slots.json is damaged: the passphrase is right, but the key its passphrase slot holds (`wrapped`) does not open. It was left as it is; restore it from a backup.'

/** Proves a derived key without opening anything: an HMAC under it of a fixed label. */
const verifierOf = (kek: Buffer): Buffer => createHmac('sha256', kek).update('token-desk passphrase verifier v1').digest()
const sameBytes = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b)

/** The data key sealed with a key derived from TOKEN_DESK_PASSPHRASE (scrypt). */
export function passphraseSlots(passphrase: string, cost: ScryptCost, options: { onWrong?: 'throw' | 'skip'; log?: Logger } = {}): SlotMethod {
  return {
    kind: 'passphrase',
    label: 'the passphrase (TOKEN_DESK_PASSPHRASE)',
    strength: () => 'os-keystore',
    owns: (slot) => slot.kind === 'passphrase',
    async open(slot) {
      if (slot.kind !== 'passphrase') return null
      const kek = await derive(passphrase, Buffer.from(slot.salt, 'base64'), slot)
      const verified = slot.verify === undefined ? null : sameBytes(verifierOf(kek), Buffer.from(slot.verify, 'base64'))
      if (verified === false) {
        if (options.onWrong !== 'skip') throw new WrongPassphraseError()
        options.log?.warn('TOKEN_DESK_PASSPHRASE does not open the vault; its passphrase slot is not used.')
        return null
      }
      try {
        return asKey(open(kek, Buffer.from(slot.wrapped, 'base64')))
      } catch {
        // The passphrase is right (its verifier matched) and still the key does not open: the file is damaged.
        if (verified === true) throw new VaultKeyFileError(DAMAGED_WRAPPED)
        // Another key fails the GCM tag: nothing was read, nothing is changed. The command line
        // stops with a clear error; the desktop app carries on with its other slots.
        if (options.onWrong !== 'skip') throw new WrongPassphraseError()
        options.log?.warn('TOKEN_DESK_PASSPHRASE does not open the vault; its passphrase slot is not used.')
        return null
      }
    },
    async make(key) {
      const length = [...passphrase].length
      if (length < MIN_PASSPHRASE_CHARS) {
        // The desktop app carries on with its other slots; the command line stops and says why.
        if (options.onWrong !== 'skip') throw new ShortPassphraseError(length)
        options.log?.warn('TOKEN_DESK_PASSPHRASE is too short to hold the vault key; no passphrase slot was made.', { length, minimum: MIN_PASSPHRASE_CHARS })
        return null
      }
      const salt = randomBytes(32)
      const kek = await derive(passphrase, salt, cost)
      const wrapped = Buffer.from(seal(kek, key.toString('base64'))).toString('base64')
      return { kind: 'passphrase', ...cost, salt: salt.toString('base64'), wrapped, verify: verifierOf(kek).toString('base64') }
    },
  }
}
