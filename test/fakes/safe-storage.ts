import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * A safeStorage stand-in that really encrypts: AES-256-GCM under a key fixed per backend (as
 * Chromium's os_crypt keeps one key per keyring), blobs prefixed "v11" like Chromium's. A blob
 * made under one backend does not open under another, and an altered blob fails to decrypt.
 */
export interface FakeSafeStorageOptions {
  backend?: string
  available?: boolean
  /** Leave out the async methods (Electron before 42). */
  sync?: boolean
}

export interface FakeSafeStorage {
  backend: string
  available: boolean
  calls: string[]
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(blob: Buffer): string
  getSelectedStorageBackend(): string
  isAsyncEncryptionAvailable?(): Promise<boolean>
  encryptStringAsync?(plain: string): Promise<Buffer>
  decryptStringAsync?(blob: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

const PREFIX = Buffer.from('v11')
const keyFor = (backend: string): Buffer => createHash('sha256').update(`token-desk fake safeStorage ${backend}`).digest()

export function createFakeSafeStorage(options: FakeSafeStorageOptions = {}): FakeSafeStorage {
  const fake: FakeSafeStorage = {
    backend: options.backend ?? 'gnome_libsecret',
    available: options.available ?? true,
    calls: [],
    isEncryptionAvailable: () => fake.available,
    getSelectedStorageBackend: () => fake.backend,
    encryptString(plain) {
      fake.calls.push('encryptString')
      if (!fake.available) throw new Error('Encryption is not available.')
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', keyFor(fake.backend), iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([PREFIX, iv, cipher.getAuthTag(), body])
    },
    decryptString(blob) {
      fake.calls.push('decryptString')
      if (!fake.available) throw new Error('Decryption is not available.')
      if (blob.length < 31 || !blob.subarray(0, 3).equals(PREFIX)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      const decipher = createDecipheriv('aes-256-gcm', keyFor(fake.backend), blob.subarray(3, 15))
      decipher.setAuthTag(blob.subarray(15, 31))
      return Buffer.concat([decipher.update(blob.subarray(31)), decipher.final()]).toString('utf8')
    },
  }
  if (!options.sync) {
    fake.isAsyncEncryptionAvailable = () => Promise.resolve(fake.available)
    fake.encryptStringAsync = (plain) => Promise.resolve().then(() => fake.encryptString(plain))
    fake.decryptStringAsync = (blob) => Promise.resolve().then(() => ({ result: fake.decryptString(blob), shouldReEncrypt: false }))
  }
  return fake
}
