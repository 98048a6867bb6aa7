import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto'

/**
 * A safeStorage stand-in that really encrypts. Blobs made with the OS's key (a keyring on Linux,
 * the Keychain, DPAPI) are AES-256-GCM under a key fixed per backend (as Chromium's os_crypt
 * keeps one key per keyring), with Chromium's prefix: "v11" on Linux, "v10" on macOS and
 * Windows. A blob made under one backend does not open under another, and an altered one fails.
 *
 * Where Chromium uses its published key instead (Linux `basic_text`, and the async encryptor's
 * fallback when the Secret Service does not answer: rule safeStorage.fallback in
 * electron/rules.ts), the blob is exactly Chromium's: "v10", then AES-128-CBC under
 * PBKDF2-HMAC-SHA1("peanuts", "saltysalt", 1 iteration) with an IV of 16 spaces
 * (chromium:components/os_crypt/sync/os_crypt_linux.cc, async/browser/fallback_linux_key_provider.cc).
 *
 * Attached to a stand-in Electron (`gate`), it also keeps rule ready.safeStorage.
 */
export type KeyringBehaviour = 'answers' | 'absent' | 'prompt'

export interface FakeSafeStorageOptions {
  backend?: string
  available?: boolean
  /** Leave out the async methods (Electron before 42). */
  sync?: boolean
  platform?: NodeJS.Platform
  /** Linux: whether the Secret Service answers (default), is missing, or shows an unlock prompt first. */
  keyring?: KeyringBehaviour
  gate?: SafeStorageGate
}

/** What the stand-in Electron tells its safeStorage: whether the app is ready, and where to record a refusal. */
export interface SafeStorageGate {
  isReady(): boolean
  refuse(message: string): Error
}

export interface FakeSafeStorage {
  backend: string
  available: boolean
  calls: string[]
  keyring: KeyringBehaviour
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(blob: Buffer): string
  getSelectedStorageBackend(): string
  setUsePlainTextEncryption(use: boolean): void
  isAsyncEncryptionAvailable?(): Promise<boolean>
  encryptStringAsync?(plain: string): Promise<Buffer>
  decryptStringAsync?(blob: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
  /** The user answers the keyring's unlock prompt (keyring: 'prompt'): unlock, or dismiss it. */
  answerPrompt(answer: 'unlock' | 'dismiss'): void
  /** Calls waiting on an unanswered prompt. */
  waiting(): number
}

const NOT_READY = 'safeStorage cannot be used before app is ready'
const keyFor = (backend: string): Buffer => createHash('sha256').update(`token-desk fake safeStorage ${backend}`).digest()
/** Chromium's published Linux key (chromium:components/os_crypt/async/browser/fallback_linux_key_provider.cc kV10Key). */
export const CHROMIUM_PUBLISHED_KEY = pbkdf2Sync('peanuts', 'saltysalt', 1, 16, 'sha1')
const CBC_IV = Buffer.alloc(16, 0x20)

function sealPublished(plain: string): Buffer {
  const cipher = createCipheriv('aes-128-cbc', CHROMIUM_PUBLISHED_KEY, CBC_IV)
  return Buffer.concat([Buffer.from('v10'), cipher.update(plain, 'utf8'), cipher.final()])
}

function openPublished(blob: Buffer): string {
  const decipher = createDecipheriv('aes-128-cbc', CHROMIUM_PUBLISHED_KEY, CBC_IV)
  return Buffer.concat([decipher.update(blob.subarray(3)), decipher.final()]).toString('utf8')
}

export function createFakeSafeStorage(options: FakeSafeStorageOptions = {}): FakeSafeStorage {
  const platform = options.platform ?? 'linux'
  const prefix = Buffer.from(platform === 'linux' ? 'v11' : 'v10')
  const gate = options.gate
  const ready = (): boolean => gate?.isReady() ?? true
  let plainText = false
  let prompt: { settled: boolean; waiters: (() => void)[] } | null = null

  /** Whether this blob is sealed with Chromium's published key here (basic_text, or the Linux fallback). */
  const usesPublishedKey = (): boolean => platform === 'linux' && (fake.backend === 'basic_text' || fake.keyring === 'absent')

  const sealOwn = (plain: string): Buffer => {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', keyFor(fake.backend), iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return Buffer.concat([prefix, iv, cipher.getAuthTag(), body])
  }
  const openAny = (blob: Buffer, method: string): string => {
    const tag = blob.subarray(0, 3).toString('latin1')
    if (platform === 'linux' && tag === 'v10') {
      try {
        return openPublished(blob)
      } catch {
        throw new Error(`Error while decrypting the ciphertext provided to safeStorage.${method}.`)
      }
    }
    if (blob.length < 31 || !blob.subarray(0, 3).equals(prefix) || (platform === 'linux' && fake.keyring === 'absent')) {
      throw new Error(`Error while decrypting the ciphertext provided to safeStorage.${method}.`)
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', keyFor(fake.backend), blob.subarray(3, 15))
      decipher.setAuthTag(blob.subarray(15, 31))
      return Buffer.concat([decipher.update(blob.subarray(31)), decipher.final()]).toString('utf8')
    } catch {
      throw new Error(`Error while decrypting the ciphertext provided to safeStorage.${method}.`)
    }
  }
  /** Resolves once the keyring has answered (at once unless an unlock prompt is showing). */
  const keyringAnswered = (): Promise<void> => {
    if (platform !== 'linux' || fake.keyring !== 'prompt') return Promise.resolve()
    prompt ??= { settled: false, waiters: [] }
    const p = prompt
    if (p.settled) return Promise.resolve()
    return new Promise((resolve) => p.waiters.push(resolve))
  }

  const fake: FakeSafeStorage = {
    backend: options.backend ?? 'gnome_libsecret',
    available: options.available ?? true,
    calls: [],
    keyring: options.keyring ?? 'answers',
    isEncryptionAvailable: () => {
      if (!ready()) return false
      if (platform === 'linux' && fake.backend === 'basic_text') return fake.available || plainText
      if (platform === 'linux' && fake.keyring === 'absent') return false
      return fake.available
    },
    getSelectedStorageBackend: () => (ready() ? fake.backend : 'unknown'),
    setUsePlainTextEncryption: (use) => void (plainText = use),
    encryptString(plain) {
      fake.calls.push('encryptString')
      if (!fake.isEncryptionAvailable()) {
        if (!ready()) throw gate!.refuse(NOT_READY)
        throw new Error('Encryption is not available.')
      }
      return usesPublishedKey() ? sealPublished(plain) : sealOwn(plain)
    },
    decryptString(blob) {
      fake.calls.push('decryptString')
      if (!fake.isEncryptionAvailable()) {
        if (!ready()) throw gate!.refuse(NOT_READY)
        throw new Error('Decryption is not available.')
      }
      return openAny(blob, 'decryptString')
    },
    answerPrompt(answer) {
      const p = (prompt ??= { settled: false, waiters: [] })
      // A dismissed prompt leaves Chromium without the Secret Service: the fallback key from now on.
      fake.keyring = answer === 'unlock' ? 'answers' : 'absent'
      p.settled = true
      for (const resolve of p.waiters.splice(0)) resolve()
    },
    waiting: () => prompt?.waiters.length ?? 0,
  }
  if (!options.sync) {
    fake.isAsyncEncryptionAvailable = async () => {
      if (!ready()) return false
      await keyringAnswered()
      // The async encryptor always has a key on Linux: the keyring's, or the fallback's (rule safeStorage.fallback).
      return platform === 'linux' && (fake.keyring === 'absent' || fake.backend === 'basic_text') ? true : fake.available
    }
    fake.encryptStringAsync = async (plain) => {
      fake.calls.push('encryptStringAsync')
      if (!ready()) throw gate!.refuse(NOT_READY)
      await keyringAnswered()
      if (usesPublishedKey()) return sealPublished(plain)
      if (!fake.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.')
      return sealOwn(plain)
    }
    fake.decryptStringAsync = async (blob) => {
      fake.calls.push('decryptStringAsync')
      if (!ready()) throw gate!.refuse(NOT_READY)
      await keyringAnswered()
      if (!fake.available && !usesPublishedKey()) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.')
      const result = openAny(blob, 'decryptStringAsync')
      // A blob under the published key, opened where the keyring now answers, should be sealed again.
      const reseal = platform === 'linux' && blob.subarray(0, 3).toString('latin1') === 'v10' && !usesPublishedKey()
      return { result, shouldReEncrypt: reseal }
    }
  }
  return fake
}
