import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import type { Sandbox } from '../../../main/core/sandbox'
import { keySlotsPath } from '../../../main/core/vault'
import { PASSPHRASE, runMain, sandboxEnv, snapshotTree, startTestSandbox, tempHome, userToken } from './support'

/**
 * Issue 20, item 2: a backup restored without vault/keys, or a slots.json lost otherwise. No
 * command may make a new key then: the entries sealed under the old one would all be set aside.
 */
let sb: Sandbox
let home: string
let env: Env
let page: string
let keyId: string
let slots: string

beforeAll(async () => {
  sb = await startTestSandbox()
  home = await tempHome({ cheapKey: true })
  env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
  page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
  expect((await runMain(['add', '--name', 'Bakery Page'], { env, stdin: page })).code).toBe(0)
  expect((await runMain(['add', '--name', 'Me'], { env, stdin: userToken(sb) })).code).toBe(0)
  slots = await readFile(keySlotsPath(home), 'utf8')
  keyId = (JSON.parse(slots) as { keyId: string }).keyId
  await rename(keySlotsPath(home), join(home, 'slots.json.away'))
}, 120_000)
afterAll(() => sb.close())

describe('a missing vault/keys/slots.json while entries sealed under its key exist', () => {
  it('list changes nothing: no new key, no entry renamed or rewritten, and it says what is missing and what to restore', async () => {
    const before = await snapshotTree(home)
    const result = await runMain(['list'], { env })
    // Listed as last checked, but no token can be read: the missing key is configuration (exit 2, as list without the key).
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('The vault key file vault/keys/slots.json is missing, but 2 stored secret(s) were sealed under the vault key it held')
    expect(result.stderr).toContain(`Restore vault/keys/slots.json (the one with "keyId": "${keyId}") from your backup`)
    expect(result.stderr).not.toContain('Sign in again')
    expect(result.stderr).not.toContain('set TOKEN_DESK_PASSPHRASE')
    expect(await snapshotTree(home)).toEqual(before)
  })

  it.each([
    ['add', ['add', '--name', 'New'], 'x'],
    ['check', ['check'], undefined],
    ['token', ['token', 'Bakery Page'], undefined],
  ])('%s is refused (exit 2) with the same words, and changes nothing', async (_label, args, stdin) => {
    const before = await snapshotTree(home)
    const result = await runMain(args, { env, ...(stdin ? { stdin: page } : {}) })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('vault/keys/slots.json is missing')
    expect(result.stdout).not.toContain(page)
    expect(await snapshotTree(home)).toEqual(before)
  })

  it('once slots.json is restored, every entry opens as before', async () => {
    await writeFile(keySlotsPath(home), slots)
    const result = await runMain(['token', 'Bakery Page'], { env })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout.trim()).toBe(page)
  })
})

describe('read-only commands never rename or rewrite', () => {
  it('list leaves a damaged entry where it is, byte for byte, and still reports it', async () => {
    const own = await tempHome({ cheapKey: true })
    const ownEnv = { ...env, TOKEN_DESK_HOME: own }
    expect((await runMain(['add', '--name', 'Bakery Page'], { env: ownEnv, stdin: page })).code).toBe(0)
    await writeFile(join(own, 'vault', 'tokens', 'broken.json'), '{ not json')
    const before = await snapshotTree(own)
    const result = await runMain(['list'], { env: ownEnv })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('A stored token could not be read (it is not valid JSON)')
    expect(await snapshotTree(own)).toEqual(before)
  })
})
