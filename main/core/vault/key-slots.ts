import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from './atomic-write'
import { writeFailure } from './errors'
import type { FsPort } from './fs-port'
import { readKeyJson, scryptBoundsCheck, scryptParams, withinScryptBounds } from './key-file'

/**
 * `<home>/vault/keys/slots.json`: the vault's data key, wrapped once per way of unlocking it. A
 * folder of its own, so no entry folder ever holds it (an entry folder reads every `<id>.json`).
 */
const KEY_SLOTS_FILE = 'slots.json'
export const keysDir = (home: string): string => join(home, 'vault', 'keys')
export const keySlotsPath = (home: string): string => join(keysDir(home), KEY_SLOTS_FILE)
export const vaultLockPath = (home: string): string => join(keysDir(home), '.lock')

/**
 * - `cipher`: the key encrypted by a platform cipher the desktop app has (Electron safeStorage);
 *   `protection` is what that cipher offered when the slot was made, so a process that cannot
 *   open it still knows whether the vault is weakly protected.
 * - `keyring`: the key itself in the OS keyring under `service`/`account`.
 * - `passphrase`: the key sealed with a scrypt-derived key; bounds keep an edited file from
 *   demanding gigabytes of memory.
 */
export const keySlot = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cipher'), backend: z.string().min(1).max(100), protection: z.enum(['os-keystore', 'weak']), wrapped: z.base64() }),
  z.object({ kind: z.literal('keyring'), service: z.string().min(1).max(200), account: z.string().min(1).max(200) }),
  z
    .object({
      kind: z.literal('passphrase'),
      ...scryptParams,
      wrapped: z.base64(),
      /** HMAC of the derived key: tells a wrong passphrase from a damaged `wrapped` (slots made since issue 20). */
      verify: z.base64().optional(),
    })
    .refine(withinScryptBounds, scryptBoundsCheck),
])
export type KeySlot = z.infer<typeof keySlot>

/** The most slots a file may hold: one with more is read as damaged. */
export const MAX_SLOTS = 16

export const keySlotsFile = z.object({
  v: z.literal(1),
  /** Written beside every entry, so an entry sealed under another vault's key is told apart from a damaged one. */
  keyId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** A constant sealed with the data key: proves that an unwrapped key is this vault's key. */
  check: z.base64(),
  slots: z.array(keySlot).max(MAX_SLOTS),
})
export type KeySlotsFile = z.infer<typeof keySlotsFile>

/** The parsed file, or null when there is none; VaultKeyFileError when it is damaged (left as it is). */
export const readKeySlots = (fs: FsPort, home: string): Promise<KeySlotsFile | null> => readKeyJson(fs, keySlotsPath(home), KEY_SLOTS_FILE, keySlotsFile)

/** The keys folder (where the vault lock lives too) and its parents, 0700 when made here. */
export async function makeKeysDir(fs: FsPort, home: string): Promise<void> {
  for (const dir of [home, join(home, 'vault'), keysDir(home)]) {
    const created = await fs.mkdir(dir, { recursive: true, mode: 0o700 })
    if (created !== undefined) await fs.chmod(dir, 0o700)
  }
}

/** Called under the vault lock, so the keys folder exists (makeKeysDir). */
export async function writeKeySlots(fs: FsPort, home: string, file: KeySlotsFile): Promise<void> {
  try {
    await writeFileAtomic(fs, keySlotsPath(home), `${JSON.stringify(file, null, 2)}\n`, 0o600)
  } catch (error) {
    throw writeFailure(`the vault key file ${KEY_SLOTS_FILE}`, error)
  }
}
