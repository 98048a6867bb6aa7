import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RENDERER_CSP } from '../../../main/web'
import { securityHeaders } from '../../../main/web/csp'
import { resolveStaticFile } from '../../../main/web/static-files'
import type { Harness } from './support'
import { rawGet, startHarness } from './support'

let h: Harness
let root: string
beforeAll(async () => {
  h = await startHarness()
  root = await realpath(join(h.rendererDir, 'renderer'))
  await symlink(join(h.rendererDir, 'outside.txt'), join(root, 'leak.txt'))
  await symlink(h.rendererDir, join(root, 'up'))
  await writeFile(join(root, '.env'), 'SECRET=1\n')
  await mkdir(join(root, 'assets', 'fonts'))
  await writeFile(join(root, 'assets', 'fonts', 'a.woff2'), 'font')
})
afterAll(() => h.stop())

describe('the renderer files', () => {
  it('serves index.html with the strict CSP and no caching', async () => {
    const response = await h.get('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('cache-control')).toBe('no-store')
    for (const [name, value] of Object.entries(securityHeaders())) expect(response.headers.get(name), name).toBe(value)
    await h.text(response)
  })

  it('has a CSP with no inline script, no eval and no wildcard', () => {
    for (const part of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(RENDERER_CSP.split('; ')).toContain(part)
    }
    expect(RENDERER_CSP).not.toMatch(/unsafe-|\*/)
  })

  it('serves a script with its type and the same headers', async () => {
    const response = await h.get('/assets/x.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await h.text(response)).toBe('console.log("renderer")\n')
  })

  it('answers the renderer routes (no extension) with index.html', async () => {
    for (const path of ['/dashboard', '/wizard/inspect', '/assets']) {
      const response = await h.get(path)
      expect(response.status, path).toBe(200)
      expect(await h.text(response), path).toContain('<title>Token Desk</title>')
    }
  })

  it('answers missing files with an extension with 404', async () => {
    for (const path of ['/assets/missing.js', '/favicon.ico', '/assets/x.js.map']) {
      const response = await h.get(path)
      expect(response.status, path).toBe(404)
      await h.text(response)
    }
  })

  it.each([
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/%2E%2E/outside.txt',
    '/assets/..%2F..%2Foutside.txt',
    '/assets/%2e%2e/%2e%2e/outside.txt',
    '/..%5Coutside.txt',
    '/%2Fetc%2Fpasswd',
    '//etc/passwd',
    '/assets/x.js%00.html',
    '/%zz',
    '/leak.txt',
    '/up/outside.txt',
    '/.env',
    '/./index.html',
  ])('refuses %s with 404', async (path) => {
    const response = await rawGet(h.port, path, { host: `127.0.0.1:${h.port}` })
    expect(response.status).toBe(404)
    expect(response.body).not.toContain('outside the root')
    expect(response.body).not.toContain('SECRET')
    expect(response.body).not.toContain('root:')
  })
})

describe('resolveStaticFile', () => {
  it('finds files inside the root and nothing else', async () => {
    expect(await resolveStaticFile(root, '/assets/x.js')).toBe(join(root, 'assets', 'x.js'))
    expect(await resolveStaticFile(root, '/assets/fonts/a.woff2')).toBe(join(root, 'assets', 'fonts', 'a.woff2'))
    expect(await resolveStaticFile(root, '/')).toBe(join(root, 'index.html'))
    expect(await resolveStaticFile(root, '/settings')).toBe(join(root, 'index.html'))
    expect(await resolveStaticFile(root, '/leak.txt')).toBeNull()
    expect(await resolveStaticFile(root, '/up/outside.txt')).toBeNull()
    expect(await resolveStaticFile(root, 'assets/x.js')).toBeNull()
    expect(await resolveStaticFile(root, '/C:/x.js')).toBeNull()
  })
})
