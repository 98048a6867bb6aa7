import type { Cipher } from '../ports'
import { extrasOf } from './cipher-extras'
import type { VaultStatus } from './types'

/** Whether secrets may be written to disk now, and the words that explain it. */
export function vaultStatus(cipher: Cipher, allowWeak: boolean): VaultStatus {
  const protection = cipher.protection()
  // For people: where the key is kept ("safeStorage:kwallet6 + the OS keyring"), when the cipher says.
  const base = { protection, backend: extrasOf(cipher).keyHolders?.() ?? cipher.backend }
  if (protection === 'os-keystore') {
    // Strong enough to save, but say which slot opened the key: a passphrase is no keyring.
    const opened = extrasOf(cipher).openedWith?.() ?? null
    return { ...base, protection: opened === 'passphrase' ? 'passphrase' : protection, persisting: true, reason: null }
  }
  if (protection === 'weak' && allowWeak) {
    return {
      ...base,
      persisting: true,
      reason: 'Tokens are saved with weak protection, because you allowed it in Settings: anyone who can read your files could decrypt them.',
    }
  }
  if (protection === 'weak') {
    return {
      ...base,
      persisting: false,
      reason:
        'This computer offers only weak protection for saved secrets, so tokens are kept in memory until the app closes. You can allow weak storage in Settings.',
    }
  }
  const why = 'unavailableReason' in cipher && typeof cipher.unavailableReason === 'string' ? ` ${cipher.unavailableReason}` : ''
  return {
    ...base,
    persisting: false,
    reason: `There is nothing to encrypt saved tokens with, so they are kept in memory until the app closes.${why}`,
  }
}
