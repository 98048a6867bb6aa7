import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import type { Env } from '../../../main/cli/config'
import { baseEnv, BUILT_CLI, ensureBuiltCli, expectAbsent, PASSPHRASE, ROOT, runBuilt, sandboxEnv, startTestSandbox, tempHome, userToken } from './support'
import { launchKeyOf, openWebSession } from '../../support/web-session'

// The built file, as scripts run it: exit codes, one JSON document, nothing secret on stderr.
let sb: Sandbox
beforeAll(async () => {
  ensureBuiltCli()
  sb = await startTestSandbox()
}, 120_000)
afterAll(() => sb.close())

const json = (stdout: string): Record<string, unknown> => JSON.parse(stdout) as Record<string, unknown>

interface Running {
  child: ChildProcessWithoutNullStreams
  lines: Promise<string[]>
  /** The first stdout line, as soon as it is printed. */
  first: Promise<string>
  stderr: () => string
  exited: Promise<number | null>
}

/** A long-running command: resolves its first `count` stdout lines as soon as they are printed. */
function startBuilt(args: string[], env: Env, count: number): Running {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: env })
  let out = ''
  let err = ''
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  let announce: (line: string) => void = () => {}
  const first = new Promise<string>((resolve) => (announce = resolve))
  const lines = new Promise<string[]>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const got = out.split('\n')
      if (got.length > 1) announce(got[0]!)
      if (got.length > count) resolve(got.slice(0, count))
    })
    void exited.then((code) => reject(new Error(`exited ${code} before printing: ${err}`)))
  })
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  child.stdin.end()
  return { child, lines, first, stderr: () => err, exited }
}

describe('the built token-desk', () => {
  it('prints help with every command, exit 0; no command is a usage error, exit 2', async () => {
    const help = await runBuilt(['--help'], { env: baseEnv() })
    expect(help.code).toBe(0)
    for (const name of ['inspect', 'extend', 'pages', 'sandbox', 'add', 'list', 'check', 'token', 'exec', 'remove', 'system-users', 'mint', 'revoke', 'rotate', 'serve']) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'))
    expect(help.stdout).toContain('TOKEN_DESK_RETRY_MAX_MS')
    const inspectHelp = await runBuilt(['inspect', '--help'], { env: baseEnv() })
    expect(inspectHelp.stdout).toContain('Usage: token-desk inspect')
    expect((await runBuilt([], { env: baseEnv() })).code).toBe(2)
  })

  it('inspect: exit 0 with exactly one JSON document; exit 1 for garbage', async () => {
    const token = userToken(sb)
    const ok = await runBuilt(['inspect', '--json'], { env: sandboxEnv(sb), stdin: `${token}\n` })
    expect(ok.code).toBe(0)
    expect(json(ok.stdout)).toMatchObject({ valid: true, type: 'USER', problem: null })
    expectAbsent(ok.stderr, [token, sb.practiceApp.secret])
    const bad = await runBuilt(['inspect', '--json'], { env: sandboxEnv(sb), stdin: 'garbage-garbage-garbage\n' })
    expect(bad.code).toBe(1)
    expect(json(bad.stdout)).toMatchObject({ valid: false, problem: { reason: 'invalid' } })
  })

  it('exit 2 with an error document for missing configuration, empty input and a wrong secret', async () => {
    const token = userToken(sb)
    const missing = await runBuilt(['inspect', '--json'], { env: baseEnv(), stdin: token })
    expect(missing.code).toBe(2)
    expect(json(missing.stdout)).toEqual({ error: { code: 'missing-configuration', message: expect.stringContaining('TOKEN_DESK_APP_ID and TOKEN_DESK_APP_SECRET are not set') as string } })
    const empty = await runBuilt(['inspect', '--json'], { env: sandboxEnv(sb), stdin: '' })
    expect(empty.code).toBe(2)
    expect(json(empty.stdout)).toMatchObject({ error: { code: 'usage' } })
    const wrong = 'a1'.repeat(16)
    const refused = await runBuilt(['inspect', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_APP_SECRET: wrong }), stdin: token })
    expect(refused.code).toBe(2)
    expect(json(refused.stdout)).toMatchObject({ error: { code: 'wrong-secret' } })
    expectAbsent(refused.stdout + refused.stderr, [token, wrong])
  })

  it('exit 3 within the budget when Graph cannot be reached, never echoing the token or secret', async () => {
    const token = userToken(sb)
    const started = Date.now()
    const down = await runBuilt(['inspect', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_GRAPH_URL: 'http://127.0.0.1:9', TOKEN_DESK_RETRY_MAX_MS: '2500', TOKEN_DESK_LOG: 'debug' }), stdin: token })
    expect(down.code).toBe(3)
    expect(json(down.stdout)).toMatchObject({ error: { code: 'network' } })
    // The first backoff is drawn below one second, so it always fits the budget: at least one retry.
    expect(down.stderr).toContain('retrying')
    expectAbsent(down.stdout + down.stderr, [token, sb.practiceApp.secret])
    expect(Date.now() - started).toBeLessThan(8000)
  })

  it('stores, lists, prints and removes a token across separate runs', async () => {
    const home = await tempHome()
    const env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
    const token = userToken(sb)
    const added = await runBuilt(['add', '--name', 'Ads', '--json'], { env, stdin: token })
    expect(added.code).toBe(0)
    expect(json(added.stdout)).toMatchObject({ name: 'Ads', kind: 'USER', last4: token.slice(-4), status: 'valid' })
    const listed = await runBuilt(['list'], { env })
    expect(listed.stdout).toMatch(new RegExp(`^Ads +USER +…${token.slice(-4)} +valid`, 'm'))
    const printed = await runBuilt(['token', 'Ads'], { env })
    expect(printed).toMatchObject({ code: 0, stdout: `${token}\n` })
    const checked = await runBuilt(['check'], { env })
    expect(checked.code).toBe(0)
    const removed = await runBuilt(['remove', 'Ads'], { env })
    expect(removed.code).toBe(0)
    expect((await runBuilt(['token', 'Ads'], { env })).code).toBe(2)
    for (const r of [added, listed, printed, checked, removed]) expectAbsent(r.stderr, [token, PASSPHRASE, sb.practiceApp.secret])
    for (const r of [added, listed, checked, removed]) expectAbsent(r.stdout, [token, PASSPHRASE])
  })

  it('add without a passphrase or keyring exits 2 and says to set TOKEN_DESK_PASSPHRASE', async () => {
    const result = await runBuilt(['add'], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: await tempHome() }), stdin: userToken(sb) })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Set TOKEN_DESK_PASSPHRASE')
  })

  it('sandbox: prints its base URL first, then settings that work, and stops cleanly on SIGTERM', async () => {
    const run = startBuilt(['sandbox'], baseEnv(), 6)
    try {
      const [url, graphUrl, wwwUrl, appId, appSecret, controlKey] = await run.lines
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(graphUrl).toBe(`TOKEN_DESK_GRAPH_URL=${url}`)
      expect(wwwUrl).toMatch(/^TOKEN_DESK_WWW_URL=http:\/\/127\.0\.0\.1:\d+$/)
      const setting = (line: string | undefined) => line!.slice(line!.indexOf('=') + 1)
      const issued = await fetch(`${url}/__sandbox/issueToken`, {
        method: 'POST',
        headers: { 'x-sandbox-key': setting(controlKey), 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'USER', lifetime: 'long' }),
      })
      const { result } = (await issued.json()) as { result: { token: string } }
      const env = baseEnv({ TOKEN_DESK_GRAPH_URL: url, TOKEN_DESK_APP_ID: setting(appId), TOKEN_DESK_APP_SECRET: setting(appSecret) })
      const inspected = await runBuilt(['inspect', '--json'], { env, stdin: result.token })
      expect(inspected.code).toBe(0)
      expect(json(inspected.stdout)).toMatchObject({ valid: true, appId: setting(appId) })
    } finally {
      run.child.kill('SIGTERM')
    }
    expect(await run.exited).toBe(0)
    expect(run.stderr()).toContain('has stopped')
  })

  const rendererBuilt = existsSync(join(ROOT, 'out/renderer/index.html'))
  if (!rendererBuilt) console.warn('Skipping the built serve test: out/renderer is not built (npm run build).')
  it.skipIf(!rendererBuilt)('serve: prints the launch URL first (its key in the fragment), trades it once for a session, prints a fresh one, and ends on SIGTERM with exit 0', async () => {
    const home = await tempHome()
    // TOKEN_DESK_LOG=info: the log's stop line is asserted below (by default serve logs warnings only).
    const run = startBuilt(['serve', '--sandbox'], baseEnv({ TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE, TOKEN_DESK_LOG: 'info' }), 2)
    let key = ''
    let session = ''
    try {
      const linesSoon = run.lines
      const url = await run.first
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]{43}$/)
      key = launchKeyOf(url)
      const page = await fetch(url, { redirect: 'manual' })
      expect(page.status).toBe(200)
      expect(page.headers.get('set-cookie')).toBeNull()
      expect(await page.text()).toContain('<html')
      const web = await openWebSession(url)
      session = web.session
      await expect(openWebSession(url)).rejects.toThrow(/401/)
      const [, fresh] = await linesSoon
      expect(fresh).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]{43}$/)
      expect(fresh).not.toBe(url)
    } finally {
      run.child.kill('SIGTERM')
    }
    expect(await run.exited).toBe(0)
    // The launch key is printed once, on stdout; the log never has it.
    expectAbsent(run.stderr(), [key, session, PASSPHRASE])
    expect(run.stderr()).toContain('the web host has stopped')
  })
})
