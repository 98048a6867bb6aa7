import { scrypt, type ScryptOptions } from 'node:crypto'
import { KEY_BYTES, open } from './aes-gcm'
import { VaultKeyFileError, WrongPassphraseError } from './errors'
import { scryptCostProblem, type KeyFile } from './key-file'

export interface ScryptCost {
  N: number
  r: number
  p: number
}

/** 128 MiB and a few hundred milliseconds per derivation: paid once per process start. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 }

// A constant sealed with the derived key: opening it proves the passphrase before any entry is read.
const KEY_CHECK = 'token-desk vault key check v1'

type ScryptFile = Extract<KeyFile, { kdf: 'scrypt' }>

/** The key from a passphrase and an existing key file; WrongPassphraseError when it does not fit. */
export async function keyFromPassphrase(passphrase: string, file: ScryptFile): Promise<Buffer> {
  const key = await derive(passphrase, Buffer.from(file.salt, 'base64'), file)
  let check: string | null = null
  try {
    check = open(key, Buffer.from(file.check, 'base64'))
  } catch {
    /* another key fails the GCM tag */
  }
  if (check !== KEY_CHECK) throw new WrongPassphraseError()
  return key
}

export function derive(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // The schemas refuse such a cost already; this keeps any other caller from paying for one.
  const tooCostly = scryptCostProblem(cost)
  if (tooCostly) return Promise.reject(new VaultKeyFileError(`The stored passphrase key ${tooCostly}`))
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r }
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}
