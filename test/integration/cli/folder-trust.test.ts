import { chmod, chown, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { mkdtemp } from 'node:fs/promises'
import { baseEnv, runMain, sandboxEnv, startTestSandbox, tempHome, userToken, PASSPHRASE } from './support'

// Issue 20, item 11: folder trust, as OpenSSH's StrictModes judges ~/.ssh (main/core/folder-trust.ts).
let sb: Sandbox
beforeAll(async () => {
  sb = await startTestSandbox()
})
afterAll(() => sb.close())

const IS_ROOT = process.getuid?.() === 0

async function filledHome(): Promise<string> {
  const home = await tempHome({ cheapKey: true })
  const added = await runMain(['add', '--name', 'Mine'], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE }), stdin: userToken(sb) })
  expect(added.code, added.stderr).toBe(0)
  return home
}
const env = (home: string) => baseEnv({ TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })

describe('token-desk refuses a home another user could tamper with', () => {
  it('a vault folder writable by everyone (0777): exit 2, with the folder and its mode', async () => {
    const home = await filledHome()
    await chmod(join(home, 'vault'), 0o777)
    const listed = await runMain(['list'], { env: env(home) })
    expect(listed.code).toBe(2)
    expect(listed.stderr).toContain(`${join(home, 'vault')} can be written by other users (mode 0777)`)
    expect(listed.stderr).toContain('read and changed nothing')
  })

  it.runIf(IS_ROOT)('keys/ owned by another user: exit 2, naming the owner (real chown: the tests run as root)', async () => {
    const home = await filledHome()
    await chown(join(home, 'vault', 'keys'), 54321, 54321)
    const token = await runMain(['token', 'Mine'], { env: env(home) })
    expect(token.code).toBe(2)
    expect(token.stderr).toContain(`${join(home, 'vault', 'keys')} belongs to another user (uid 54321)`)
    expect(token.stdout).toBe('')
  })

  it('a .pre-shared-vault link to a folder outside the home: exit 2, and nothing written there', async () => {
    const home = await filledHome()
    const outside = await mkdtemp(join(tmpdir(), 'token-desk-outside-'))
    await symlink(outside, join(home, 'vault', 'tokens', '.pre-shared-vault'))
    const added = await runMain(['add', '--name', 'Other'], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE }), stdin: userToken(sb) })
    expect(added.code).toBe(2)
    expect(added.stderr).toContain(`is a symbolic link to ${outside}, outside`)
  })

  it('a link that stays inside the home is followed', async () => {
    const home = await filledHome()
    await mkdir(join(home, 'elsewhere'), { mode: 0o700 })
    await symlink(join(home, 'elsewhere'), join(home, 'logs'))
    expect((await runMain(['list'], { env: env(home) })).code).toBe(0)
  })

  it('diagnostics never quotes logs/main.log when it links out of the home, and says why', async () => {
    const home = await filledHome()
    const outside = await mkdtemp(join(tmpdir(), 'token-desk-outside-'))
    await writeFile(join(outside, 'shadow'), 'root:*:19000:0:99999:7:::\n')
    await mkdir(join(home, 'logs'), { mode: 0o700 })
    await symlink(join(outside, 'shadow'), join(home, 'logs', 'main.log'))
    const report = await runMain(['diagnostics'], { env: env(home) })
    expect(report.code).toBe(0)
    expect(report.stdout).not.toContain('root:*')
    expect(report.stdout).toContain('is a symbolic link to')
    expect(report.stdout).toContain('not quoted')
  })

  it('--log-file naming a link: exit 2, and the target keeps its mode', async () => {
    const home = await tempHome()
    const outside = await mkdtemp(join(tmpdir(), 'token-desk-outside-'))
    const target = join(outside, 'precious.conf')
    await writeFile(target, 'kept\n', { mode: 0o644 })
    await chmod(target, 0o644)
    await symlink(target, join(home, 'run.log'))
    const result = await runMain(['list', '--log-file', join(home, 'run.log')], { env: baseEnv({ TOKEN_DESK_HOME: home }) })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('it is a symbolic link, and its target was left as it is')
    expect((await stat(target)).mode & 0o777).toBe(0o644)
    expect(await readFile(target, 'utf8')).toBe('kept\n')
  })
})
