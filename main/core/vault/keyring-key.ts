import { randomBytes } from 'node:crypto'
import type { Logger } from '../ports'
import { KEY_BYTES } from './aes-gcm'
import type { KeyringPort } from './keyring'

export const KEYRING_ACCOUNT = 'vault-key'

/**
 * The vault key held in the keyring, created there when `create` is true and none exists.
 * Null when the keyring cannot be used; the reason goes to the log (never the key).
 */
export async function keyFromKeyring(keyring: KeyringPort, create: boolean, log: Logger): Promise<Buffer | null> {
  try {
    const stored = await keyring.get(KEYRING_ACCOUNT)
    if (stored !== null) {
      const key = Buffer.from(stored, 'base64')
      if (key.length === KEY_BYTES) return key
      // Not ours, or damaged: overwriting it could destroy someone's key, so leave it alone.
      log.warn('The OS keyring holds a vault key of the wrong size; not using the keyring.')
      return null
    }
    if (!create) return null
    await keyring.set(KEYRING_ACCOUNT, randomBytes(KEY_BYTES).toString('base64'))
    // Read it back: a keyring that accepts a write but cannot return it is no keyring at all,
    // and if another process stored its key first, that one is the key.
    const back = await keyring.get(KEYRING_ACCOUNT)
    const key = back === null ? null : Buffer.from(back, 'base64')
    return key?.length === KEY_BYTES ? key : null
  } catch (error) {
    log.info('The OS keyring is not available.', { error: error instanceof Error ? error.message : String(error) })
    return null
  }
}
