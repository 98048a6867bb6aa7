import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../main/core/log'
import { createNodeCipher, keySlotsPath, openVault } from '../../../main/core/vault'
import { createDesktopCipher } from '../../../main/shell/desktop-cipher'
import { createSafeStorageCipher } from '../../../main/shell/safe-storage-cipher'
import { createFakeSafeStorage } from '../../fakes/safe-storage'
import { filesContaining, removeDir, snapshot, tempDir } from '../vault/helpers'

const CHEAP = { N: 2 ** 10, r: 8, p: 1 }
const SECRET = 'EAAGdesktopCipherSecret0123456789ab'
let home: string
beforeEach(async () => {
  home = await tempDir()
})
afterEach(() => removeDir(home))

function desktop(backend: string, options: { passphrase?: string | null } = {}) {
  return createDesktopCipher({
    home,
    safeStorage: createSafeStorageCipher(createFakeSafeStorage({ backend }), 'linux'),
    keyring: null,
    passphrase: options.passphrase ?? null,
    log: silentLogger,
    scryptCost: CHEAP,
  })
}

describe('the desktop cipher', () => {
  it('refuses to use the vault before app ready, then keeps the key under safeStorage', async () => {
    const cipher = desktop('kwallet6')
    expect(cipher.protection()).toBe('unavailable')
    await cipher.markReady()
    expect(cipher.protection()).toBe('os-keystore')
    expect(cipher.keyHolders()).toBe('safeStorage:kwallet6')
    const blob = await cipher.encrypt(SECRET)
    const again = desktop('kwallet6')
    await again.markReady()
    expect((await again.decrypt(blob)).plain).toBe(SECRET)
  })

  it('Linux basic_text: weak, nothing on disk until weak storage is allowed, then a weak slot the command line sees', async () => {
    const cipher = desktop('basic_text')
    await cipher.markReady()
    expect(cipher.protection()).toBe('weak')
    let allow = false
    const vault = await openVault<{ name: string }>({ dir: join(home, 'vault', 'tokens'), cipher, allowWeak: () => allow })
    expect(vault.status()).toMatchObject({ protection: 'weak', persisting: false, backend: 'safeStorage:basic_text' })
    const entry = await vault.put({ meta: { name: 'Held in memory' }, secret: SECRET })
    expect(entry.persisted).toBe(false)
    expect(await readdir(join(home, 'vault'))).toEqual(['tokens'])
    allow = true
    await vault.reconcile()
    expect(vault.get(entry.id)?.persisted).toBe(true)
    expect(await filesContaining(home, SECRET)).toEqual([])
    const cli = await createNodeCipher({ home, keyring: null })
    expect(cli.protection()).toBe('unavailable')
    expect(cli.unavailableReason).toContain('safeStorage:basic_text')
    // Revoked: the weakly protected file goes, the token stays in memory for this session.
    allow = false
    await vault.reconcile()
    expect(vault.get(entry.id)?.persisted).toBe(false)
    expect(await vault.getSecret(entry.id)).toBe(SECRET)
    expect((await readdir(join(home, 'vault', 'tokens'))).filter((n) => n.endsWith('.json'))).toEqual([])
  })

  it('with the passphrase too, the key is also under it, so the command line opens the vault', async () => {
    const cipher = desktop('gnome_libsecret', { passphrase: 'shared passphrase' })
    await cipher.markReady()
    expect(cipher.keyHolders()).toBe('safeStorage:gnome_libsecret + a passphrase')
    const blob = await cipher.encrypt(SECRET)
    const cli = await createNodeCipher({ home, keyring: null, passphrase: 'shared passphrase' })
    expect((await cli.decrypt(blob)).plain).toBe(SECRET)
  })

  it('a wrong TOKEN_DESK_PASSPHRASE or a damaged key file never stops the app: it starts locked or on safeStorage', async () => {
    const first = desktop('gnome_libsecret', { passphrase: 'right' })
    await first.markReady()
    const wrong = desktop('gnome_libsecret', { passphrase: 'wrong' })
    await wrong.markReady()
    expect(wrong.protection()).toBe('os-keystore')

    await mkdir(join(home, 'vault', 'keys'), { recursive: true })
    await writeFile(keySlotsPath(home), '{ damaged')
    const before = await snapshot(home)
    const damaged = desktop('gnome_libsecret')
    await damaged.markReady()
    expect(damaged.protection()).toBe('unavailable')
    expect(damaged.unavailableReason).toContain('damaged')
    expect(await snapshot(home)).toEqual(before)
  })
})
