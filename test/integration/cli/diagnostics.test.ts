import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { baseEnv, ensureBuiltCli, expectAbsent, runBuilt, runMain, sandboxEnv, startTestSandbox, tempHome, userToken, PASSPHRASE } from './support'

let sb: Sandbox
beforeAll(async () => {
  sb = await startTestSandbox()
})
afterAll(() => sb.close())

describe('token-desk --log-file and diagnostics', () => {
  it('--log-file keeps the redacted log lines in a 0600 file beside standard error', async () => {
    const home = await tempHome()
    const file = join(home, 'cli-logs', 'run.log')
    const token = userToken(sb)
    const result = await runMain(['inspect', '--log-file', file], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_LOG: 'debug' }), stdin: token })
    expect(result.code).toBe(0)
    const text = await readFile(file, 'utf8')
    expect(text).toMatch(/\[debug\] +graph call/)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expectAbsent(text + result.stderr, [token, sb.practiceApp.secret])
  })

  it('the built command writes its --log-file from any working folder (no package.json nearby)', async () => {
    ensureBuiltCli()
    const home = await tempHome()
    const file = join(home, 'run.log')
    const result = await runBuilt(['inspect', '--log-file', file], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_LOG: 'debug' }), stdin: userToken(sb), cwd: home })
    expect(result.code).toBe(0)
    expect(await readFile(file, 'utf8')).toMatch(/\[debug\] +graph call/)
  })

  it('refuses a log file it cannot write, with exit 2', async () => {
    const home = await tempHome()
    await writeFile(join(home, 'a-file'), 'x')
    const result = await runMain(['list', '--log-file', join(home, 'a-file', 'under-a-file.log')], { env: baseEnv({ TOKEN_DESK_HOME: home }) })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Cannot write the log file')
  })

  it('prints versions, system, storage, settings, the proxy and the newest log lines, redacted, and writes nothing', async () => {
    const home = await tempHome({ cheapKey: true })
    const token = userToken(sb)
    const added = await runMain(['add', '--name', 'Mine'], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE }), stdin: token })
    expect(added.code).toBe(0)
    // The desktop app's log under the same home, with a line that quotes a token.
    await mkdir(join(home, 'logs'))
    const lines = Array.from({ length: 250 }, (_, i) => `[2026-12-01 10:00:00.000] [info] line ${i}`)
    await writeFile(join(home, 'logs', 'main.log'), `${lines.join('\n')}\n[x] [warn] leaked ${token}\n`)
    const before = await readFile(join(home, 'logs', 'main.log'), 'utf8')

    const env = baseEnv({ TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE, HTTPS_PROXY: 'http://user:pw@proxy.corp:3128' })
    const result = await runMain(['diagnostics'], { env })
    expect(result.code).toBe(0)
    const text = result.stdout
    expect(text).toContain('Token Desk diagnostics (command line)')
    expect(text).toContain(`Node: ${process.versions.node}`)
    expect(text).toContain('backend: aes-256-gcm:vault-key, key kept by a passphrase')
    // Issue 20, item 12: only a passphrase holds this key, so it is no OS keystore.
    expect(text).toContain('protection: passphrase (a key derived from TOKEN_DESK_PASSPHRASE)')
    expect(text).not.toContain('os-keystore')
    expect(text).toContain('1 × aes-256-gcm:vault-key')
    expect(text).toContain('checkIntervalHours')
    expect(text).toContain('http://proxy.corp:3128 (from HTTPS_PROXY)')
    expect(text).toContain('Last 200 log lines')
    expect(text).toContain('leaked [redacted]')
    expect(text).not.toContain('line 50\n')
    expectAbsent(text + result.stderr, [token, PASSPHRASE, 'user:pw'])
    expect(await readFile(join(home, 'logs', 'main.log'), 'utf8')).toBe(before)

    const json = await runMain(['diagnostics', '--json'], { env })
    const data = JSON.parse(json.stdout) as { host: string; log: { lines: string[] }; storage: { backend: string } }
    expect(data.host).toBe('command line')
    expect(data.log.lines).toHaveLength(200)
    expect(data.storage.backend).toBe('aes-256-gcm:vault-key, key kept by a passphrase')
    expectAbsent(json.stdout, [token])
  })
})
