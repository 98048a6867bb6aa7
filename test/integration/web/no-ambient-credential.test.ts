import { existsSync } from 'node:fs'
import type { IncomingHttpHeaders, Server } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import type { Browser } from '@playwright/test'
import { chromium } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath } from '../../../playwright.config'
import { launchKeyOf } from '../../support/web-session'
import type { Harness } from '../../unit/web/support'
import { startHarness } from '../../unit/web/support'

/**
 * Issue 20, item 1: cookies ignore ports (RFC 6265 §8.5), so whatever credential the browser
 * keeps for the web host by itself, every other server on 127.0.0.1 it visits receives too. The
 * real renderer, served by the host, is opened in Chromium; then a page of a second loopback
 * server in the same browser context. Nothing that server receives may open the bridge.
 */
const rendererDir = resolve('out/renderer')
const ready = existsSync(chromiumPath) && existsSync(resolve(rendererDir, 'index.html'))
if (!ready) console.warn(`Skipping the ambient-credential test: it needs Chromium at ${chromiumPath} and a built renderer (npm run build).`)

interface Seen {
  path: string
  headers: IncomingHttpHeaders
}

let h: Harness
let browser: Browser
let other: Server
let otherOrigin: string
const seen: Seen[] = []

beforeAll(async () => {
  if (!ready) return
  h = await startHarness({ rendererDir })
  other = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers })
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>another local server</title><p>hello</p>')
  })
  await new Promise<void>((done) => other.listen(0, '127.0.0.1', done))
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] })
})

afterAll(async () => {
  if (!ready) return
  await browser.close()
  other.close()
  await h.stop()
})

describe.skipIf(!ready)('the web host leaves no ambient credential in the browser', () => {
  it('a second loopback server visited by the same Chromium context receives nothing the bridge accepts', async () => {
    const context = await browser.newContext()
    const app = await context.newPage()
    const launch = h.freshUrls.at(-1)!
    await app.goto(launch)
    await expect.poll(() => h.core.calls.some((c) => c.method === 'getState')).toBe(true)
    expect(new URL(app.url()).hash).toBe('')

    const visitor = await context.newPage()
    for (const path of ['/', '/again', '/favicon.ico']) await visitor.goto(`${otherOrigin}${path}`)
    expect(seen.map((s) => s.path)).toEqual(expect.arrayContaining(['/', '/again', '/favicon.ico']))
    expect(await context.cookies()).toEqual([])

    const before = h.core.calls.length
    for (const { headers } of seen) {
      const text = JSON.stringify(headers)
      expect(text).not.toContain(h.session)
      expect(text).not.toContain(launchKeyOf(launch))
      // Replayed from outside the browser, as a hostile local server would: its own Origin and marker set by hand.
      const replay: Record<string, string> = {}
      for (const [name, value] of Object.entries(headers)) if (typeof value === 'string' && name !== 'host' && name !== 'content-length') replay[name] = value
      for (const method of ['getState', 'deleteEverything']) {
        const response = await fetch(`${h.host.origin}/api/call/${method}`, {
          method: 'POST',
          headers: { ...replay, origin: h.host.origin, 'x-token-desk': '1', 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
          body: '{}',
        })
        expect(response.status, `${method} with ${text}`).toBe(401)
        await response.text()
      }
    }
    expect(h.core.calls.length).toBe(before)
    await context.close()
  })

  it('a reloaded tab has no session, and says where to get a fresh link', async () => {
    const context = await browser.newContext()
    const app = await context.newPage()
    await app.goto(h.freshUrls.at(-1)!)
    await expect.poll(() => app.getByRole('heading', { name: 'Token Desk', level: 1 }).count()).toBeGreaterThan(0)
    const calls = h.core.calls.length
    await app.reload()
    await expect.poll(() => app.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('Open the newest link `token-desk serve` printed in its terminal')
    expect(h.core.calls.length).toBe(calls)
    // The link printed after the first use opens a working tab.
    await (await context.newPage()).goto(h.freshUrls.at(-1)!)
    await expect.poll(() => h.core.calls.length).toBeGreaterThan(calls)
    await context.close()
  })
})
