/**
 * Issue 21, item 16: what a new user meets when they try every command against the practice
 * sandbox. Each case is one point of the item: the words a person reads and the exit code a
 * script reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import { COMMANDS } from '../../../main/cli/main'
import type { Sandbox } from '../../../main/core/sandbox'
import { tokensDir } from '../../../main/core/home'
import type { TokenMeta } from '../../../main/core/tokens/record'
import { createNodeCipher, openVault } from '../../../main/core/vault'
import { closedPort } from '../../support/closed-port'
import { baseEnv, expectAbsent, onlyJson, PASSPHRASE, runMain, sandboxEnv, startTestSandbox, tempHome, userToken } from './support'

let sb: Sandbox
beforeAll(async () => {
  sb = await startTestSandbox()
})
afterAll(() => sb.close())

async function storedHome(name: string, token = userToken(sb)): Promise<{ home: string; env: Env; token: string }> {
  const home = await tempHome({ cheapKey: true })
  const env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
  const added = await runMain(['add', '--name', name], { env, stdin: token })
  expect(added.code, added.stderr).toBe(0)
  return { home, env, token }
}

const graphCalls = (): number => sb.requests.filter((r) => !r.path.startsWith('/__sandbox')).length

describe('list without the vault key', () => {
  it('says the key is missing, lists the tokens as last checked, counts none as stopped, and exits 2', async () => {
    const { env } = await storedHome('Mine')
    const locked = { ...env, TOKEN_DESK_PASSPHRASE: undefined }
    const listed = await runMain(['list'], { env: locked })
    expect(listed.code).toBe(2)
    expect(listed.stdout).toMatch(/^Mine +USER +…[\w-]{4} +valid /m)
    expect(listed.stdout).not.toContain('needs-relogin')
    expect(listed.stdout).toContain('1 token: 1 works, none need attention soon, none stopped.')
    expect(listed.stderr).toContain('The vault key is missing')
    expect(listed.stderr).toContain('TOKEN_DESK_PASSPHRASE')

    const json = await runMain(['list', '--json'], { env: locked })
    expect(json.code).toBe(2)
    expect(onlyJson(json.stdout)).toMatchObject([{ name: 'Mine', status: 'valid', problem: null }])
  })

  it('for a vault whose key only an OS keyring holds, says how to give it a passphrase', async () => {
    const home = await tempHome()
    const keys = new Map<string, string>()
    const keyring = { get: (account: string) => Promise.resolve(keys.get(account) ?? null), set: (account: string, value: string) => Promise.resolve(void keys.set(account, value)) }
    const cipher = await createNodeCipher({ home, passphrase: null, keyring })
    const vault = await openVault<TokenMeta>({ dir: tokensDir(home), cipher, allowWeak: () => false })
    const meta: TokenMeta = { name: 'Keyring only', kind: 'USER', last4: 'abcd', appId: '1', userId: '2', profileId: null, scopes: [], purpose: null, expiresAt: null, neverExpires: true, dataAccessExpiresAt: null, status: 'valid', problem: null, lastCheckedAt: null, diedAt: null, parentId: null, createdAt: 0 }
    await vault.put({ meta, secret: 'EAAkeyringonlytokenforthetest1234' })
    // The same home where no keyring answers (TOKEN_DESK_KEYRING=off), with a passphrase that no slot holds.
    const listed = await runMain(['list'], { env: baseEnv({ TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE }) })
    expect(listed.code).toBe(2)
    expect(listed.stdout).toMatch(/^Keyring only +USER +…abcd +valid /m)
    expect(listed.stderr).toContain('The vault key is missing')
    expect(listed.stderr).toContain('give the vault a passphrase in the app (Settings > Passphrase for scripts)')
    expect(listed.stderr).not.toContain('of your choice')
  })
})

describe('an unreachable TOKEN_DESK_GRAPH_URL', () => {
  it('names the address it tried and what went wrong, not only "the internet connection"', async () => {
    const port = await closedPort()
    const result = await runMain(['inspect'], { env: sandboxEnv(sb, { TOKEN_DESK_GRAPH_URL: `http://127.0.0.1:${port}`, TOKEN_DESK_RETRY_MAX_MS: '300' }), stdin: userToken(sb) })
    expect(result.code).toBe(3)
    expect(result.stderr).toContain(`http://127.0.0.1:${port}`)
    expect(result.stderr).toContain('TOKEN_DESK_GRAPH_URL')
    expect(result.stderr).toContain(`ECONNREFUSED 127.0.0.1:${port}`)
    expect(result.stderr).not.toContain('Check the internet connection')
  })

  it('names a host that does not resolve', async () => {
    const result = await runMain(['inspect', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_GRAPH_URL: 'http://no-such-host.invalid', TOKEN_DESK_RETRY_MAX_MS: '300' }), stdin: userToken(sb) })
    expect(result.code).toBe(3)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'network', message: expect.stringContaining('http://no-such-host.invalid') as string } })
  })
})

describe('extend without --json', () => {
  it('refuses before exchanging anything, and says how to get the new token', async () => {
    const before = graphCalls()
    const result = await runMain(['extend'], { env: sandboxEnv(sb), stdin: sb.issueToken({ kind: 'USER', lifetime: 'short' }) })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--json')
    expect(result.stderr).toContain('Nothing was sent to Facebook')
    expect(result.stdout).not.toContain('printed only with --json')
    expect(graphCalls()).toBe(before)
  })
})

describe('words about a dead token', () => {
  it('check points at the app or a command, not at a sign-in the command line does not have, and shows no internal code', async () => {
    // One token of its own fails as after a password change (190/460); the others' stay valid.
    const { env: own, token } = await storedHome('Doomed')
    sb.controls.invalidateToken(token, 460)
    const checked = await runMain(['check'], { env: own })
    expect(checked.code).toBe(1)
    const said = checked.stdout + checked.stderr
    expect(said).not.toContain('Sign in with Facebook')
    expect(said).not.toMatch(/\(password-changed\)|password-changed:/)
    expect(said).toContain('password')
    expect(said).toContain('token-desk serve')
  })

  it('inspect of a token Facebook does not accept: plain words, no "invalid:" code, no sign-in', async () => {
    const result = await runMain(['inspect'], { env: sandboxEnv(sb), stdin: 'EAAgarbagegarbagegarbagegarbage1234' })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^Problem: +Facebook does not accept this token\./m)
    expect(result.stdout).not.toMatch(/Problem: +invalid:/)
    expect(result.stdout).not.toContain('Sign in with Facebook')
    expect(result.stdout).toContain('token-desk add')
  })
})

describe('an unknown stored token', () => {
  it('exits 2 from token and from exec, the same rule', async () => {
    const { env } = await storedHome('Known')
    const printed = await runMain(['token', 'Nobody'], { env })
    const ran = await runMain(['exec', '--env', 'T=Nobody', '--', process.execPath, '-e', '0'], { env })
    expect(printed.code).toBe(2)
    expect(ran.code).toBe(2)
    expect(ran.stderr).toContain('No stored token has the id or name "Nobody"')
  })
})

describe('throttling', () => {
  it('says "after HH:MM" as the help promises, also when Facebook gives no time', async () => {
    sb.controls.injectFault({ kind: 'throttle', code: 4, times: Infinity })
    try {
      const result = await runMain(['inspect'], { env: sandboxEnv(sb), stdin: userToken(sb) })
      expect(result.code).toBe(3)
      expect(result.stderr).toMatch(/try again after \d\d:\d\d/)
      expect(result.stderr).not.toContain('try again later')
    } finally {
      sb.controls.clearFaults()
    }
  })
})

describe('sandbox --json', () => {
  it('names its settings with the variable names the text lines use', async () => {
    const settingsOf = async (args: string[]): Promise<string> => {
      const controller = new AbortController()
      let first = ''
      const done = runMain(['sandbox', ...args], {
        env: baseEnv(),
        signal: controller.signal,
        onStdout: (text) => {
          const lines = text.split('\n')
          if (args.includes('--json') ? lines.length > 1 : lines.length > 7) {
            first = text
            controller.abort()
          }
        },
      })
      await done
      return first
    }
    const text = await settingsOf([])
    const names = text.trim().split('\n').slice(1).map((line) => line.slice(0, line.indexOf('=')))
    const json = JSON.parse((await settingsOf(['--json'])).split('\n')[0]!) as Record<string, unknown>
    expect(Object.keys(json).sort()).toEqual([...names].sort())
    expect(names).toEqual(expect.arrayContaining(['TOKEN_DESK_GRAPH_URL', 'TOKEN_DESK_WWW_URL', 'TOKEN_DESK_APP_ID', 'TOKEN_DESK_APP_SECRET', 'SANDBOX_CONTROL_KEY', 'SANDBOX_USER_ID']))
  })
})

describe('a mistyped command or option', () => {
  it('gets a "did you mean"', async () => {
    const command = await runMain(['inpsect'], { env: baseEnv() })
    expect(command.code).toBe(2)
    expect(command.stderr).toContain('Did you mean token-desk inspect?')
    const help = await runMain(['help', 'chekc'], { env: baseEnv() })
    expect(help.stderr).toContain('Did you mean token-desk check?')
    const option = await runMain(['list', '--jsno'], { env: baseEnv() })
    expect(option.code).toBe(2)
    expect(option.stderr).toContain('Did you mean --json?')
    const far = await runMain(['zzzzzz'], { env: baseEnv() })
    expect(far.stderr).not.toContain('Did you mean')
  })
})

describe('an App Secret in the wrong format', () => {
  it('is refused before anything is sent to Facebook, with the rule the window uses', async () => {
    const before = graphCalls()
    const result = await runMain(['inspect', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_APP_SECRET: 'hunter2' }), stdin: userToken(sb) })
    expect(result.code).toBe(2)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { message: expect.stringContaining('TOKEN_DESK_APP_SECRET') as string } })
    expect(result.stderr).toContain('32 characters, 0-9 and a-f')
    expect(graphCalls()).toBe(before)
    expectAbsent(result.stdout + result.stderr, ['hunter2'])
  })
})

describe('--help', () => {
  it.each(COMMANDS.map((c) => c.name))('%s --help shows examples of that command, before the exit codes', async (name) => {
    const result = await runMain([name, '--help'], { env: baseEnv() })
    expect(result.code).toBe(0)
    const block = /\nExamples:\n([\s\S]*?)\n\nExit codes:/.exec(result.stdout)
    expect(block, result.stdout).not.toBeNull()
    const lines = block![1]!.split('\n')
    expect(lines.every((line) => line.startsWith('  '))).toBe(true)
    expect(lines.some((line) => line.startsWith('  # '))).toBe(true)
    expect(lines.some((line) => !line.startsWith('  # ') && new RegExp(`token-desk ${name}\\b`).test(line))).toBe(true)
  })
})
