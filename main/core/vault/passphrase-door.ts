import type { Cipher } from '../ports'
import { extrasOf, type VaultCipherExtras } from './cipher-extras'
import { VaultPassphraseError } from './errors'
import { MAX_SLOTS, type KeySlot, type KeySlotsFile } from './key-slots'

/**
 * What a passphrase typed in the window can do for the vault now:
 * - 'unlock': the vault is locked here and keys/slots.json holds a passphrase slot;
 * - 'add': the vault is open here and has no passphrase slot (the command line cannot open it
 *   on a machine without an OS keyring);
 * - 'set': a passphrase slot exists and the vault is open;
 * - 'create': there is no key yet and nothing here can hold one safely (no OS keyring, no
 *   TOKEN_DESK_PASSPHRASE, or only weak storage): a passphrase can make and hold it;
 * - null: none of these (locked with no passphrase slot, or a key held back for another program).
 */
export type PassphraseUse = 'unlock' | 'add' | 'set' | 'create' | null

/** Words the window shows; the command line keeps WrongPassphraseError's own, which name TOKEN_DESK_PASSPHRASE. */
export const WRONG_PASSPHRASE_HERE = 'That passphrase does not open this vault. Nothing was changed.'

export const isPassphraseSlot = (slot: KeySlot): boolean => slot.kind === 'passphrase'

/**
 * slots.json as re-read under the lock, with `slot` added. Refused when a passphrase slot is
 * there already: replacing it would silently lock out every script that uses the old one, and
 * adding a second would leave two passphrases that open one vault, which nobody asked for.
 */
export function withPassphraseSlot(disk: KeySlotsFile | null, keyId: string, slot: KeySlot): KeySlotsFile {
  if (!disk || disk.keyId !== keyId) {
    throw new VaultPassphraseError('key-changed', 'The vault key changed on disk while the passphrase was being added. Nothing was changed; restart Token Desk and try again.')
  }
  if (disk.slots.some(isPassphraseSlot)) throw passphraseExists()
  if (disk.slots.length >= MAX_SLOTS) throw new VaultPassphraseError('full', 'The vault key file has no room for another way to open it. Nothing was changed.')
  return { ...disk, slots: [...disk.slots, slot] }
}

export const passphraseExists = (): VaultPassphraseError =>
  new VaultPassphraseError('exists', 'A passphrase already opens this vault for the command line. Nothing was changed.')

/** The run-time passphrase half of a cipher: the shared vault's has it, a plain test Cipher not. */
export type PassphraseDoor = Pick<VaultCipherExtras, 'passphraseUse' | 'unlockWithPassphrase' | 'addPassphrase'> &
  Partial<Pick<VaultCipherExtras, 'createWithPassphrase'>>

export function passphraseDoor(cipher: Cipher): PassphraseDoor | null {
  const extras = extrasOf(cipher)
  const { passphraseUse, unlockWithPassphrase, addPassphrase, createWithPassphrase } = extras
  if (!passphraseUse || !unlockWithPassphrase || !addPassphrase) return null
  return {
    passphraseUse: () => passphraseUse.call(extras),
    unlockWithPassphrase: (passphrase) => unlockWithPassphrase.call(extras, passphrase),
    addPassphrase: (passphrase) => addPassphrase.call(extras, passphrase),
    ...(createWithPassphrase ? { createWithPassphrase: (passphrase: string) => createWithPassphrase.call(extras, passphrase) } : {}),
  }
}
