import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import { baseEnv, expectAbsent, PASSPHRASE, runMain, tempHome, type Result } from './support'
import { launchKeyOf, openWebSession } from '../../support/web-session'

async function rendererDir(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'token-desk-renderer-')), 'renderer')
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><title>Token Desk</title></html>\n')
  return dir
}

interface Served {
  url: string
  session: string
  /** Every launch URL serve printed, the first one included. */
  lines: string[]
  call(method: string, body?: unknown): Promise<Response>
  stop(): Promise<Result>
}

/** `serve` in this process: resolves once the launch URL is printed and a session is held, as the page's bridge holds it. */
async function serveInProcess(args: string[], env: Env, dir: string): Promise<Served> {
  const controller = new AbortController()
  let announce: (line: string) => void = () => {}
  const first = new Promise<string>((resolve) => (announce = resolve))
  const done = runMain(['serve', ...args], {
    env,
    rendererDir: dir,
    signal: controller.signal,
    onStdout: (text) => {
      lines.splice(0, lines.length, ...text.split('\n').filter((l) => l !== ''))
      if (text.includes('\n')) announce(text.split('\n')[0]!)
    },
  })
  const lines: string[] = []
  const url = await Promise.race([first, done.then((r) => Promise.reject(new Error(`serve ended first: ${r.code} ${r.stderr}`)))])
  const web = await openWebSession(url)
  return {
    url,
    session: web.session,
    lines,
    call: (method, body = {}) =>
      fetch(`${web.origin}/api/call/${method}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: web.headers({ 'content-type': 'application/json' }),
      }),
    stop: () => {
      controller.abort()
      return done
    },
  }
}

describe('token-desk serve', () => {
  it('exits 2 and says to build when the web interface is missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'token-desk-empty-'))
    const result = await runMain(['serve', '--json'], { env: baseEnv({ TOKEN_DESK_HOME: await tempHome() }), rendererDir: empty })
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'not-built', message: expect.stringContaining('npm run build') as string } })
  })

  it('serves the app core over the web host, offers practice only with --sandbox, and stops with exit 0', async () => {
    const home = await tempHome()
    const env = baseEnv({ TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
    const dir = await rendererDir()

    const practice = await serveInProcess(['--sandbox'], env, dir)
    expect(practice.session).toMatch(/^[\w-]{43}$/)
    // The first launch URL is spent: serve printed a fresh one for the next tab.
    await expect.poll(() => practice.lines.length).toBe(2)
    expect(practice.lines[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]{43}$/)
    expect(practice.lines[1]).not.toBe(practice.url)
    const started = (await (await practice.call('startPractice')).json()) as { ok: boolean; value: { mode: string } }
    expect(started).toMatchObject({ ok: true, value: { mode: 'practice' } })
    const stopped = await practice.stop()
    expect(stopped.code).toBe(0)
    expectAbsent(stopped.stderr, [launchKeyOf(practice.url), launchKeyOf(practice.lines[1]!), practice.session, PASSPHRASE])

    // Practice mode was saved in the settings; without --sandbox the app starts without it and says so.
    const plain = await serveInProcess([], env, dir)
    try {
      const state = (await (await plain.call('getState')).json()) as { ok: boolean; value: { mode: string; notices: { message: string }[] } }
      expect(state.value.mode).toBe('none')
      expect(state.value.notices.map((n) => n.message).join(' ')).toContain('Practice mode is not offered here')
    } finally {
      expect((await plain.stop()).code).toBe(0)
    }
  })

  it('answers start at login with words for the web host', async () => {
    const home = await tempHome()
    const served = await serveInProcess([], baseEnv({ TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE }), await rendererDir())
    try {
      const login = (await (await served.call('updateSettings', { startAtLogin: true })).json()) as { ok: boolean; error?: { message: string } }
      expect(login).toMatchObject({ ok: false, error: { message: expect.stringContaining('desktop app only') as string } })
    } finally {
      expect((await served.stop()).code).toBe(0)
    }
  })
})

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net')
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

describe('token-desk serve and the login address', () => {
  it('remembers --port, logs in at http://localhost:PORT/login/callback, and says to register that exact address', async () => {
    const home = await tempHome()
    const env = baseEnv({ TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
    const dir = await rendererDir()
    const port = await freePort()
    const callback = `http://localhost:${port}/login/callback`

    const first = await serveInProcess(['--port', String(port)], env, dir)
    expect(new URL(first.url).port).toBe(String(port))
    const state = (await (await first.call('getState')).json()) as { value: { loginHost: unknown } }
    expect(state.value.loginHost).toEqual({ redirectUri: callback, browser: true, fixed: true })
    const once = await first.stop()
    expect(once.stderr).toContain(`Logins with your own Meta app return to ${callback}: register this exact address`)

    // No --port: the remembered one, so the registered address still holds.
    const again = await serveInProcess([], env, dir)
    expect(new URL(again.url).port).toBe(String(port))
    expect(((await (await again.call('getState')).json()) as { value: { loginHost: { fixed: boolean } } }).value.loginHost.fixed).toBe(true)
    expect((await again.stop()).code).toBe(0)

    // A fresh home without --port: any free port, and the words say it changes.
    const other = await serveInProcess([], baseEnv({ TOKEN_DESK_HOME: await tempHome(), TOKEN_DESK_PASSPHRASE: PASSPHRASE }), dir)
    const loose = ((await (await other.call('getState')).json()) as { value: { loginHost: { redirectUri: string; fixed: boolean } } }).value.loginHost
    expect(loose.fixed).toBe(false)
    expect(loose.redirectUri).toBe(`http://localhost:${new URL(other.url).port}/login/callback`)
    expect((await other.stop()).stderr).toContain('this port changes each launch: start with --port N once')
  })
})
