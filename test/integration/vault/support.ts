import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { silentLogger } from '../../../main/core/log'
import type { Logger } from '../../../main/core/ports'
import type { KeyringPort } from '../../../main/core/vault'
import { createDesktopCipher } from '../../../main/shell/desktop-cipher'
import { createSafeStorageCipher } from '../../../main/shell/safe-storage-cipher'
import { createFakeSafeStorage, type FakeSafeStorage } from '../../fakes/safe-storage'

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/vault-v1')
/** The tokens test/fixtures/vault-v1 holds (see its README). */
export const FIXTURE_TOKENS = {
  user: 'EAAFixtureUserToken0v1format0desktop0aaaaaaaaaaaaaaaaaaaaaaa1234',
  page: 'EAAFixturePageToken0v1format0desktop0bbbbbbbbbbbbbbbbbbbbbbb5678',
  cliUser: 'EAAFixtureUserToken0v1format0cli0cccccccccccccccccccccccccccc9012',
  cliPage: 'EAAFixturePageToken0v1format0cli0dddddddddddddddddddddddddddd3456',
  appSecret: '0123456789abcdef0123456789abcdef',
}
export const FIXTURE_PASSPHRASE = 'fixture passphrase v1'
export const CHEAP = { N: 2 ** 10, r: 8, p: 1 }

/** A copy of one fixture home (`desktop` or `cli`) in a temporary folder. */
export async function fixtureHome(kind: 'desktop' | 'cli'): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), `token-desk-v1-${kind}-`))
  await cp(join(FIXTURES, kind), home, { recursive: true })
  return home
}

/** The desktop app's cipher over the fake safeStorage (which really encrypts), opened as at app ready. */
export function desktopCipher(home: string, options: { passphrase?: string | null; keyring?: KeyringPort | null; safeStorage?: FakeSafeStorage; log?: Logger } = {}) {
  const safeStorage = options.safeStorage ?? createFakeSafeStorage({ backend: 'gnome_libsecret' })
  const cipher = createDesktopCipher({
    home,
    safeStorage: createSafeStorageCipher(safeStorage, 'linux'),
    keyring: options.keyring ?? null,
    passphrase: options.passphrase === undefined ? null : options.passphrase,
    log: options.log ?? silentLogger,
    scryptCost: CHEAP,
  })
  return cipher
}
