import { randomBytes, randomInt } from 'node:crypto'

/** User, page and system-user tokens: opaque, `EAA` + random base64url, as every capture looks. */
export const newUserToken = (): string => `EAA${randomBytes(96).toString('base64url')}`

/** Generated app tokens: `{app-id}|{27 characters}` like the real capture in graph-api.md §6. */
export const newAppToken = (appId: string): string => `${appId}|${randomBytes(20).toString('base64url').slice(0, 27)}`

/** Authorization codes start `AQ` in captures. */
export const newCode = (): string => `AQ${randomBytes(64).toString('base64url')}`

export const newSecret = (): string => randomBytes(16).toString('hex')
export const newKey = (): string => randomBytes(32).toString('base64url')
export const newFbtraceId = (): string => randomBytes(8).toString('base64url').slice(0, 11)

/** Numeric ids of the given length, never starting with 0. */
export function numericId(length = 15): string {
  let out = String(randomInt(1, 10))
  while (out.length < length) out += String(randomInt(0, 10))
  return out
}
