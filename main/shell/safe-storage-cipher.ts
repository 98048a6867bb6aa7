// The only module that touches safeStorage (checked by test/static).
import { safeStorage as electronSafeStorage } from 'electron'
import type { Cipher, DecryptResult, ProtectionLevel } from '../core/ports'
import { backendName, protectionLevel } from './protection-level'

/** What this module needs from Electron's safeStorage; the async methods are optional. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(blob: Buffer): string
  getSelectedStorageBackend?(): string
  isAsyncEncryptionAvailable?(): Promise<boolean>
  encryptStringAsync?(plain: string): Promise<Buffer>
  decryptStringAsync?(blob: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

export class NotReadyError extends Error {
  constructor() {
    super('Secret storage is used before the app is ready.')
    this.name = 'NotReadyError'
  }
}

export class StorageUnavailableError extends Error {
  constructor() {
    super('No secret storage is available on this system: secrets stay in memory only.')
    this.name = 'StorageUnavailableError'
  }
}

export interface SafeStorageCipher extends Cipher {
  /** Call once after `app.whenReady()`: before it, safeStorage may crash or pick the wrong key. */
  markReady(): Promise<void>
}

export function createSafeStorageCipher(
  safeStorage: SafeStorageLike = electronSafeStorage,
  platform: NodeJS.Platform = process.platform,
): SafeStorageCipher {
  let ready = false
  let level: ProtectionLevel = 'unavailable'
  let backend = backendName(platform, 'unknown')
  const asyncApi = asyncMethods(safeStorage)

  const whenUsable = (): void => {
    if (!ready) throw new NotReadyError()
    if (level === 'unavailable') throw new StorageUnavailableError()
  }

  return {
    get backend() {
      return backend
    },
    protection: () => level,
    markReady: async () => {
      const linuxBackend = platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : ''
      const available =
        asyncApi !== null ? await asyncApi.isAvailable() : safeStorage.isEncryptionAvailable()
      backend = backendName(platform, linuxBackend)
      // Availability and the backend's name do not say which key seals: a probe does (Linux).
      const sealedWith = platform === 'linux' && available ? await probePrefix(safeStorage, asyncApi) : null
      level = sealedWith === undefined ? 'unavailable' : protectionLevel(platform, linuxBackend, available, sealedWith)
      ready = true
    },
    encrypt: async (plain) => {
      whenUsable()
      const blob = asyncApi !== null ? await asyncApi.encrypt(plain) : safeStorage.encryptString(plain)
      return new Uint8Array(blob)
    },
    decrypt: async (blob): Promise<DecryptResult> => {
      whenUsable()
      const buffer = Buffer.from(blob)
      if (asyncApi !== null) {
        const { result, shouldReEncrypt } = await asyncApi.decrypt(buffer)
        return { plain: result, shouldReEncrypt }
      }
      return { plain: safeStorage.decryptString(buffer), shouldReEncrypt: false }
    },
  }
}

/** The first three bytes of a blob sealed now ("v10", "v11"); undefined when sealing fails although reported available. */
async function probePrefix(s: SafeStorageLike, asyncApi: ReturnType<typeof asyncMethods>): Promise<string | undefined> {
  try {
    const blob = asyncApi !== null ? await asyncApi.encrypt('token-desk probe') : s.encryptString('token-desk probe')
    return Buffer.from(blob).subarray(0, 3).toString('latin1')
  } catch {
    return undefined
  }
}

/** The async API (Electron 45+) when this safeStorage has all of it, else null. */
function asyncMethods(s: SafeStorageLike) {
  if (!s.isAsyncEncryptionAvailable || !s.encryptStringAsync || !s.decryptStringAsync) return null
  const full = s as Required<SafeStorageLike>
  return {
    isAvailable: () => full.isAsyncEncryptionAvailable(),
    encrypt: (plain: string) => full.encryptStringAsync(plain),
    decrypt: (blob: Buffer) => full.decryptStringAsync(blob),
  }
}
