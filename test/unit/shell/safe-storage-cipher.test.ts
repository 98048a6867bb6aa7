import { createDecipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CHROMIUM_PUBLISHED_KEY } from '../../fakes/safe-storage'
import { createFakeElectron, readyFakeElectron } from '../../fakes/electron'
import { backendName, protectionLevel } from '../../../main/shell/protection-level'
import {
  NotReadyError,
  StorageUnavailableError,
  createSafeStorageCipher,
  type SafeStorageLike,
} from '../../../main/shell/safe-storage-cipher'

const LINUX_BACKENDS = ['basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6', 'unknown'] as const

describe('protectionLevel (R16)', () => {
  const expected = (platform: string, backend: string, available: boolean) => {
    if (platform === 'linux') {
      if (backend === 'basic_text') return 'weak'
      const keyring = ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'].includes(backend)
      return available && keyring ? 'os-keystore' : 'unavailable'
    }
    if (platform === 'darwin' || platform === 'win32') return available ? 'os-keystore' : 'unavailable'
    return 'unavailable'
  }
  for (const platform of ['linux', 'darwin', 'win32', 'freebsd'] as const) {
    for (const backend of [...LINUX_BACKENDS, '']) {
      for (const available of [true, false]) {
        it(`${platform} / ${backend || '(none)'} / available=${available}`, () => {
          expect(protectionLevel(platform, backend, available)).toBe(expected(platform, backend, available))
        })
      }
    }
  }
  it('spells out the critical rows', () => {
    expect(protectionLevel('linux', 'basic_text', true)).toBe('weak')
    expect(protectionLevel('linux', 'basic_text', false)).toBe('weak')
    expect(protectionLevel('linux', 'kwallet6', true)).toBe('os-keystore')
    expect(protectionLevel('linux', 'gnome_libsecret', false)).toBe('unavailable')
    expect(protectionLevel('darwin', '', true)).toBe('os-keystore')
    expect(protectionLevel('win32', '', false)).toBe('unavailable')
    expect(protectionLevel('linux', 'kwallet-evil', true)).toBe('unavailable')
  })
})

/** A safeStorage stand-in that reverses strings; the async half can be left out. */
function fakeSafeStorage(options: { backend?: string; available?: boolean; async?: boolean; reEncrypt?: boolean } = {}) {
  const calls: string[] = []
  const s: SafeStorageLike = {
    isEncryptionAvailable: () => (calls.push('isEncryptionAvailable'), options.available ?? true),
    encryptString: (plain) => (calls.push('encryptString'), Buffer.from([...plain].reverse().join(''))),
    decryptString: (blob) => (calls.push('decryptString'), [...blob.toString()].reverse().join('')),
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  }
  if (options.async !== false) {
    s.isAsyncEncryptionAvailable = () => (calls.push('isAsyncEncryptionAvailable'), Promise.resolve(options.available ?? true))
    s.encryptStringAsync = (plain) => (calls.push('encryptStringAsync'), Promise.resolve(Buffer.from([...plain].reverse().join(''))))
    s.decryptStringAsync = (blob) => (
      calls.push('decryptStringAsync'),
      Promise.resolve({ result: [...blob.toString()].reverse().join(''), shouldReEncrypt: options.reEncrypt ?? false })
    )
  }
  return { s, calls }
}

describe('the safeStorage cipher (R15, R16, R17)', () => {
  it('refuses to work before markReady', async () => {
    const { s, calls } = fakeSafeStorage()
    const cipher = createSafeStorageCipher(s, 'linux')
    await expect(cipher.encrypt('x')).rejects.toBeInstanceOf(NotReadyError)
    await expect(cipher.decrypt(new Uint8Array([1]))).rejects.toBeInstanceOf(NotReadyError)
    expect(cipher.protection()).toBe('unavailable')
    expect(calls).toEqual([])
  })

  it('uses the async API where it exists, and round-trips', async () => {
    const { s, calls } = fakeSafeStorage()
    const cipher = createSafeStorageCipher(s, 'linux')
    await cipher.markReady()
    expect(cipher.backend).toBe('safeStorage:gnome_libsecret')
    expect(cipher.protection()).toBe('os-keystore')
    const blob = await cipher.encrypt('EAAsecret')
    expect(blob).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(blob).toString()).not.toContain('EAAsecret')
    expect(await cipher.decrypt(blob)).toEqual({ plain: 'EAAsecret', shouldReEncrypt: false })
    // The first encryption is markReady's probe (which key seals: see the fallback tests below).
    expect(calls).toEqual(['isAsyncEncryptionAvailable', 'encryptStringAsync', 'encryptStringAsync', 'decryptStringAsync'])
  })

  it('falls back to the sync API when the async one is missing', async () => {
    const { s, calls } = fakeSafeStorage({ async: false })
    const cipher = createSafeStorageCipher(s, 'darwin')
    await cipher.markReady()
    expect(cipher.backend).toBe('safeStorage:keychain')
    const blob = await cipher.encrypt('abc')
    expect(await cipher.decrypt(blob)).toEqual({ plain: 'abc', shouldReEncrypt: false })
    expect(calls).toEqual(['isEncryptionAvailable', 'encryptString', 'decryptString'])
  })

  it('passes shouldReEncrypt through', async () => {
    const { s } = fakeSafeStorage({ reEncrypt: true })
    const cipher = createSafeStorageCipher(s, 'win32')
    await cipher.markReady()
    expect(cipher.backend).toBe('safeStorage:dpapi')
    expect((await cipher.decrypt(await cipher.encrypt('a'))).shouldReEncrypt).toBe(true)
  })

  it('is weak on basic_text but still encrypts, so the vault can decide with the user', async () => {
    const { s } = fakeSafeStorage({ backend: 'basic_text' })
    const cipher = createSafeStorageCipher(s, 'linux')
    await cipher.markReady()
    expect(cipher.protection()).toBe('weak')
    expect(cipher.backend).toBe('safeStorage:basic_text')
    await expect(cipher.encrypt('x')).resolves.toBeInstanceOf(Uint8Array)
  })

  it('refuses to encrypt when nothing is available', async () => {
    const { s } = fakeSafeStorage({ available: false })
    const cipher = createSafeStorageCipher(s, 'win32')
    await cipher.markReady()
    expect(cipher.protection()).toBe('unavailable')
    await expect(cipher.encrypt('x')).rejects.toBeInstanceOf(StorageUnavailableError)
  })

  it('a backend change between launches shows in the backend name stored beside each blob', async () => {
    const before = createSafeStorageCipher(fakeSafeStorage({ backend: 'kwallet6' }).s, 'linux')
    const after = createSafeStorageCipher(fakeSafeStorage({ backend: 'basic_text' }).s, 'linux')
    await before.markReady()
    await after.markReady()
    expect(before.backend).toBe('safeStorage:kwallet6')
    expect(after.backend).toBe('safeStorage:basic_text')
    expect(after.backend).not.toBe(before.backend)
    expect(backendName('linux', 'kwallet5')).toBe('safeStorage:kwallet5')
  })
})

describe('the Linux fallback key (issue 18, fault 2), against the stand-in safeStorage', () => {
  it('a recognised desktop whose Secret Service does not answer seals with the published key: weak, not OS protection', async () => {
    const electron = readyFakeElectron({ platform: 'linux', linuxBackend: 'gnome_libsecret', keyring: 'absent' })
    // What Electron itself reports: available, and the desktop's backend.
    expect(await electron.safeStorage.isAsyncEncryptionAvailable!()).toBe(true)
    expect(electron.safeStorage.getSelectedStorageBackend()).toBe('gnome_libsecret')
    const cipher = createSafeStorageCipher(electron.safeStorage, 'linux')
    await cipher.markReady()
    expect(cipher.protection()).toBe('weak')
    // Sealed with Chromium's published key: anyone can open it without the keyring.
    const blob = Buffer.from(await cipher.encrypt('EAAsecret'))
    expect(blob.subarray(0, 3).toString()).toBe('v10')
    const d = createDecipheriv('aes-128-cbc', CHROMIUM_PUBLISHED_KEY, Buffer.alloc(16, 0x20))
    expect(Buffer.concat([d.update(blob.subarray(3)), d.final()]).toString()).toBe('EAAsecret')
  })

  it('the same desktop with its keyring answering is OS protection', async () => {
    const electron = readyFakeElectron({ platform: 'linux', linuxBackend: 'kwallet6', keyring: 'answers' })
    const cipher = createSafeStorageCipher(electron.safeStorage, 'linux')
    await cipher.markReady()
    expect(cipher.protection()).toBe('os-keystore')
    expect(Buffer.from(await cipher.encrypt('x')).subarray(0, 3).toString()).toBe('v11')
  })

  it('a dismissed unlock prompt leaves the fallback key: weak once the prompt is answered', async () => {
    const electron = readyFakeElectron({ platform: 'linux', keyring: 'prompt' })
    const cipher = createSafeStorageCipher(electron.safeStorage, 'linux')
    const ready = cipher.markReady()
    await new Promise((r) => setTimeout(r, 10))
    expect(electron.safeStorage.waiting()).toBe(1)
    electron.safeStorage.answerPrompt('dismiss')
    await ready
    expect(cipher.protection()).toBe('weak')
  })

  it('macOS and Windows blobs start "v10" too, and are the OS store: the probe is read on Linux only', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const electron = readyFakeElectron({ platform })
      const cipher = createSafeStorageCipher(electron.safeStorage, platform)
      await cipher.markReady()
      expect(Buffer.from(await cipher.encrypt('x')).subarray(0, 3).toString(), platform).toBe('v10')
      expect(cipher.protection(), platform).toBe('os-keystore')
    }
  })

  it('before ready the stand-in refuses, as Electron does', async () => {
    const electron = createFakeElectron({ platform: 'linux' })
    expect(electron.safeStorage.getSelectedStorageBackend()).toBe('unknown')
    expect(await electron.safeStorage.isAsyncEncryptionAvailable!()).toBe(false)
    await expect(electron.safeStorage.encryptStringAsync!('x')).rejects.toThrow('safeStorage cannot be used before app is ready')
    expect(() => electron.safeStorage.encryptString('x')).toThrow('safeStorage cannot be used before app is ready')
  })
})
