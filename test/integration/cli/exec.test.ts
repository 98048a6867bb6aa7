import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import type { Sandbox } from '../../../main/core/sandbox'
import { BUILT_CLI, ensureBuiltCli, expectAbsent, onlyJson, PASSPHRASE, runMain, sandboxEnv, snapshotTree, startTestSandbox, tempHome, userToken } from './support'

let sb: Sandbox
let home: string
let env: Env
let page: string
let user: string

beforeAll(async () => {
  ensureBuiltCli()
  sb = await startTestSandbox()
  home = await tempHome({ cheapKey: true })
  env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
  page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
  user = userToken(sb)
  expect((await runMain(['add', '--name', 'My Page'], { env, stdin: page })).code).toBe(0)
  expect((await runMain(['add', '--name', 'Me'], { env, stdin: user })).code).toBe(0)
}, 120_000)
afterAll(() => sb.close())

const node = (script: string): string[] => [process.execPath, '-e', script]

describe('token-desk exec', () => {
  it('puts the tokens in the command’s environment only, withholding token-desk’s own secrets', async () => {
    const script = `process.stdout.write(JSON.stringify({ fb: process.env.FB_TOKEN, me: process.env.ME, pass: process.env.TOKEN_DESK_PASSPHRASE ?? null, secret: process.env.TOKEN_DESK_APP_SECRET ?? null, argv: process.argv.slice(1) }))`
    const result = await runMain(['exec', '--env', 'FB_TOKEN=My Page', '--env', 'ME=me', '--', ...node(script), '--', '--json', 'x'], { env })
    expect(result.code, result.stderr).toBe(0)
    const seen = onlyJson(result.stdout) as { fb: string; me: string; pass: null; secret: null; argv: string[] }
    expect(seen).toEqual({ fb: page, me: user, pass: null, secret: null, argv: ['--json', 'x'] })
    expectAbsent(result.stderr, [page, user, PASSPHRASE])
  })

  it('passes standard input, output and error through', async () => {
    const result = await runMain(['exec', '--env', 'T=My Page', '--', ...node('process.stdin.on("data", (d) => { process.stdout.write("out:" + d); process.stderr.write("err:" + d) })')], { env, stdin: 'hello' })
    expect(result).toMatchObject({ code: 0, stdout: 'out:hello', stderr: 'err:hello' })
  })

  it('exits with the command’s exit code, or 128 + the signal that ended it', async () => {
    expect((await runMain(['exec', '--env', 'T=My Page', '--', ...node('process.exit(7)')], { env })).code).toBe(7)
    expect((await runMain(['exec', '--env', 'T=My Page', '--', ...node('process.exit(0)')], { env })).code).toBe(0)
    expect((await runMain(['exec', '--env', 'T=My Page', '--', ...node('process.kill(process.pid, "SIGKILL")')], { env })).code).toBe(128 + 9)
    const missing = await runMain(['exec', '--env', 'T=My Page', '--', 'no-such-command-token-desk-test'], { env })
    expect(missing.code).toBe(127)
    expect(missing.stderr).toContain('command not found')
  })

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`forwards ${signal} to the command and exits as it does`, async () => {
      const script = `process.on('${signal}', () => { process.stdout.write('got ${signal}\\n'); process.exit(42) }); process.stdout.write('ready\\n'); setInterval(() => {}, 1000)`
      const child = spawn(process.execPath, [BUILT_CLI, 'exec', '--env', 'T=My Page', '--', ...node(script)], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      child.stderr.on('data', (c: Buffer) => (err += c.toString()))
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the command never started: ${err}`)), 20_000)
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString()
          if (out.includes('ready')) {
            clearTimeout(timer)
            resolve()
          }
        })
      })
      child.kill(signal)
      expect(await exited).toBe(42)
      expect(out).toBe(`ready\ngot ${signal}\n`)
    }, 30_000)
  }

  it('writes nothing under the data folder', async () => {
    const before = await snapshotTree(home)
    const result = await runMain(['exec', '--env', 'T=My Page', '--', ...node('process.exit(0)')], { env })
    expect(result.code).toBe(0)
    expect(await snapshotTree(home)).toEqual(before)
  })

  it('refuses a dead token before the command starts: exit 1 and the reason', async () => {
    const h = await tempHome({ cheapKey: true })
    const e = sandboxEnv(sb, { TOKEN_DESK_HOME: h, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
    const doomed = userToken(sb)
    expect((await runMain(['add', '--name', 'Doomed'], { env: e, stdin: doomed })).code).toBe(0)
    sb.controls.invalidateToken(doomed, 460)
    const marker = join(h, '..', `ran-${Date.now()}`)
    const result = await runMain(['exec', '--env', 'T=Doomed', '--json', '--', ...node(`require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`)], { env: e })
    expect(result.code).toBe(1)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'password-changed', message: expect.stringMatching(/^Nothing was run: Doomed is not valid: The token stopped working because the Facebook password was changed/) as string } })
    expect(existsSync(marker)).toBe(false)
    expectAbsent(result.stdout + result.stderr, [doomed, PASSPHRASE])
  })

  it('refuses a token it does not have (exit 2, as token does) and one shaped like a token in --env (exit 2, not echoed)', async () => {
    const missing = await runMain(['exec', '--env', 'T=Nobody', '--', ...node('process.exit(0)')], { env })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('Nothing was run: No stored token has the id or name "Nobody"')
    const pasted = await runMain(['exec', '--env', `T=${page}`, '--', ...node('process.exit(0)')], { env })
    expect(pasted.code).toBe(2)
    expectAbsent(pasted.stdout + pasted.stderr, [page])
    expect((await runMain(['exec', '--env', 'T=My Page'], { env })).code).toBe(2)
    expect((await runMain(['exec', '--env', '1BAD=My Page', '--', 'true'], { env })).code).toBe(2)
    expect((await runMain(['exec', 'echo', '--env', 'T=My Page', '--', 'true'], { env })).code).toBe(2)
  })

  it('exits 3 when Graph cannot be reached, and runs on the last known state with --use-last-known', async () => {
    const offline = { ...env, TOKEN_DESK_GRAPH_URL: 'http://127.0.0.1:9', TOKEN_DESK_RETRY_MAX_MS: '300' }
    const refused = await runMain(['exec', '--env', 'T=My Page', '--', ...node('process.exit(5)')], { env: offline })
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain('Nothing was run: the tokens could not be checked.')
    const anyway = await runMain(['exec', '--env', 'T=My Page', '--use-last-known', '--', ...node('process.stdout.write(process.env.T); process.exit(5)')], { env: offline })
    expect(anyway.code).toBe(5)
    expect(anyway.stdout).toBe(page)
    expect(anyway.stderr).toContain('going on with the last known state')
  })

  it('--use-last-known still refuses a token last seen dead', async () => {
    const h = await tempHome({ cheapKey: true })
    const e = sandboxEnv(sb, { TOKEN_DESK_HOME: h, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
    const doomed = userToken(sb)
    await runMain(['add', '--name', 'Doomed'], { env: e, stdin: doomed })
    sb.controls.invalidateToken(doomed, 467)
    expect((await runMain(['check'], { env: e })).code).toBe(1)
    const offline = { ...e, TOKEN_DESK_GRAPH_URL: 'http://127.0.0.1:9', TOKEN_DESK_RETRY_MAX_MS: '300' }
    const result = await runMain(['exec', '--env', 'T=Doomed', '--use-last-known', '--', ...node('process.exit(0)')], { env: offline })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('Doomed is not valid: The token stopped working because the person logged out of Facebook.')
  })
})
