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
 * `<home>/vault-key.json`, the command line's key file from before the shared vault, now only
 * read (legacy-node-cipher.ts): where that key came from, so one home always used the same
 * source. For a passphrase it also holds the scrypt salt and a key check; never the key.
 * Bounds keep an edited file from demanding gigabytes of memory.
 */
export const keyFileSchema = z.discriminatedUnion('kdf', [
  z.object({ v: z.literal(1), kdf: z.literal('keyring'), service: z.string().min(1), account: z.string().min(1) }),
  z.object({
    v: z.literal(1),
    kdf: z.literal('scrypt'),
    ...scryptParams,
    check: z.base64(),
  }),
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
  try {
    return schema.parse(JSON.parse(text))
  } catch (error) {
    throw new VaultKeyFileError(`${name} is damaged; it was left as it is.`, { cause: error })
  }
}

export const readKeyFile = (fs: FsPort, home: string): Promise<KeyFile | null> => readKeyJson(fs, join(home, KEY_FILE), KEY_FILE, keyFileSchema)
