/**
 * The CLI and the web host honour HTTPS_PROXY, HTTP_PROXY and NO_PROXY: a loopback forward proxy
 * records what it was asked for, so each test sees whether the request went through it.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import type { Sandbox } from '../../../main/core/sandbox'
import { startForwardProxy, type ForwardProxy } from '../../support/forward-proxy'
import { baseEnv, expectAbsent, PASSPHRASE, runMain, sandboxEnv, startTestSandbox, tempHome, userToken } from './support'
import { openWebSession } from '../../support/web-session'

let sb: Sandbox
let proxy: ForwardProxy

beforeAll(async () => {
  sb = await startTestSandbox()
  proxy = await startForwardProxy()
})
afterAll(async () => {
  await proxy.close()
  await sb.close()
})
afterEach(() => {
  proxy.seen.length = 0
  proxy.refuseTunnels = false
})

const sandboxHost = (): string => new URL(sb.graphUrl).host

describe('token-desk through a proxy', () => {
  it('sends Graph calls through HTTP_PROXY: the proxy sees each one', async () => {
    const token = userToken(sb)
    const result = await runMain(['inspect', '--json'], { env: sandboxEnv(sb, { HTTP_PROXY: proxy.url }), stdin: token })
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as { valid: boolean }).valid).toBe(true)
    expect(proxy.seen.length).toBeGreaterThan(0)
    // A tunnel or an absolute-form request: either way the proxy carried the call to the sandbox.
    expect(proxy.seen.every((s) => s.target === sandboxHost())).toBe(true)
    expect(proxy.seen.some((s) => s.line.includes('debug_token') || s.method === 'CONNECT')).toBe(true)
  })

  it('goes direct for a host NO_PROXY names (by host, host and port, or *), and only then', async () => {
    const port = new URL(sb.graphUrl).port
    for (const [noProxy, direct] of [
      [`127.0.0.1:${port}`, true],
      ['example.com, 127.0.0.1', true],
      ['*', true],
      ['127.0.0.1:1', false],
      ['example.com', false],
    ] as const) {
      proxy.seen.length = 0
      const result = await runMain(['inspect', '--json'], { env: sandboxEnv(sb, { HTTP_PROXY: proxy.url, NO_PROXY: noProxy }), stdin: userToken(sb) })
      expect(result.code, noProxy).toBe(0)
      expect(proxy.seen.length === 0, noProxy).toBe(direct)
    }
  })

  it('tunnels https through HTTPS_PROXY with CONNECT and names the proxy, never its password, when it fails', async () => {
    proxy.refuseTunnels = true
    const withPassword = proxy.url.replace('http://', 'http://alice:s3cret-proxy-pw@')
    const env = sandboxEnv(sb, { TOKEN_DESK_GRAPH_URL: 'https://graph.proxy-test.invalid', HTTPS_PROXY: withPassword, TOKEN_DESK_RETRY_MAX_MS: '400' })
    const result = await runMain(['inspect'], { env, stdin: userToken(sb) })
    expect(result.code).toBe(3)
    expect(proxy.seen.map((s) => s.line)).toContain('CONNECT graph.proxy-test.invalid:443')
    expect(result.stderr).toContain(`through the proxy ${proxy.url} (from HTTPS_PROXY)`)
    expect(result.stderr).toContain('Check that the proxy is running')
    expectAbsent(result.stderr + result.stdout, ['s3cret-proxy-pw', 'alice:'])
  })

  it('without proxy variables the proxy sees nothing and messages name no proxy', async () => {
    const result = await runMain(['inspect'], { env: sandboxEnv(sb, { TOKEN_DESK_GRAPH_URL: 'http://127.0.0.1:9', TOKEN_DESK_RETRY_MAX_MS: '300' }), stdin: userToken(sb) })
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('Could not reach Facebook.')
    expect(result.stderr).not.toContain('proxy')
    expect(proxy.seen).toEqual([])
  })
})

async function rendererDir(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'token-desk-renderer-')), 'renderer')
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><title>Token Desk</title></html>\n')
  return dir
}

/** `token-desk serve --sandbox` in this process, with the given environment; returns a bridge caller. */
async function serve(env: Env) {
  const controller = new AbortController()
  let announce: (line: string) => void = () => {}
  const first = new Promise<string>((resolve) => (announce = resolve))
  const done = runMain(['serve', '--sandbox'], {
    env,
    rendererDir: await rendererDir(),
    signal: controller.signal,
    onStdout: (text) => {
      if (text.includes('\n')) announce(text.split('\n')[0]!)
    },
  })
  const url = await Promise.race([first, done.then((r) => Promise.reject(new Error(`serve ended first: ${r.stderr}`)))])
  const web = await openWebSession(url)
  const origin = web.origin
  const call = async (method: string, body: object = {}) =>
    (await (
      await fetch(`${origin}/api/call/${method}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: web.headers({ 'content-type': 'application/json' }),
      })
    ).json()) as { ok: boolean; value?: { practiceExplorerUrl: string | null; tokens: unknown[]; wizard: { step: string } }; error?: { message: string } }
  return { call, stop: () => (controller.abort(), done) }
}

/** A short-lived token from the practice Explorer page, as a user would copy it. */
async function explorerToken(explorerUrl: string): Promise<string> {
  const page = await (await fetch(explorerUrl, { method: 'POST', body: new URLSearchParams({ kind: 'user', scope: 'pages_show_list' }) })).text()
  const token = /value="(EAA[^"]+)"/.exec(page)?.[1]
  if (!token) throw new Error('the practice Explorer gave no token')
  return token
}

describe('token-desk serve through a proxy', () => {
  for (const [name, extra, throughProxy] of [
    ['HTTP_PROXY', (p: ForwardProxy) => ({ HTTP_PROXY: p.url }), true],
    ['HTTP_PROXY with NO_PROXY for the host', (p: ForwardProxy) => ({ HTTP_PROXY: p.url, NO_PROXY: 'localhost,127.0.0.1' }), false],
  ] as const) {
    it(`the web host's Graph calls honour ${name}`, async () => {
      const env = baseEnv({ TOKEN_DESK_HOME: await tempHome(), TOKEN_DESK_PASSPHRASE: PASSPHRASE, ...extra(proxy) })
      const host = await serve(env)
      try {
        const started = await host.call('startPractice')
        expect(started.ok).toBe(true)
        const pasted = await host.call('pasteToken', { token: await explorerToken(started.value!.practiceExplorerUrl!) })
        expect(pasted.ok, pasted.error?.message).toBe(true)
        expect(['inspect', 'pages']).toContain(pasted.value!.wizard.step)
        if (throughProxy) {
          expect(proxy.seen.length).toBeGreaterThan(0)
          expect(proxy.seen.every((s) => /^127\.0\.0\.1:\d+$/.test(s.target))).toBe(true)
        } else {
          expect(proxy.seen).toEqual([])
        }
      } finally {
        await host.stop()
      }
    })
  }

  it('a refused HTTPS tunnel fails the Meta app check with a message that names the proxy', async () => {
    proxy.refuseTunnels = true
    const env = baseEnv({ TOKEN_DESK_HOME: await tempHome(), TOKEN_DESK_PASSPHRASE: PASSPHRASE, HTTPS_PROXY: proxy.url, TOKEN_DESK_RETRY_MAX_MS: '500' })
    const host = await serve(env)
    try {
      const reply = await host.call('configureApp', { appId: '1234567890', appSecret: '0123456789abcdef0123456789abcdef' })
      expect(reply.ok).toBe(false)
      expect(reply.error!.message).toContain(`through the proxy ${proxy.url} (from HTTPS_PROXY)`)
      expect(proxy.seen.map((s) => s.line)).toContain('CONNECT graph.facebook.com:443')
    } finally {
      await host.stop()
    }
  })
})
