/**
 * Fuzzing the shared vault and exec:
 * - key-slots files and entry files damaged in generated ways (truncated, bytes flipped, fields
 *   of the wrong type or size, slots shuffled, dropped or duplicated): opening never throws
 *   anything but the typed key-file error, never deletes or rewrites a damaged key file, never
 *   loses an intact entry's bytes, and never hands out a secret that is not the one stored;
 * - generated `exec` command lines: refused (exit 2) unless well formed, never echoing a
 *   token-shaped value, never running anything when refused.
 */
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeCipher, keySlotsPath, openVault, VaultKeyFileError, WrongPassphraseError } from '../../main/core/vault'
import { expectAbsent, runMain, snapshotTree } from '../integration/cli/support'

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201)
const RUNS = { keyFile: 120, entries: 120, argv: 150 }
const PASSPHRASE = 'fuzzing the shared vault'
const CHEAP = { N: 2 ** 10, r: 8, p: 1 }
const SECRETS = ['EAAFuzzSharedVaultTokenOne0123456789abc', 'EAAFuzzSharedVaultTokenTwo0123456789abc']

let work: string
let pristine: string
let ids: string[]

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'token-desk-vault-fuzz-'))
  pristine = join(work, 'pristine')
  const cipher = await createNodeCipher({ home: pristine, passphrase: PASSPHRASE, keyring: null, scryptCost: CHEAP })
  const vault = await openVault<{ name: string }>({ dir: join(pristine, 'vault', 'tokens'), cipher, allowWeak: () => false })
  ids = []
  const meta = (name: string) => ({ name, kind: 'PAGE', last4: 'abcd', appId: '1', userId: null, profileId: '2', scopes: [], purpose: null, expiresAt: null, neverExpires: true, dataAccessExpiresAt: null, status: 'valid', problem: null, lastCheckedAt: null, diedAt: null, parentId: null, createdAt: 0 })
  for (const [i, secret] of SECRETS.entries()) ids.push((await vault.put({ meta: meta(`t${i}`), secret })).id)
})
afterAll(() => rm(work, { recursive: true, force: true }))

let copies = 0
async function freshCopy(): Promise<string> {
  const home = join(work, `copy-${copies++}`)
  await cp(pristine, home, { recursive: true })
  return home
}

/** A JSON value damaged one generated way. */
const damage = (value: unknown): fc.Arbitrary<string> => {
  const text = JSON.stringify(value, null, 2)
  return fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc.tuple(fc.nat({ max: Math.max(0, text.length - 1) }), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
      const bytes = Buffer.from(text)
      bytes[at] = (bytes[at] ?? 0) ^ x
      return bytes.toString('latin1')
    }),
    fc.tuple(fc.constantFrom(...Object.keys(value as object)), fc.jsonValue()).map(([key, v]) => JSON.stringify({ ...(value as object), [key]: v })),
    fc.constant('null'),
    fc.constant('[]'),
    fc.string({ maxLength: 200 }),
  )
}

describe('a damaged key-slots file', () => {
  it('opens as a typed error or as the intact key, never rewrites the file, never reads a wrong secret', async () => {
    const original = JSON.parse(await readFile(keySlotsPath(pristine), 'utf8')) as Record<string, unknown> & { slots: unknown[] }
    const variants = fc.oneof(
      damage(original),
      fc.array(fc.constantFrom(...original.slots), { maxLength: 4 }).map((slots) => JSON.stringify({ ...original, slots })),
      damage(original.slots[0]).map((slot) => `{"v":1,"keyId":${JSON.stringify(original.keyId)},"check":${JSON.stringify(original.check)},"slots":[${slot}]}`),
    )
    const outcomes = { typed: 0, opened: 0, locked: 0, wrongPassphrase: 0 }
    await fc.assert(
      fc.asyncProperty(variants, async (text) => {
        const home = await freshCopy()
        await writeFile(keySlotsPath(home), text, 'latin1')
        const before = await snapshotTree(home)
        let cipher
        try {
          cipher = await createNodeCipher({ home, passphrase: PASSPHRASE, keyring: null, scryptCost: CHEAP })
        } catch (error) {
          if (error instanceof VaultKeyFileError) outcomes.typed++
          else if (error instanceof WrongPassphraseError) outcomes.wrongPassphrase++
          else throw error
          expect(await snapshotTree(home)).toEqual(before)
          return
        }
        if (cipher.protection() === 'unavailable') {
          outcomes.locked++
          expect(await snapshotTree(home)).toEqual(before)
          return
        }
        outcomes.opened++
        const vault = await openVault<{ name: string }>({ dir: join(home, 'vault', 'tokens'), cipher, allowWeak: () => false })
        for (const [i, id] of ids.entries()) {
          const secret = await vault.getSecret(id)
          // Either the real secret, or none (set aside): never another value.
          if (secret !== null) expect(secret).toBe(SECRETS[i])
        }
        // A damaged file is never rewritten, whatever opened.
        expect(await readFile(keySlotsPath(home), 'latin1')).toBe(text)
        await rm(home, { recursive: true, force: true })
      }),
      { numRuns: RUNS.keyFile, seed: SEED, endOnFailure: true },
    )
    console.warn(`key-slots fuzz: ${JSON.stringify(outcomes)}`)
    expect(outcomes.typed).toBeGreaterThan(0)
    expect(outcomes.opened + outcomes.locked).toBeGreaterThan(0)
  }, 120_000)
})

describe('damaged entry files', () => {
  it('keep every byte (set aside or in place) and the intact entries readable', async () => {
    const dir = (home: string) => join(home, 'vault', 'tokens')
    const first = JSON.parse(await readFile(join(dir(pristine), `${ids[0]}.json`), 'utf8')) as Record<string, unknown>
    await fc.assert(
      fc.asyncProperty(damage(first), async (text) => {
        const home = await freshCopy()
        await writeFile(join(dir(home), `${ids[0]}.json`), text, 'latin1')
        const cipher = await createNodeCipher({ home, passphrase: PASSPHRASE, keyring: null })
        const vault = await openVault<{ name: string }>({ dir: dir(home), cipher, allowWeak: () => false })
        // The untouched entry is whole.
        expect(await vault.getSecret(ids[1]!)).toBe(SECRETS[1])
        const secret = await vault.getSecret(ids[0]!)
        if (secret !== null) expect(secret).toBe(SECRETS[0])
        // The damaged bytes are still somewhere in the folder, unless they still read as the entry.
        const files = await readdir(dir(home))
        const kept = await Promise.all(files.filter((f) => f.endsWith('.json')).map((f) => readFile(join(dir(home), f), 'latin1')))
        if (secret === null) expect(kept).toContain(text)
        await rm(home, { recursive: true, force: true })
      }),
      { numRuns: RUNS.entries, seed: SEED, endOnFailure: true },
    )
  }, 120_000)
})

describe('generated exec command lines', () => {
  it('are refused (exit 2) unless well formed, echo no token, and run nothing when refused', async () => {
    const home = await freshCopy()
    const env = { PATH: process.env.PATH, TOKEN_DESK_KEYRING: 'off', TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE, TOKEN_DESK_APP_ID: '1', TOKEN_DESK_APP_SECRET: 'a'.repeat(32), TOKEN_DESK_GRAPH_URL: 'http://127.0.0.1:9', TOKEN_DESK_RETRY_MAX_MS: '200' }
    const marker = join(work, 'exec-fuzz-ran')
    const run = [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`]
    const token = fc.constantFrom(...SECRETS, 'EAABsbCS1iHgBAFakeTokenValue1234567890abcdef')
    const word = fc.oneof(fc.constantFrom('--env', '--use-last-known', '--json', '--help', '-h', '--', '--token', '--env='), fc.string({ maxLength: 20 }), token, token.map((t) => `T=${t}`), fc.constantFrom('T=t0', `T=${ids[0]}`, '1X=t0', '=t0', 'T='))
    const seen = { refused: 0, other: 0 }
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 8 }), async (words) => {
        const argv = ['exec', ...words]
        const result = await runMain(argv, { env })
        expectAbsent(result.stdout + result.stderr, SECRETS)
        expect(result.stderr).not.toMatch(/\n\s+at /)
        if (result.code === 2) seen.refused++
        else seen.other++
        // Nothing generated here ends in `-- COMMAND` with a valid check: nothing may run.
        expect(existsSync(marker)).toBe(false)
      }),
      { numRuns: RUNS.argv, seed: SEED, endOnFailure: true },
    )
    // And the one that may run, does: well formed, Graph unreachable, on the last known state.
    const ok = await runMain(['exec', '--env', 'T=t0', '--use-last-known', '--', ...run], { env })
    expect(ok.code, ok.stderr).toBe(0)
    expect(existsSync(marker)).toBe(true)
    console.warn(`exec argv fuzz: ${JSON.stringify(seen)}`)
    expect(seen.refused).toBeGreaterThan(RUNS.argv / 2)
  }, 120_000)
})
