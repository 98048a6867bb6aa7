import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppRequestHandler, registerAppScheme, serveAppProtocol } from '../../../main/shell/app-protocol'
import { resolveBundlePath } from '../../../main/shell/bundle-path'
import { CONTENT_SECURITY_POLICY } from '../../../main/shell/csp'
import { createFakeElectron } from '../../fakes/electron'

let base: string
let root: string

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'td-bundle-'))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Token Desk</title>')
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'a b.css'), 'body{}')
  writeFileSync(join(base, 'secret.txt'), 'outside the root')
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
  symlinkSync(base, join(root, 'up'))
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'inside-link.js'))
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('resolveBundlePath (R8)', () => {
  it('maps the root and files under it', () => {
    expect(resolveBundlePath(root, 'app://token-desk/')).toMatch(/renderer\/index\.html$/)
    expect(resolveBundlePath(root, 'app://token-desk/index.html')).toMatch(/renderer\/index\.html$/)
    expect(resolveBundlePath(root, 'app://token-desk/assets/app.js?v=1#x')).toMatch(/assets\/app\.js$/)
    expect(resolveBundlePath(root, 'app://token-desk/assets/a%20b.css')).toMatch(/assets\/a b\.css$/)
    expect(resolveBundlePath(root, 'app://token-desk/inside-link.js')).toMatch(/assets\/app\.js$/)
  })

  it.each([
    ['dot-dot', 'app://token-desk/../secret.txt'],
    ['dot-dot deeper', 'app://token-desk/assets/../../secret.txt'],
    ['encoded dot-dot', 'app://token-desk/%2e%2e/secret.txt'],
    ['mixed encoded dot-dot', 'app://token-desk/.%2E/secret.txt'],
    ['encoded slash', 'app://token-desk/assets%2f..%2f..%2fsecret.txt'],
    ['encoded backslash', 'app://token-desk/..%5csecret.txt'],
    ['absolute path in a segment', 'app://token-desk/%2fetc%2fpasswd'],
    ['windows drive', 'app://token-desk/C:%5cWindows%5cwin.ini'],
    ['NUL byte', 'app://token-desk/index.html%00.js'],
    ['malformed escape', 'app://token-desk/%E0%A4%A'],
    ['symlink leaving the root', 'app://token-desk/assets/link.txt'],
    ['symlinked folder leaving the root', 'app://token-desk/up/secret.txt'],
    ['a folder', 'app://token-desk/assets'],
    ['missing file', 'app://token-desk/nope.js'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['https', 'https://token-desk/index.html'],
    ['userinfo', 'app://user@token-desk/index.html'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(resolveBundlePath(root, url)).toBeNull()
  })
})

describe('the app:// handler (R7, R8)', () => {
  const handler = () => createAppRequestHandler(root)

  it('serves files with the CSP header and a content type', async () => {
    const response = await handler()(new Request('app://token-desk/index.html'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await response.text()).toContain('Token Desk')
    const js = await handler()(new Request('app://token-desk/assets/app.js'))
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
  })

  it('answers 404 with the CSP header outside the root', async () => {
    const response = await handler()(new Request('app://token-desk/assets/link.txt'))
    expect(response.status).toBe(404)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await response.text()).not.toContain('outside the root')
  })

  it('refuses writes', async () => {
    const response = await handler()(new Request('app://token-desk/index.html', { method: 'POST', body: 'x' }))
    expect(response.status).toBe(405)
  })

  it('registers a standard, secure scheme and one handler', () => {
    // The scheme is registered before ready (main/index.ts), the handler after (composeShell).
    const electron = createFakeElectron()
    registerAppScheme(electron.protocol)
    electron.standIn.becomeReady()
    serveAppProtocol(electron.protocol, root)
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect([...electron.protocol.handlers.keys()]).toEqual(['app'])
  })
})
