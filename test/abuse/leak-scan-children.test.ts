import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rotatedPath } from '../../main/core/logging/file-log'
import type { Sandbox } from '../../main/core/sandbox'
import { expectAbsent, PASSPHRASE, runMain, sandboxEnv, startTestSandbox, tempHome } from '../integration/cli/support'

// Issue 20, acceptance: the leak scan covers child environments and diagnostics with a symlinked log.
let sb: Sandbox
let home: string
let env: Record<string, string>
let page: string
let user: string
let APP_SECRET: string
const CONTROL_KEY = 'leakscan-control-key-9c41e7'
beforeAll(async () => {
  sb = await startTestSandbox()
  home = await tempHome({ cheapKey: true })
  APP_SECRET = sb.practiceApp.secret
  env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE, TOKEN_DESK_APP_SECRET: APP_SECRET, SANDBOX_CONTROL_KEY: CONTROL_KEY }) as Record<string, string>
  page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
  user = sb.issueToken({ kind: 'USER', lifetime: 'long' })
  const added = await runMain(['add', '--name', 'Bakery Page'], { env, stdin: page })
  expect(added.code, added.stderr).toBe(0)
  expect((await runMain(['add', '--name', 'Pat'], { env, stdin: user })).code).toBe(0)
}, 120_000)
afterAll(() => sb.close())

describe('leak scan: what a child process is given', () => {
  it('exec’s command sees the one token it asked for, and no passphrase, App Secret, control key or other token', async () => {
    const dump = join(await mkdtemp(join(tmpdir(), 'token-desk-child-')), 'env.json')
    const script = `require('fs').writeFileSync(${JSON.stringify(dump)}, JSON.stringify({ env: process.env, argv: process.argv }))`
    const result = await runMain(['exec', '--env', 'FB_TOKEN=Bakery Page', '--', process.execPath, '-e', script], { env })
    expect(result.code, result.stderr).toBe(0)
    const seen = await readFile(dump, 'utf8')
    const child = JSON.parse(seen) as { env: Record<string, string> }
    expect(child.env.FB_TOKEN).toBe(page)
    // Everything but the one variable it asked for: no secret of Token Desk's own, no other token.
    const { FB_TOKEN: _asked, ...rest } = child.env
    expectAbsent(JSON.stringify(rest) + result.stdout + result.stderr, [PASSPHRASE, APP_SECRET, CONTROL_KEY, user, page, sb.practiceApp.secret])
    expect(Object.keys(child.env).filter((k) => /^TOKEN_DESK_(PASSPHRASE|APP_SECRET)$|^SANDBOX_CONTROL_KEY$/i.test(k))).toEqual([])
  })
})

describe('leak scan: diagnostics with a symlinked log', () => {
  it('quotes nothing of a file that logs/main.log or main.old.log links to outside the home', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'token-desk-outside-'))
    const planted = ['root:$6$leakscanhash:19000:0:99999:7:::', `leaked ${page}`, 'api_key=leakscan-outside-secret']
    await writeFile(join(outside, 'secret.txt'), `${planted.join('\n')}\n`)
    await mkdir(join(home, 'logs'), { recursive: true, mode: 0o700 })
    const log = join(home, 'logs', 'main.log')
    await symlink(join(outside, 'secret.txt'), log)
    await symlink(join(outside, 'secret.txt'), rotatedPath(log))
    const report = await runMain(['diagnostics', '--json'], { env })
    expect(report.code, report.stderr).toBe(0)
    expectAbsent(report.stdout + report.stderr, ['leakscanhash', 'leakscan-outside-secret', page, user, PASSPHRASE, APP_SECRET, CONTROL_KEY])
    expect(report.stdout).toContain('not quoted')
  })
})
