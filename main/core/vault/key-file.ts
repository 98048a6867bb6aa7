import { join } from 'node:path'
import { z } from 'zod'
import { VaultKeyFileError } from './errors'
import { errorCode, type FsPort } from './fs-port'

export const KEY_FILE = 'vault-key.json'

const powerOfTwo = z
  .number()
  .int()
  .min(2 ** 10)
  .max(2 ** 20)
  .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two')

/** scrypt's cost and salt as a key file may state them; shared with the key slots. */
export const scryptParams = {
  N: powerOfTwo,
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.base64(),
}

/**
 * The most a stored scrypt cost may ask for. scrypt needs 128·N·r bytes and N·r·p time; Token
 * Desk writes N=2^17, r=8, p=1 (128 MiB, DEFAULT_SCRYPT_COST). Twice that memory and p up to 2
 * leave room for a stronger setting later, and keep an edited file from demanding gigabytes
 * (issue 20, item 6: N=2^20, r=32 asked for 4 GiB; p=16 ran for minutes).
 */
export const MAX_SCRYPT_MEMORY_BYTES = 256 * 1024 * 1024
export const MAX_SCRYPT_P = 2

/** Words for a cost above those bounds, or null when it is within them. */
export function scryptCostProblem(cost: { N: number; r: number; p: number }): string | null {
  const memory = 128 * cost.N * cost.r
  const mib = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MiB`
  if (memory <= MAX_SCRYPT_MEMORY_BYTES && cost.p <= MAX_SCRYPT_P) return null
  return `asks for a passphrase key costing ${mib(memory)} of memory with p=${cost.p} (N=${cost.N}, r=${cost.r}); Token Desk writes 128 MiB with p=1 and reads at most ${mib(MAX_SCRYPT_MEMORY_BYTES)} with p up to ${MAX_SCRYPT_P}, so it was refused and left as it is. Restore the file from a backup.`
}

const SCRYPT_TOO_COSTLY = 'scrypt cost above the bounds'

/** A schema check: the bounds above, with a message readKeyJson turns into words. */
export const withinScryptBounds = (cost: { N: number; r: number; p: number }): boolean => scryptCostProblem(cost) === null
export const scryptBoundsCheck = { message: SCRYPT_TOO_COSTLY }

/**
 * `<home>/vault-key.json`, the command line's key file from before the shared vault, now only
 * read (legacy-node-cipher.ts): where that key came from, so one home always used the same
 * source. For a passphrase it also holds the scrypt salt and a key check; never the key.
 * Bounds keep an edited file from demanding gigabytes of memory.
 */
export const keyFileSchema = z.discriminatedUnion('kdf', [
  z.object({ v: z.literal(1), kdf: z.literal('keyring'), service: z.string().min(1), account: z.string().min(1) }),
  z
    .object({
      v: z.literal(1),
      kdf: z.literal('scrypt'),
      ...scryptParams,
      check: z.base64(),
    })
    .refine(withinScryptBounds, scryptBoundsCheck),
])

export type KeyFile = z.infer<typeof keyFileSchema>

/**
 * A key file parsed by `schema`, or null when there is none. A damaged file is an error and is
 * never rewritten: that would orphan every entry sealed with the key it leads to.
 */
export async function readKeyJson<T>(fs: FsPort, path: string, name: string, schema: z.ZodType<T>): Promise<T | null> {
  let text: string
  try {
    text = (await fs.readFile(path)).toString('utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw new VaultKeyFileError(`${name} could not be read.`, { cause: error })
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new VaultKeyFileError(`${name} is damaged; it was left as it is.`, { cause: error })
  }
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const costly = parsed.error.issues.find((issue) => issue.message === SCRYPT_TOO_COSTLY)
  const words = costly ? costlyWords(raw, costly.path) : null
  throw new VaultKeyFileError(words ? `${name} ${words}` : `${name} is damaged; it was left as it is.`, { cause: parsed.error })
}

/** The refusal words for the scrypt cost at `path` inside the parsed file. */
function costlyWords(raw: unknown, path: readonly PropertyKey[]): string | null {
  let at: unknown = raw
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined
  const cost = at as { N?: unknown; r?: unknown; p?: unknown } | undefined
  if (typeof cost?.N !== 'number' || typeof cost.r !== 'number' || typeof cost.p !== 'number') return null
  return scryptCostProblem({ N: cost.N, r: cost.r, p: cost.p })
}

export const readKeyFile = (fs: FsPort, home: string): Promise<KeyFile | null> => readKeyJson(fs, join(home, KEY_FILE), KEY_FILE, keyFileSchema)
