import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isReadByLoaderOrRuntime } from '../../main/cli/exec-env-names'
import type { Sandbox } from '../../main/core/sandbox'
import { VaultKeyFileError, WrongPassphraseError, createNodeCipher, keySlotsPath } from '../../main/core/vault'
import { nodeFs } from '../../main/core/vault/fs-port'
import { VaultBusyError, withLock } from '../../main/core/vault/lock'
import { onlyJson, PASSPHRASE, runMain, sandboxEnv, startTestSandbox, tempHome } from '../integration/cli/support'

// Issue 20, acceptance: fuzz lock files, slots with hostile scrypt parameters, --env names and
// --token-file sizes. A seeded generator, so a failure names a case that can be run again.
function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const pick = <T,>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
const STACK = /\n\s+at .+:\d+:\d+/

describe('fuzz: lock files of every shape, left 10 s ago', () => {
  const rand = prng(2011)
  const shapes: [string, (path: string) => Promise<void>][] = Array.from({ length: 24 }, (_, i) => {
    const kind = pick(rand, ['bytes', 'json', 'truncated', 'huge', 'link', 'dir', 'empty'] as const)
    return [`${i}: ${kind}`, async (path: string) => {
      if (kind === 'bytes') await writeFile(path, randomBytes(1 + Math.floor(rand() * 300)))
      if (kind === 'json') await writeFile(path, JSON.stringify({ pid: pick(rand, [-1, 0, 2 ** 31, 1e12, 'x', null]), host: pick(rand, ['', 'elsewhere', 42]), at: pick(rand, [-1, 0, 1e15, 'now']) }))
      if (kind === 'truncated') await writeFile(path, '{"pid": 12')
      if (kind === 'huge') await writeFile(path, 'x'.repeat(2 * 1024 * 1024))
      if (kind === 'link') await symlink(join(dirname(path), `nowhere-${i}`), path)
      if (kind === 'dir') await mkdir(path)
      if (kind === 'empty') await writeFile(path, '')
    }]
  })
  it.each(shapes)('%s: the writer gets the lock, or a typed busy error, in bounded time', async (_label, make) => {
    const dir = await mkdtemp(join(tmpdir(), 'token-desk-lockfuzz-'))
    const lock = join(dir, '.vault.lock')
    await make(lock)
    const old = new Date(Date.now() - 10_000)
    await utimes(lock, old, old).catch(() => undefined)
    const { lutimes } = await import('node:fs/promises')
    await lutimes(lock, old, old).catch(() => undefined)
    const started = Date.now()
    const outcome = await withLock(nodeFs, lock, () => Promise.resolve('ran'), { waitMs: 2000 }).catch((e: unknown) => e)
    expect(outcome === 'ran' || outcome instanceof VaultBusyError, String(outcome)).toBe(true)
    // Left 10 s ago: older than the 5 s an unknown holder is given, so it is taken over.
    expect(outcome).toBe('ran')
    expect(Date.now() - started).toBeLessThan(4000)
  })
})

describe('fuzz: slots.json with hostile scrypt parameters', () => {
  const rand = prng(61)
  const values = (): unknown => pick(rand, [0, -1, 1, 3, 2 ** 10, 2 ** 14, 2 ** 20, 2 ** 24, 2 ** 31, 2 ** 53, 1.5, '16384', null, 1e308])
  const cases = Array.from({ length: 30 }, (_, i) => [i, { N: values(), r: pick(rand, [0, 1, 8, 16, 32, 64, 2 ** 20, -8, 8.5]), p: pick(rand, [0, 1, 2, 3, 16, 2 ** 20, -1]) }] as const)
  let home: string
  let pristine: string
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'token-desk-scryptfuzz-'))
    await createNodeCipher({ home, passphrase: PASSPHRASE, keyring: null, scryptCost: { N: 2 ** 10, r: 8, p: 1 } })
    pristine = await readFile(keySlotsPath(home), 'utf8')
  })
  it.each(cases)('case %i %o: refused in words or opened, within 3 s, file untouched', async (_i, cost) => {
    const file = JSON.parse(pristine) as { slots: Record<string, unknown>[] }
    Object.assign(file.slots[0]!, cost)
    const text = JSON.stringify(file)
    await writeFile(keySlotsPath(home), text)
    const started = Date.now()
    const outcome = await createNodeCipher({ home, passphrase: PASSPHRASE, keyring: null }).catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(3000)
    if (outcome instanceof Error) {
      // A cost nobody wrote: refused as a damaged or too costly key file, or the key does not open.
      expect(outcome instanceof VaultKeyFileError || outcome instanceof WrongPassphraseError, `${outcome.name}: ${outcome.message}`).toBe(true)
      expect(outcome.message).not.toMatch(STACK)
    }
    expect(await readFile(keySlotsPath(home), 'utf8')).toBe(text)
  })
})

describe('fuzz: exec --env names and --token-file sizes', () => {
  let sb: Sandbox
  let env: Record<string, string>
  const rand = prng(7)
  beforeAll(async () => {
    sb = await startTestSandbox()
    const home = await tempHome({ cheapKey: true })
    env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE }) as Record<string, string>
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
    expect((await runMain(['add', '--name', 'Bakery Page'], { env, stdin: page })).code).toBe(0)
  })
  afterAll(() => sb.close())

  const case_ = (name: string): string => [...name].map((c) => (rand() < 0.5 ? c.toLowerCase() : c.toUpperCase())).join('')
  const denied = ['LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'NODE_OPTIONS', 'BASH_ENV', 'PATH', 'PYTHONSTARTUP', 'PERL5OPT', 'RUBYOPT', 'JAVA_TOOL_OPTIONS', 'GIT_SSH_COMMAND', 'BASH_FUNC_x%%', 'GLIBC_TUNABLES', 'ENV', 'IFS']
  const names = [...denied.map(case_), ...Array.from({ length: 10 }, (_, i) => `${pick(rand, ['LD_', 'NODE_', 'PYTHON', 'MALLOC_', 'GIT_CONFIG_'])}${randomBytes(3).toString('hex').toUpperCase()}${i}`)]
  it.each(names)('--env %s is refused, exit 2, no token printed', async (name) => {
    expect(isReadByLoaderOrRuntime(name)).toBe(true)
    const result = await runMain(['exec', '--json', '--env', `${name}=Bakery Page`, '--', process.execPath, '-e', 'process.stdout.write("ran")'], { env })
    expect(result.code).toBe(2)
    expect(result.stdout).not.toContain('ran')
    expect(result.stdout + result.stderr).not.toMatch(/EAA[A-Za-z0-9_-]{10,}/)
    expect(result.stderr).not.toMatch(STACK)
  })

  const ordinary = Array.from({ length: 5 }, (_, i) => `FB_${randomBytes(2).toString('hex').toUpperCase()}_${i}`)
  it.each(ordinary)('--env %s (an ordinary name) reaches the command', async (name) => {
    const result = await runMain(['exec', '--env', `${name}=Bakery Page`, '--', process.execPath, '-e', `process.stdout.write(String((process.env[${JSON.stringify(name)}] ?? '').startsWith('EAA')))`], { env })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe('true')
  })

  it.each([0, 1, 9, 10, 4096, 65_535, 65_536, 65_537, 200_000, 3 * 1024 * 1024])('--token-file of %i bytes: a clear answer, no stack trace, the cap at 64 KiB', async (size) => {
    const file = join(await mkdtemp(join(tmpdir(), 'token-desk-sizefuzz-')), 'token.txt')
    await writeFile(file, Buffer.alloc(size, 0x41))
    const started = Date.now()
    const result = await runMain(['inspect', '--json', '--token-file', file], { env })
    expect(Date.now() - started).toBeLessThan(5000)
    // 2: refused as input; 1: token-shaped (10+ letters), so asked of Graph, which calls it invalid. Never 3 (unexpected).
    expect(size > 65_536 || size < 10 ? [2] : [1, 2]).toContain(result.code)
    expect(result.stderr).not.toMatch(STACK)
    const reply = JSON.stringify(onlyJson(result.stdout))
    if (size > 65_536) expect(reply).toContain('The input is too large to be a token (more than 64 KiB).')
    else expect(reply).not.toContain('too large')
  })
})
