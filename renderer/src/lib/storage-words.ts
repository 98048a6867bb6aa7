import type { AppState } from '../../../preload/api'

/** A key holder in people's words: "safeStorage:kwallet6" is this computer's keyring. */
const holderWords = (holder: string): string => (holder.startsWith('safeStorage:') ? `this computer’s keyring (${holder.slice('safeStorage:'.length)})` : holder)

/**
 * Where the tokens are now, true when shown: a passphrase is never called a keyring (issue 21,
 * point 13), and "encrypted" is said only while the tokens are written encrypted.
 */
export function storageNow(storage: AppState['storage']): string {
  if (!storage.persisting) return 'Storage now: in memory only, until Token Desk quits.'
  const holders = storage.backend.split(' + ').map(holderWords).join(' or ')
  if (storage.protection === 'weak') return `Storage now: saved with weak protection (${holders}).`
  // Which slot opened the key here (issue 20, item 12): a passphrase is no keyring.
  if (storage.protection === 'passphrase') return 'Storage now: encrypted on this computer; its key opened with your passphrase.'
  return `Storage now: encrypted on this computer; its key opens with ${holders}.`
}
