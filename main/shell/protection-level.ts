import type { ProtectionLevel } from '../core/ports'

/** The prefix of a blob Chromium sealed on Linux with its published key ("peanuts"). */
export const PUBLISHED_KEY_PREFIX = 'v10'

export type LinuxBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'

/**
 * How well safeStorage protects a secret here. Availability alone never decides it: on Linux
 * `basic_text` encrypts with a key published in Chromium's source, so it is `weak` even when
 * safeStorage says encryption is available (shared/security.md §2.2).
 */
export function protectionLevel(platform: NodeJS.Platform, backend: string, available: boolean, sealedWith: string | null = null): ProtectionLevel {
  if (platform === 'linux') {
    if (backend === 'basic_text') return 'weak'
    // Chromium's async encryptor falls back to its published key (blobs "v10") when no Secret
    // Service answers, and still names the desktop's backend (chromium:components/os_crypt/
    // async/browser/fallback_linux_key_provider.cc). On macOS "v10" is the Keychain's own prefix.
    if (available && sealedWith === PUBLISHED_KEY_PREFIX) return 'weak'
    if (!available) return 'unavailable'
    return backend === 'gnome_libsecret' || /^kwallet\d*$/.test(backend) ? 'os-keystore' : 'unavailable'
  }
  if (platform === 'darwin' || platform === 'win32') return available ? 'os-keystore' : 'unavailable'
  return 'unavailable'
}

/** The name stored beside each blob, so a later change of backend is noticed, not mis-decrypted. */
export function backendName(platform: NodeJS.Platform, linuxBackend: string): string {
  if (platform === 'darwin') return 'safeStorage:keychain'
  if (platform === 'win32') return 'safeStorage:dpapi'
  return `safeStorage:${linuxBackend}`
}
