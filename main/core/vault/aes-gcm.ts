import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/**
 * Blob layout: version byte | 12-byte IV | 16-byte auth tag | ciphertext. Version 1 authenticates
 * the version byte only; version 2 also the context the blob was sealed for (a vault entry's id,
 * kind and purpose), so a blob copied into another entry's file fails its tag (issue 20, item 3).
 */
const VERSION = 1
const BOUND_VERSION = 2
const IV_BYTES = 12
const TAG_BYTES = 16
const HEADER = 1 + IV_BYTES + TAG_BYTES
export const KEY_BYTES = 32

export class BlobFormatError extends Error {
  override name = 'BlobFormatError'
}

const additionalData = (version: number, context: string | undefined): Uint8Array =>
  version === BOUND_VERSION ? Buffer.concat([Uint8Array.of(version), Buffer.from(context ?? '', 'utf8')]) : Uint8Array.of(version)

/** Sealed for `context` when one is given (version 2), else version 1. */
export function seal(key: Uint8Array, plain: string, context?: string): Uint8Array {
  const version = context === undefined ? VERSION : BOUND_VERSION
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
  // The version byte is authenticated too, so it cannot be swapped without the tag failing.
  cipher.setAAD(additionalData(version, context))
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([Uint8Array.of(version), iv, cipher.getAuthTag(), body])
}

/** 2 when the blob is bound to a context, 1 when it is not (an older entry), null when it is no blob of ours. */
export function blobVersion(blob: Uint8Array): 1 | 2 | null {
  return blob[0] === VERSION || blob[0] === BOUND_VERSION ? blob[0] : null
}

/**
 * Throws when the blob is not ours, was made with another key, was altered, or (version 2) was
 * sealed for another context. A version 1 blob opens whatever the context: it predates binding.
 */
export function open(key: Uint8Array, blob: Uint8Array, context?: string): string {
  if (blob.length < HEADER) throw new BlobFormatError('The encrypted blob is too short.')
  const version = blobVersion(blob)
  if (version === null) throw new BlobFormatError(`Unknown blob version ${String(blob[0])}.`)
  if (version === BOUND_VERSION && context === undefined) throw new BlobFormatError('This blob is bound to a vault entry; it opens only for that entry.')
  const buf = Buffer.from(blob)
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES })
  decipher.setAAD(additionalData(version, context))
  decipher.setAuthTag(buf.subarray(1 + IV_BYTES, HEADER))
  return Buffer.concat([decipher.update(buf.subarray(HEADER)), decipher.final()]).toString('utf8')
}
