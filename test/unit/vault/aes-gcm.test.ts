import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BlobFormatError, open, seal } from '../../../main/core/vault/aes-gcm'

describe('AES-256-GCM blobs', () => {
  const key = randomBytes(32)

  it('round-trips unicode and uses a fresh IV each time', () => {
    const a = seal(key, 'EAAB-secret-ü-🔑')
    const b = seal(key, 'EAAB-secret-ü-🔑')
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false)
    expect(a[0]).toBe(1)
    expect(open(key, a)).toBe('EAAB-secret-ü-🔑')
  })

  it('refuses another key, a flipped byte, a changed version and a short blob', () => {
    const blob = seal(key, 'secret value')
    expect(() => open(randomBytes(32), blob)).toThrow()
    const flipped = Buffer.from(blob)
    flipped[flipped.length - 1]! ^= 1
    expect(() => open(key, flipped)).toThrow()
    const version = Buffer.from(blob)
    version[0] = 2
    expect(() => open(key, version)).toThrow(BlobFormatError)
    expect(() => open(key, blob.subarray(0, 20))).toThrow(BlobFormatError)
  })
})
