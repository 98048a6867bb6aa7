import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import { childEnv } from '../../../main/core/child-env'
import type { Sandbox } from '../../../main/core/sandbox'
import { expectAbsent, onlyJson, PASSPHRASE, runMain, sandboxEnv, startTestSandbox, tempHome } from './support'

/** Issue 20, items 7, 9 and 10: what exec gives its command, what any child gets, how much --token-file reads. */
let sb: Sandbox
let env: Env
let page: string
const CONTROL_KEY = 'sandbox-control-key-for-the-leak-test'

beforeAll(async () => {
  sb = await startTestSandbox()
  const home = await tempHome({ cheapKey: true })
  env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE, SANDBOX_CONTROL_KEY: CONTROL_KEY })
  page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
  expect((await runMain(['add', '--name', 'Bakery Page'], { env, stdin: page })).code).toBe(0)
}, 120_000)
afterAll(() => sb.close())

describe('exec --env refuses names the loader, shells and runtimes read (item 7)', () => {
  it.each(['LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'PATH', 'NODE_OPTIONS', 'BASH_ENV', 'ENV', 'PYTHONSTARTUP', 'PERL5OPT', 'RUBYOPT', 'JAVA_TOOL_OPTIONS', 'ld_preload', 'Path'])(
    '%s: exit 2, nothing run, the token nowhere',
    async (name) => {
      const marker = join(await mkdtemp(join(tmpdir(), 'token-desk-ran-')), 'ran')
      const result = await runMain(['exec', '--json', '--env', `${name}=Bakery Page`, '--', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`], { env })
      expect(result.code, result.stderr).toBe(2)
      expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'env-name-refused', message: expect.stringContaining(`--env ${name} is refused`) as string } })
      await expect(readFile(marker)).rejects.toThrow()
      expectAbsent(result.stdout + result.stderr, [page, PASSPHRASE])
    },
  )

  it('still takes an ordinary name', async () => {
    const result = await runMain(['exec', '--env', 'PAGE_TOKEN=Bakery Page', '--', process.execPath, '-e', 'process.stdout.write(String(process.env.PAGE_TOKEN === process.argv[1]))', page], { env })
    expect(result).toMatchObject({ code: 0, stdout: 'true' })
  })
})

describe('every child process gets an environment without token-desk’s secrets (item 9)', () => {
  it('exec’s command gets no passphrase, App Secret or sandbox control key', async () => {
    const script = `process.stdout.write(JSON.stringify(Object.keys(process.env).filter((k) => /TOKEN_DESK_(PASSPHRASE|APP_SECRET)|SANDBOX_CONTROL_KEY/.test(k))))`
    const result = await runMain(['exec', '--env', 'FB=Bakery Page', '--', process.execPath, '-e', script], { env })
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([])
  })

  it('childEnv drops the named secrets and any TOKEN_DESK_ variable named like one, and keeps the rest', () => {
    const source = { PATH: '/bin', TOKEN_DESK_HOME: '/h', TOKEN_DESK_APP_ID: '1', TOKEN_DESK_PASSPHRASE: 'p', TOKEN_DESK_APP_SECRET: 's', SANDBOX_CONTROL_KEY: 'k', TOKEN_DESK_DELIVERY_TOKEN: 't', token_desk_passphrase: 'q' }
    expect(childEnv(source)).toEqual({ PATH: '/bin', TOKEN_DESK_HOME: '/h', TOKEN_DESK_APP_ID: '1' })
    expect(source.TOKEN_DESK_PASSPHRASE).toBe('p')
  })
})

describe('--token-file is capped at 64 KiB like standard input, and streamed (item 10)', () => {
  it.each([
    ['a 1 MiB file whose first line is a token', async (dir: string) => {
      const file = join(dir, 'big.txt')
      await writeFile(file, `${'EAAfirstlinetoken1234567890'}\n${'x'.repeat(1024 * 1024)}`)
      return file
    }],
    ['/dev/zero', () => Promise.resolve('/dev/zero')],
    ['/dev/urandom', () => Promise.resolve('/dev/urandom')],
  ])('refuses %s as too large, quickly, in words', async (_label, make) => {
    const file = await make(await mkdtemp(join(tmpdir(), 'token-desk-file-')))
    const started = Date.now()
    const result = await runMain(['inspect', '--json', '--token-file', file], { env })
    expect(result.code).toBe(2)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { message: 'The input is too large to be a token (more than 64 KiB).' } })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('still reads a small token file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'token-desk-file-')), 'token.txt')
    await writeFile(file, `${page}\n`)
    const result = await runMain(['inspect', '--json', '--token-file', file], { env })
    expect(result.code, result.stderr).toBe(0)
  })
})
