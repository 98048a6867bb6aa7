import { join } from 'node:path'
import { appSecretDir, tokensDir } from '../home'
import { idOfEntryFile } from './entry-file'
import type { FsPort } from './fs-port'

/** What the backend of an entry sealed under the shared vault's data key says (vault-cipher's VAULT_BACKEND). */
const SEALED_UNDER_VAULT_KEY = 'aes-256-gcm:vault-key'

/**
 * The key ids of entries sealed under a vault data key, found when vault/keys/slots.json is
 * missing. A new key must not be made then (issue 20, item 2): it would make every such entry
 * look as if another vault's key had sealed it, and the next opening would set them all aside.
 * A backup restored without vault/keys is the usual way here.
 */
export async function keyIdsOfSealedEntries(fs: FsPort, home: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const dir of [tokensDir(home), appSecretDir(home)]) {
    for (const name of (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => idOfEntryFile(n) !== null)) {
      try {
        const record = JSON.parse((await fs.readFile(join(dir, name))).toString('utf8')) as { secret?: { backend?: unknown; key?: unknown } | null }
        const key = record.secret?.key
        if (record.secret?.backend === SEALED_UNDER_VAULT_KEY && typeof key === 'string') ids.set(key, (ids.get(key) ?? 0) + 1)
      } catch {
        /* gone or damaged: the vault reports it itself */
      }
    }
  }
  return ids
}

/** The words when the key file is missing and entries need it: what is missing, and what to restore. */
export function missingKeyWords(ids: ReadonlyMap<string, number>): string {
  const count = [...ids.values()].reduce((a, b) => a + b, 0)
  const which = [...ids.keys()].join(', ')
  return (
    `The vault key file vault/keys/slots.json is missing, but ${count} stored secret(s) were sealed under the vault key it held (key id ${which}). ` +
    'Nothing was changed and no new key was made, so they open again once the file is back. ' +
    `Restore vault/keys/slots.json (the one with "keyId": "${[...ids.keys()][0] ?? ''}") from your backup into the same place. ` +
    'To start over without those tokens instead, move the vault folder aside first.'
  )
}

/** Whether any entry file exists: a command that only reads has no reason to make a key without one. */
export async function hasEntryFiles(fs: FsPort, home: string): Promise<boolean> {
  for (const dir of [tokensDir(home), appSecretDir(home)]) {
    if ((await fs.readdir(dir).catch(() => [] as string[])).some((n) => idOfEntryFile(n) !== null)) return true
  }
  return false
}
