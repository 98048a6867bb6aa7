import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../main/core/log'
import { createWebLoginWindow, startWebHost } from '../../../main/web'
import type { Harness } from './support'
import { createFakeCore, makeRendererDir, rawGet, startHarness } from './support'
import { launchKeyOf, openWebSession } from '../../support/web-session'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.stop())

const keyOf = (url: string): string => launchKeyOf(url)

const exchange = (key: string, headers: Record<string, string> = {}) =>
  fetch(`${h.host.origin}/api/session`, { method: 'POST', headers: { origin: h.host.origin, 'x-token-desk': '1', 'x-token-desk-launch': key, ...headers } })

describe('the launch URL', () => {
  it('holds 32 random bytes in base64url in its fragment, which no request line carries, on 127.0.0.1', () => {
    expect(h.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#key=[A-Za-z0-9_-]{43}$/)
    expect(h.host.origin).toBe(`http://127.0.0.1:${h.port}`)
  })

  it('works once: the key is traded for a session (not the key, no cookie), and a second try is refused', async () => {
    const fresh = h.freshUrls.at(-1)!
    const first = await exchange(keyOf(fresh))
    expect(first.status).toBe(200)
    expect(first.headers.get('set-cookie')).toBeNull()
    const { session } = (await first.json()) as { session: string }
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(session).not.toBe(keyOf(fresh))
    const again = await exchange(keyOf(fresh))
    expect(again.status).toBe(401)
    expect(await h.text(again)).toContain('token-desk serve')
    // The first launch URL was spent when the harness opened its session.
    expect((await exchange(keyOf(h.host.url))).status).toBe(401)
  })

  it('makes a fresh launch URL each time one is used, for the next tab or a reload', async () => {
    const before = h.freshUrls.length
    expect(before).toBeGreaterThanOrEqual(1)
    await (await exchange(keyOf(h.freshUrls.at(-1)!))).text()
    expect(h.freshUrls).toHaveLength(before + 1)
    expect(new Set(h.freshUrls).size).toBe(h.freshUrls.length)
    expect(h.freshUrls.every((u) => u.startsWith(`${h.host.origin}/#key=`))).toBe(true)
  })

  it.each([
    ['no key', {}],
    ['a wrong key', { 'x-token-desk-launch': 'A'.repeat(43) }],
    ['an empty key', { 'x-token-desk-launch': '' }],
  ])('refuses %s with 401 and says where the right address is', async (_label, headers) => {
    const response = await fetch(`${h.host.origin}/api/session`, { method: 'POST', headers: { origin: h.host.origin, 'x-token-desk': '1', ...headers } })
    expect(response.status).toBe(401)
    expect(await h.text(response)).toContain('token-desk serve')
  })

  it('refuses the exchange from another origin, or without the bridge marker', async () => {
    const key = keyOf(h.freshUrls.at(-1)!)
    expect((await exchange(key, { origin: 'http://127.0.0.1:1' })).status).toBe(403)
    expect((await exchange(key, { 'x-token-desk': '' })).status).toBe(403)
    expect((await exchange(key, { 'sec-fetch-site': 'same-site' })).status).toBe(403)
    // None of them spent the key.
    expect((await exchange(key)).status).toBe(200)
  })

  it('serves the page and its files to anyone, with no cookie: they hold no secret', async () => {
    for (const path of ['/', '/assets/x.js', '/login/done', '/login/close.js']) {
      const response = await fetch(`${h.host.origin}${path}`, { redirect: 'manual' })
      expect(response.status, path).toBe(200)
      expect(response.headers.get('set-cookie'), path).toBeNull()
      await h.text(response)
    }
  })

  it('answers the popup’s last steps without the page’s session: the callback is matched by its state instead', async () => {
    // No login waits, so the callback is refused whoever asks; the closing page and its script are fixed files.
    const callback = await fetch(`${h.host.origin}/login/callback?code=x&state=y`, { redirect: 'manual' })
    expect(callback.status).toBe(404)
    expect(await h.text(callback)).toContain('No Facebook login is waiting')
    for (const path of ['/login/done', '/login/close.js']) {
      const response = await fetch(`${h.host.origin}${path}`, { redirect: 'manual' })
      expect(response.status, path).toBe(200)
      await h.text(response)
    }
  })

  it('needs the session header for every API path, and takes it from no cookie', async () => {
    for (const path of ['/api/events', '/api/call/getState', '/api/popup-ticket']) {
      const method = path === '/api/events' ? 'GET' : 'POST'
      for (const headers of <Record<string, string>[]>[{}, { cookie: `token_desk_session_${h.port}=${h.session}` }, { 'x-token-desk-session': 'A'.repeat(43) }, { 'x-token-desk-session': keyOf(h.host.url) }]) {
        const response = await fetch(`${h.host.origin}${path}`, { method, headers: { origin: h.host.origin, 'x-token-desk': '1', ...headers }, body: method === 'POST' ? '{}' : null })
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401)
        await h.text(response)
      }
    }
    expect(h.core.calls).toEqual([])
  })

  it('gives each launch its own key and sessions', async () => {
    const dir = await makeRendererDir()
    const other = await startWebHost({ core: createFakeCore(), rendererDir: join(dir, 'renderer'), log: silentLogger, loginPopups: createWebLoginWindow() })
    try {
      expect(keyOf(other.url)).not.toBe(keyOf(h.host.url))
      const response = await fetch(`${other.origin}/api/call/getState`, { method: 'POST', headers: { origin: other.origin, 'x-token-desk': '1', 'x-token-desk-session': h.session }, body: '{}' })
      expect(response.status).toBe(401)
      await response.text()
    } finally {
      await other.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('the Host header', () => {
  it('accepts 127.0.0.1 and localhost on its own port', async () => {
    expect((await rawGet(h.port, '/', { host: `127.0.0.1:${h.port}` })).status).toBe(200)
    expect((await rawGet(h.port, '/', { host: `localhost:${h.port}` })).status).toBe(200)
  })

  it.each([
    ['another name (DNS rebinding)', (port: number) => `evil.example:${port}`],
    ['another port', (port: number) => `127.0.0.1:${port + 1}`],
    ['no port', () => '127.0.0.1'],
    ['a lookalike', (port: number) => `127.0.0.1.evil.example:${port}`],
  ])('refuses %s with 421, session or not', async (_label, hostFor) => {
    const response = await rawGet(h.port, '/', { host: hostFor(h.port), 'x-token-desk-session': h.session })
    expect(response.status).toBe(421)
    expect(response.body).not.toContain('Token Desk</title>')
  })

  it('refuses a request with no Host at all (Node itself answers 400 before the host sees it)', async () => {
    const response = await rawGet(h.port, '/', {}, false)
    expect(response.status).toBe(400)
    expect(response.body).not.toContain('Token Desk</title>')
  })

  it('does not accept the session through a foreign Host', async () => {
    const response = await rawGet(h.port, '/api/events', { host: `evil.example:${h.port}`, 'x-token-desk-session': h.session })
    expect(response.status).toBe(421)
  })
})

describe('methods and origins', () => {
  it('refuses methods it does not use', async () => {
    const response = await h.get('/', { method: 'PUT', headers: { origin: h.host.origin } })
    expect(response.status).toBe(405)
    await h.text(response)
  })

  it('refuses a POST outside the API', async () => {
    const response = await h.get('/', { method: 'POST', headers: { origin: h.host.origin } })
    expect(response.status).toBe(405)
    await h.text(response)
  })
})

describe('starting', () => {
  it('says to build first when the renderer is missing', async () => {
    const dir = await makeRendererDir()
    await expect(
      startWebHost({ core: createFakeCore(), rendererDir: join(dir, 'nothing-here'), log: silentLogger, loginPopups: createWebLoginWindow() }),
    ).rejects.toThrow(/npm run build/)
    await rm(dir, { recursive: true, force: true })
  })

  it('says when the port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const address = blocker.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const dir = await makeRendererDir()
    try {
      await expect(
        startWebHost({ core: createFakeCore(), rendererDir: join(dir, 'renderer'), port, log: silentLogger, loginPopups: createWebLoginWindow() }),
      ).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`)
    } finally {
      blocker.close()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('closes cleanly, and twice', async () => {
    const dir = await makeRendererDir()
    const host = await startWebHost({ core: createFakeCore(), rendererDir: join(dir, 'renderer'), log: silentLogger, loginPopups: createWebLoginWindow() })
    await host.close()
    await host.close()
    await expect(fetch(`${host.origin}/`)).rejects.toThrow()
    await rm(dir, { recursive: true, force: true })
  })
})

describe('a core built once the port is known', () => {
  it('gets the origin and the redirect URI, and is what the host serves', async () => {
    const dir = await makeRendererDir()
    const core = createFakeCore()
    const seen: { origin: string; redirectUri: string }[] = []
    const popups = createWebLoginWindow()
    const host = await startWebHost({
      core: (where) => {
        seen.push(where)
        // The popups already know the address, so a core may ask them at construction.
        expect(popups.redirectUri()).toBe(where.redirectUri)
        return core
      },
      rendererDir: join(dir, 'renderer'),
      log: silentLogger,
      loginPopups: popups,
    })
    try {
      expect(seen).toEqual([{ origin: host.origin, redirectUri: `http://localhost:${new URL(host.origin).port}/login/callback` }])
      expect(host.core).toBe(core)
      const web = await openWebSession(host.url)
      const response = await fetch(`${host.origin}/api/call/getState`, { method: 'POST', headers: web.headers(), body: '{}' })
      expect(response.status).toBe(200)
      expect(core.calls).toEqual([{ method: 'getState', input: {} }])
    } finally {
      await host.close()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('closes the port again when the factory fails', async () => {
    const dir = await makeRendererDir()
    const popups = createWebLoginWindow()
    let origin = ''
    await expect(
      startWebHost({
        core: (where) => {
          origin = where.origin
          throw new Error('no core today')
        },
        rendererDir: join(dir, 'renderer'),
        log: silentLogger,
        loginPopups: popups,
      }),
    ).rejects.toThrow('no core today')
    await expect(fetch(`${origin}/`)).rejects.toThrow()
    expect(() => popups.redirectUri()).toThrow(/not listening/)
    await rm(dir, { recursive: true, force: true })
  })
})
