import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { VaultIdError } from './errors'

/** 2: secrets sealed under the shared vault's data key (`key` names it). 1: sealed by each program's own cipher. */
export const FORMAT_VERSION = 2

/** Filename-safe on every platform: no separators, no dots, no colons, no reserved characters. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** Never starting with "-" or "_": an id is typed on command lines, where "-x" reads as an option. */
export function newId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url')
    if (/^[A-Za-z0-9]/.test(id)) return id
  }
}

export function checkId(id: string): string {
  if (!ID_PATTERN.test(id)) throw new VaultIdError('A vault id may only hold letters, digits, "-" and "_" (at most 64).')
  return id
}

export const entryFileName = (id: string): string => `${id}.json`

/** The id of a `<id>.json` entry file, or null for any other file in the folder. */
export function idOfEntryFile(name: string): string | null {
  if (!name.endsWith('.json')) return null
  const id = name.slice(0, -'.json'.length)
  return ID_PATTERN.test(id) ? id : null
}

export function setAsideName(id: string, now: number, taken: ReadonlySet<string>): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-')
  for (let n = 0; ; n++) {
    const name = `${id}.unreadable-${stamp}${n === 0 ? '' : `-${n}`}.json`
    if (!taken.has(name)) return name
  }
}

export const isSetAsideFile = (name: string): boolean => /\.unreadable-[^/\\]+\.json$/.test(name)

const storedSecret = z.object({
  backend: z.string().min(1),
  alg: z.string().min(1),
  /** The vault data key's id (vault/keys/slots.json), for secrets sealed under it. */
  key: z.string().min(1).max(64).optional(),
  data: z.base64(),
})
export type StoredSecret = z.infer<typeof storedSecret>

const storedProblem = z.object({
  reason: z.enum(['unreadable', 'backend-changed', 'corrupt', 'locked', 'newer-format', 'not-migrated']),
  message: z.string().max(2000),
  setAside: z.string().nullable(),
})

/** `secret: null` marks an entry whose blob was set aside: its metadata waits for a new sign-in. */
export const entryRecord = z.object({
  v: z.union([z.literal(1), z.literal(FORMAT_VERSION)]),
  id: z.string().regex(ID_PATTERN),
  meta: z.unknown(),
  secret: storedSecret.nullable(),
  problem: storedProblem.nullable().optional(),
})
export type EntryRecord = z.infer<typeof entryRecord>

/** Checks only the version first, so a newer file is recognised rather than called corrupt. */
export function formatVersionOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('v' in value)) return null
  const v = value.v
  return typeof v === 'number' ? v : null
}

export function storeSecret(backend: string, blob: Uint8Array, key: string | null = null): StoredSecret {
  // 'aes-256-gcm:vault-key' -> 'aes-256-gcm'; 'safeStorage:gnome_libsecret' -> 'safeStorage'.
  const alg = backend.split(':')[0] ?? backend
  return key === null ? { backend, alg, data: Buffer.from(blob).toString('base64') } : { backend, alg, key, data: Buffer.from(blob).toString('base64') }
}

export const blobOf = (secret: StoredSecret): Uint8Array => Buffer.from(secret.data, 'base64')

export function serialise(record: EntryRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`
}
