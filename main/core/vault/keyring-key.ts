import type { Logger } from '../ports'
import { KEY_BYTES } from './aes-gcm'
import type { KeyringPort } from './keyring'

const KEYRING_ACCOUNT = 'vault-key'

/**
 * The command line's vault key from before the shared vault, as the keyring holds it; never
 * created here. Null when there is none or the keyring cannot be used; the reason goes to the
 * log (never the key).
 */
export async function keyFromKeyring(keyring: KeyringPort, log: Logger): Promise<Buffer | null> {
  try {
    const stored = await keyring.get(KEYRING_ACCOUNT)
    if (stored === null) return null
    const key = Buffer.from(stored, 'base64')
    if (key.length === KEY_BYTES) return key
    // Not ours, or damaged: left alone.
    log.warn('The OS keyring holds a vault key of the wrong size; not using the keyring.')
    return null
  } catch (error) {
    log.info('The OS keyring is not available.', { error: error instanceof Error ? error.message : String(error) })
    return null
  }
}
