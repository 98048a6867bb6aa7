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

/** The parsed file, or null when there is none yet. A damaged file is an error, never rewritten. */
export async function readKeyFile(fs: FsPort, home: string): Promise<KeyFile | null> {
  let text: string
  try {
    text = (await fs.readFile(join(home, KEY_FILE))).toString('utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw new VaultKeyFileError(`${KEY_FILE} could not be read.`, { cause: error })
  }
  try {
    return keyFileSchema.parse(JSON.parse(text))
  } catch (error) {
    // Rewriting it with a new salt would orphan every entry sealed with the old key.
    throw new VaultKeyFileError(`${KEY_FILE} is damaged; it was left as it is.`, { cause: error })
  }
}
