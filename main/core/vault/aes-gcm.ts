import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** Blob layout: version byte (1) | 12-byte IV | 16-byte auth tag | ciphertext. */
const VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16
const HEADER = 1 + IV_BYTES + TAG_BYTES
export const KEY_BYTES = 32

export class BlobFormatError extends Error {
  override name = 'BlobFormatError'
}

export function seal(key: Uint8Array, plain: string): Uint8Array {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
  // The version byte is authenticated too, so it cannot be swapped without the tag failing.
  cipher.setAAD(Uint8Array.of(VERSION))
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([Uint8Array.of(VERSION), iv, cipher.getAuthTag(), body])
}

/** Throws when the blob is not ours, was made with another key, or was altered. */
export function open(key: Uint8Array, blob: Uint8Array): string {
  if (blob.length < HEADER) throw new BlobFormatError('The encrypted blob is too short.')
  if (blob[0] !== VERSION) throw new BlobFormatError(`Unknown blob version ${String(blob[0])}.`)
  const buf = Buffer.from(blob)
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES })
  decipher.setAAD(Uint8Array.of(VERSION))
  decipher.setAuthTag(buf.subarray(1 + IV_BYTES, HEADER))
  return Buffer.concat([decipher.update(buf.subarray(HEADER)), decipher.final()]).toString('utf8')
}
