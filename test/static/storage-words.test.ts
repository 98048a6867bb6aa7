import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { storageNow } from '../../renderer/src/lib/storage-words'

// Issue 20, item 12: Settings called a passphrase-opened vault a "secure keyring", and nothing said
// that the keyring slot holds the raw vault key.
const ROOT = join(import.meta.dirname, '../..')
const settings = readFileSync(join(ROOT, 'renderer/src/screens/SettingsScreen.tsx'), 'utf8')
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ')

describe('words about what protects the vault', () => {
  it('Settings names the slot that opened the key: a passphrase is never "secure keyring"', () => {
    expect(settings).not.toMatch(/protection === 'os-keystore' \? 'secure keyring'/)
    expect(settings).toContain('storageNow(storage)')
    const base = { backend: 'passphrase', persisting: true, unlock: null, scriptPassphrase: 'set', reason: null } as const
    expect(storageNow({ ...base, protection: 'passphrase' })).toBe('Storage now: encrypted on this computer; its key opened with your passphrase.')
    expect(storageNow({ ...base, protection: 'os-keystore', backend: 'safeStorage:kwallet6' })).toContain('this computer’s keyring (kwallet6)')
    expect(storageNow({ ...base, protection: 'unavailable', persisting: false })).toContain('in memory only')
  })

  it('Settings and the README say the keyring slot holds the raw key, with the passphrase-only alternative', () => {
    expect(settings).toContain('any program running as you can read it and decrypt every saved token')
    expect(settings).toContain('TOKEN_DESK_KEYRING=off')
    expect(readme).toContain('holds the raw vault key, so any process running as you can read it and decrypt every entry')
    expect(readme).toContain('For a vault only a passphrase opens')
  })
})
