import { rm } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { createNodeCipher, WRONG_PASSPHRASE_HERE } from '../../../main/core/vault'
import { tempHome } from '../cli/support'
import { startHarness, type Harness } from './harness'

/**
 * Issue 20, item 4: 40 concurrent wrong passphrases (a script on the web host's bridge) got 40
 * scrypt runs, and then locked the right passphrase out for 60 s. One derivation at a time, each
 * counted before it runs, and a wait never longer than the one the refusal names.
 */
const RIGHT = 'cli-test passphrase 7f3a'
let h: Harness | null = null
let home = ''
afterEach(async () => {
  await h?.close()
  h = null
  await rm(home, { recursive: true, force: true })
})

describe('the unlock throttle under concurrency', () => {
  it('40 concurrent wrong passphrases cost three derivations, and the right one opens after the promised second', async () => {
    home = await tempHome({ cheapKey: true })
    const cipher = await createNodeCipher({ home, keyring: null })
    let derivations = 0
    const unlock = cipher.unlockWithPassphrase.bind(cipher)
    cipher.unlockWithPassphrase = (passphrase: string) => {
      derivations++
      return unlock(passphrase)
    }
    h = await startHarness({ home, cipher })
    const harness = h
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => harness.fail('unlockVault', { passphrase: `wrong passphrase ${i}` })))
    expect(derivations).toBe(3)
    expect(answers.filter((a) => a === WRONG_PASSPHRASE_HERE)).toHaveLength(3)
    const waits = answers.filter((a) => a !== WRONG_PASSPHRASE_HERE)
    expect(waits).toHaveLength(37)
    for (const wait of waits) expect(wait).toBe('Too many wrong passphrases. Try again in 1 second.')
    await new Promise((r) => setTimeout(r, 1100))
    expect((await harness.call('unlockVault', { passphrase: RIGHT })).storage.protection).toBe('passphrase')
    expect(derivations).toBe(4)
  }, 30_000)
})
