import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import { createGraphClient } from '../../../main/core/graph'
import { appSecretDir, tokensDir } from '../../../main/core/home'
import type { Sandbox } from '../../../main/core/sandbox'
import { createTokenChecker } from '../../../main/core/tokens/checker'
import { createNodeCipher, openVault, VAULT_BACKEND } from '../../../main/core/vault'
import { storeSecret } from '../../../main/core/vault/entry-file'
import { expectAbsent, onlyJson, PASSPHRASE, runMain, sandboxEnv, snapshotTree, startTestSandbox, tempHome, userToken } from '../cli/support'

/**
 * Issue 20, item 3: each secret is sealed for its entry (id, kind, and which vault) in the
 * AES-GCM additional data, so a `secret` copied into another entry's file is refused as damaged.
 */
let sb: Sandbox
let home: string
let env: Env
let page: string
let user: string

const entryFile = async (name: string): Promise<{ path: string; record: { id: string; meta: { name: string }; secret: { data: string } } }> => {
  const names = await (await import('node:fs/promises')).readdir(tokensDir(home))
  for (const file of names.filter((n) => n.endsWith('.json'))) {
    const path = join(tokensDir(home), file)
    const record = JSON.parse(await readFile(path, 'utf8')) as { id: string; meta: { name: string }; secret: { data: string } }
    if (record.meta.name === name) return { path, record }
  }
  throw new Error(`no entry named ${name}`)
}

beforeAll(async () => {
  sb = await startTestSandbox()
  home = await tempHome({ cheapKey: true })
  env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
  page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
  user = userToken(sb, { scopes: ['business_management', 'pages_show_list'] })
  expect((await runMain(['add', '--name', 'Bakery Page'], { env, stdin: page })).code).toBe(0)
  expect((await runMain(['add', '--name', 'Owner'], { env, stdin: user })).code).toBe(0)
  // The attack: the user token's `secret` copied into the Page token's file.
  const from = await entryFile('Owner')
  const to = await entryFile('Bakery Page')
  await writeFile(to.path, JSON.stringify({ ...to.record, secret: from.record.secret }, null, 2))
}, 120_000)
afterAll(() => sb.close())

describe('a secret copied into another entry’s file', () => {
  it('token refuses it as damaged and prints nothing of it', async () => {
    const result = await runMain(['token', 'Bakery Page'], { env })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('could not be decrypted: the key changed or the file was altered')
    expectAbsent(result.stdout + result.stderr, [user, page])
  })

  it('exec runs nothing and hands nothing on', async () => {
    const result = await runMain(['exec', '--env', 'PAGE_TOKEN=Bakery Page', '--', process.execPath, '-e', 'process.stdout.write(process.env.PAGE_TOKEN ?? "none")'], { env })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expectAbsent(result.stdout + result.stderr, [user, page])
  })

  it('check does not accept it: the entry needs a new sign-in and its expiry is not moved', async () => {
    const before = (await entryFile('Bakery Page')).record.meta
    const result = await runMain(['check', '--json'], { env })
    expect(result.code).toBe(1)
    const rows = onlyJson(result.stdout) as { name: string; status: string }[]
    expect(rows.find((r) => r.name === 'Bakery Page')?.status).toBe('needs-relogin')
    expect(rows.find((r) => r.name === 'Owner')?.status).toBe('valid')
    expect((await entryFile('Bakery Page')).record.meta).toMatchObject({ expiresAt: (before as { expiresAt?: unknown }).expiresAt ?? null })
  })
})

describe('the binding', () => {
  it('keeps the App Secret apart from the tokens: a token secret copied into the App Secret’s file does not open there', async () => {
    const own = await tempHome()
    const cipher = await createNodeCipher({ home: own, passphrase: PASSPHRASE, keyring: null, scryptCost: { N: 2 ** 10, r: 8, p: 1 } })
    const tokens = await openVault<{ kind: string }>({ dir: tokensDir(own), cipher, allowWeak: () => false })
    const secrets = await openVault<{ kind: string }>({ dir: appSecretDir(own), cipher, allowWeak: () => false })
    await tokens.put({ id: 'same', meta: { kind: 'USER' }, secret: 'EAAtokensecret0123456789' })
    await secrets.put({ id: 'same', meta: { kind: 'USER' }, secret: 'app-secret-0123456789abcdef' })
    const token = JSON.parse(await readFile(join(tokensDir(own), 'same.json'), 'utf8')) as { secret: unknown }
    const app = JSON.parse(await readFile(join(appSecretDir(own), 'same.json'), 'utf8')) as Record<string, unknown>
    await writeFile(join(appSecretDir(own), 'same.json'), JSON.stringify({ ...app, secret: token.secret }))
    const again = await openVault<{ kind: string }>({ dir: appSecretDir(own), cipher, allowWeak: () => false })
    expect(await again.getSecret('same')).toBeNull()
    expect(again.get('same')?.problem?.message).toContain('could not be decrypted')
  })

  it('moves an entry sealed before binding into a bound one in place, and it still reads', async () => {
    const own = await tempHome()
    const cipher = await createNodeCipher({ home: own, passphrase: PASSPHRASE, keyring: null, scryptCost: { N: 2 ** 10, r: 8, p: 1 } })
    const tokens = await openVault<{ kind: string }>({ dir: tokensDir(own), cipher, allowWeak: () => false })
    await tokens.put({ id: 'older', meta: { kind: 'PAGE' }, secret: 'EAAoldersecret0123456789' })
    // As an earlier Token Desk wrote it: the version-1 blob, bound to nothing.
    const record = JSON.parse(await readFile(join(tokensDir(own), 'older.json'), 'utf8')) as Record<string, unknown>
    const unbound = storeSecret(VAULT_BACKEND, await cipher.encrypt('EAAoldersecret0123456789'), cipher.keyId())
    await writeFile(join(tokensDir(own), 'older.json'), JSON.stringify({ ...record, secret: unbound }))
    expect(Buffer.from(unbound.data, 'base64')[0]).toBe(1)
    const reopened = await openVault<{ kind: string }>({ dir: tokensDir(own), cipher, allowWeak: () => false })
    expect(await reopened.getSecret('older')).toBe('EAAoldersecret0123456789')
    const moved = JSON.parse(await readFile(join(tokensDir(own), 'older.json'), 'utf8')) as { secret: { data: string } }
    expect(Buffer.from(moved.secret.data, 'base64')[0]).toBe(2)
    // The copy kept during the move is gone once the move is confirmed.
    expect([...(await snapshotTree(own)).keys()].some((p) => p.includes('.pre-shared-vault'))).toBe(false)
  })
})

describe('check compares what Graph says of a secret with what was saved about it', () => {
  it('flags a user token saved as a Page token, and a Page token saved for another Page', async () => {
    const graph = createGraphClient({ appId: sb.practiceApp.id, appSecret: sb.practiceApp.secret, graphUrl: sb.graphUrl, wwwUrl: sb.wwwUrl, retry: { maxAttempts: 1 } })
    const secrets: Record<string, string> = { a: user, b: page, c: page }
    const saved = {
      a: { kind: 'PAGE' as const, userId: sb.practiceUser.id, profileId: sb.pages[0]!.id },
      b: { kind: 'PAGE' as const, userId: sb.practiceUser.id, profileId: sb.pages[1]!.id },
      c: { kind: 'PAGE' as const, userId: sb.practiceUser.id, profileId: sb.pages[0]!.id },
    }
    const checker = createTokenChecker({ graph: () => graph, appId: () => sb.practiceApp.id, secretOf: (id) => Promise.resolve(secrets[id] ?? null), identityOf: (id) => saved[id as 'a'] })
    const result = await checker.check(['a', 'b', 'c'])
    if (result.outcome !== 'ok') throw new Error(result.message)
    expect(result.results.get('a')).toMatchObject({ valid: false, problem: { reason: 'unreadable', message: expect.stringContaining('it is a USER token, not a PAGE token') as string } })
    expect(result.results.get('b')).toMatchObject({ valid: false, problem: { message: expect.stringContaining(`it is for Page ${sb.pages[0]!.id}, not ${sb.pages[1]!.id}`) as string } })
    expect(result.results.get('c')).toMatchObject({ valid: true })
  })
})
