import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../main/core/log'
import { createWebLoginWindow, startWebHost } from '../../../main/web'
import type { Harness } from './support'
import { createFakeCore, makeRendererDir, rawGet, startHarness } from './support'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.stop())

const keyOf = (url: string): string => new URL(url).searchParams.get('key') ?? ''

describe('the launch URL', () => {
  it('holds 32 random bytes in base64url, on 127.0.0.1', () => {
    expect(h.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=[A-Za-z0-9_-]{43}$/)
    expect(h.host.origin).toBe(`http://127.0.0.1:${h.port}`)
  })

  it('sets an HttpOnly, SameSite=Strict session cookie that is not the key, and sends the browser to /', async () => {
    const response = await fetch(h.host.url, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/')
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(new RegExp(`^token_desk_session_${h.port}=[A-Za-z0-9_-]{43}; `))
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(cookie).toContain('Path=/')
    expect(cookie).not.toContain(keyOf(h.host.url))
  })

  it('lets the cookie in afterwards', async () => {
    const response = await h.get('/')
    expect(response.status).toBe(200)
    expect(await h.text(response)).toContain('<title>Token Desk</title>')
  })

  it.each([
    ['no key and no cookie', '/', {}],
    ['a wrong key', '/?key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {}],
    ['an empty key', '/?key=', {}],
  ])('refuses %s with 401 and says where the right address is', async (_label, path, headers) => {
    const response = await fetch(`${h.host.origin}${path}`, { redirect: 'manual', headers })
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(await h.text(response)).toContain('token-desk serve')
  })

  it('refuses a wrong session value under the right name', async () => {
    const response = await fetch(`${h.host.origin}/`, { headers: { cookie: `token_desk_session_${h.port}=${'A'.repeat(43)}` } })
    expect(response.status).toBe(401)
    await h.text(response)
  })

  it('refuses the right session value under another host\'s name', async () => {
    const value = h.cookie.split('=')[1] ?? ''
    const response = await fetch(`${h.host.origin}/`, { headers: { cookie: `token_desk_session_${h.port + 1}=${value}` } })
    expect(response.status).toBe(401)
    await h.text(response)
  })

  it('refuses the key itself sent as the cookie', async () => {
    const response = await fetch(`${h.host.origin}/`, { headers: { cookie: `token_desk_session_${h.port}=${keyOf(h.host.url)}` } })
    expect(response.status).toBe(401)
    await h.text(response)
  })

  it('needs the cookie for every file, not only the page', async () => {
    for (const path of ['/assets/x.js', '/api/events', '/login/start']) {
      const response = await fetch(`${h.host.origin}${path}`, { redirect: 'manual' })
      expect(response.status, path).toBe(401)
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

  it('gives each launch its own key', async () => {
    const dir = await makeRendererDir()
    const other = await startWebHost({ core: createFakeCore(), rendererDir: join(dir, 'renderer'), log: silentLogger, loginPopups: createWebLoginWindow() })
    try {
      expect(keyOf(other.url)).not.toBe(keyOf(h.host.url))
      const response = await fetch(`${other.origin}/`, { headers: { cookie: h.cookie } })
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
    expect((await rawGet(h.port, '/', { host: `127.0.0.1:${h.port}`, cookie: h.cookie })).status).toBe(200)
    expect((await rawGet(h.port, '/', { host: `localhost:${h.port}`, cookie: h.cookie })).status).toBe(200)
  })

  it.each([
    ['another name (DNS rebinding)', (port: number) => `evil.example:${port}`],
    ['another port', (port: number) => `127.0.0.1:${port + 1}`],
    ['no port', () => '127.0.0.1'],
    ['a lookalike', (port: number) => `127.0.0.1.evil.example:${port}`],
  ])('refuses %s with 421, cookie or not', async (_label, hostFor) => {
    const response = await rawGet(h.port, '/', { host: hostFor(h.port), cookie: h.cookie })
    expect(response.status).toBe(421)
    expect(response.body).not.toContain('Token Desk</title>')
  })

  it('refuses a request with no Host at all (Node itself answers 400 before the host sees it)', async () => {
    const response = await rawGet(h.port, '/', { cookie: h.cookie }, false)
    expect(response.status).toBe(400)
    expect(response.body).not.toContain('Token Desk</title>')
  })

  it('does not accept the launch key through a foreign Host', async () => {
    const response = await rawGet(h.port, `/?key=${keyOf(h.host.url)}`, { host: `evil.example:${h.port}` })
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
      const launch = await fetch(host.url, { redirect: 'manual' })
      const cookie = (launch.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const response = await fetch(`${host.origin}/api/call/getState`, {
        method: 'POST',
        headers: { cookie, origin: host.origin, 'x-token-desk': '1' },
        body: '{}',
      })
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
