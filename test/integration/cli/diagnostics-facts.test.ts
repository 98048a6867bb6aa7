import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFile, writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import { redact, redactText } from '../../../main/core/redact'
import type { Sandbox } from '../../../main/core/sandbox'
import { keySlotsPath } from '../../../main/core/vault'
import { baseEnv, ensureBuiltCli, onlyJson, PASSPHRASE, runMain, sandboxEnv, snapshotTree, startTestSandbox, tempHome } from './support'

/** Issue 20, item 13: reports that keep their facts, name the damaged file, and fail when they must. */
let sb: Sandbox
let env: Env
let home: string
let page: string

beforeAll(async () => {
  ensureBuiltCli()
  sb = await startTestSandbox()
  home = await tempHome({ cheapKey: true })
  env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
  page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
  expect((await runMain(['add', '--name', 'Bakery Page'], { env, stdin: page })).code).toBe(0)
}, 120_000)
afterAll(() => sb.close())

describe('the redactor redacts OAuth codes by where they appear, not every field named code', () => {
  it('keeps errno codes and Graph error codes', () => {
    expect(redact({ error: { code: 'ENOENT', syscall: 'open' } })).toEqual({ error: { code: 'ENOENT', syscall: 'open' } })
    expect(redact({ error: { message: 'Error validating access token', code: 190, error_subcode: 463 } })).toMatchObject({ error: { code: 190, error_subcode: 463 } })
    expect(redactText('{"code":"EACCES","path":"/x"}')).toBe('{"code":"EACCES","path":"/x"}')
  })

  it('redacts the code of a query, a form body and an OAuth reply', () => {
    expect(redactText('GET /login/callback?code=sandboxcode123&state=s1')).toBe('GET /login/callback?code=[redacted]&state=[redacted]')
    expect(redactText('client_id=1&code=sandboxcode123&redirect_uri=x')).toBe('client_id=1&code=[redacted]&redirect_uri=x')
    expect(redact({ code: 'sandboxcode123', state: 'st' })).toEqual({ code: '[redacted]', state: '[redacted]' })
    expect(redact({ grant_type: 'authorization_code', code: 'sandboxcode123' })).toEqual({ grant_type: 'authorization_code', code: '[redacted]' })
  })
})

/** Flips one bit in the middle of a base64 field of the first slot, or of the file's check. */
async function flipBit(field: 'wrapped' | 'check'): Promise<string> {
  const original = await readFile(keySlotsPath(home), 'utf8')
  const file = JSON.parse(original) as { check: string; slots: { wrapped: string }[] }
  const flip = (b64: string): string => {
    const bytes = Buffer.from(b64, 'base64')
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01
    return bytes.toString('base64')
  }
  if (field === 'check') file.check = flip(file.check)
  else file.slots[0]!.wrapped = flip(file.slots[0]!.wrapped)
  await writeFile(keySlotsPath(home), JSON.stringify(file, null, 2))
  return original
}

describe('a damaged key file is named, not blamed on the passphrase', () => {
  it.each([
    ['wrapped', 'the key its passphrase slot holds (`wrapped`) does not open'],
    ['check', 'its key check (`check`) does not match the key its slots open'],
  ] as const)('a bit flipped in %s', async (field, words) => {
    const original = await flipBit(field)
    try {
      const before = await snapshotTree(home)
      for (const args of [['token', 'Bakery Page'], ['list']]) {
        const result = await runMain(args, { env })
        expect(result.stderr, args.join(' ')).toContain('vault/keys/slots.json is damaged')
        expect(result.stderr).toContain(words)
        expect(result.stderr).not.toMatch(/TOKEN_DESK_PASSPHRASE is wrong|set TOKEN_DESK_PASSPHRASE/i)
        expect(result.stdout).not.toContain(page)
      }
      expect(await snapshotTree(home)).toEqual(before)
    } finally {
      await writeFile(keySlotsPath(home), original)
    }
  })
})

/** A real full disk: a 1 MiB tmpfs (needs root, as on these machines and CI); skipped with a reason elsewhere. */
const fullDisk = join(tmpdir(), `token-desk-full-disk-${process.pid}`)
mkdirSync(fullDisk, { recursive: true })
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', fullDisk]).status === 0
if (!mounted) console.warn('Skipping the full-disk check test: mounting a small tmpfs needs root (mount -t tmpfs).')
afterAll(() => {
  if (mounted) spawnSync('umount', [fullDisk])
})

describe('check', () => {
  it.skipIf(!mounted)('exits non-zero when it could not save its results (the disk is full)', async () => {
    const own = join(fullDisk, 'home')
    const ownEnv = { ...env, TOKEN_DESK_HOME: own }
    expect((await runMain(['add', '--name', 'Bakery Page'], { env: ownEnv, stdin: page })).code).toBe(0)
    // Fill what is left of the disk.
    try {
      for (let i = 0; ; i++) await writeFile(join(fullDisk, `filler-${i}`), Buffer.alloc(64 * 1024))
    } catch {
      /* ENOSPC: full */
    }
    const run = await runMain(['check', '--json'], { env: ownEnv })
    expect(run.code, run.stderr).toBe(2)
    expect(onlyJson(run.stdout)).toMatchObject({ error: { code: 'vault-write', message: expect.stringContaining('the results could not be saved in the vault') as string } })
    expect(run.stderr).toContain('the disk is full')
  })
})

describe('a malformed proxy URL', () => {
  it.each([
    ['HTTPS_PROXY', 'http://[bad'],
    ['https_proxy', 'proxy.example:3128'],
    ['HTTP_PROXY', 'not a url'],
  ])('%s=%s is a usage error (exit 2) that names the variable', async (name, value) => {
    const result = await runMain(['list', '--json'], { env: baseEnv({ TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE, [name]: value }) })
    expect(result.code).toBe(2)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'configuration', message: `${name} is not a proxy address Token Desk can use: it must be an http:// or https:// URL, such as http://proxy.example:3128.` } })
  })
})
