import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { chromium } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LoginOutcome } from '../../../main/core/ports'
import { chromiumPath } from '../../../playwright.config'
import type { Harness } from '../../unit/web/support'
import { startHarness } from '../../unit/web/support'

// The fragment, CSP and popup behaviour as a real browser applies them, which fetch cannot show.
const hasChromium = existsSync(chromiumPath)
if (!hasChromium) console.warn(`Skipping the web host browser test: no Chromium at ${chromiumPath}.`)

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Token Desk</title>
<script>window.inlineRan = true</script>
<script type="module" src="/assets/app.js"></script></head>
<body><button id="go">Log in</button><p id="mode"></p><p id="out"></p></body></html>
`

// What the renderer's HTTP bridge does (renderer/src/bridge/http.ts): the launch key from the
// fragment traded for a session kept in memory; the popup opened blank on the click and sent to
// /login/start with a one-time ticket; the call with the session header; state by fetch stream.
const APP = `
const key = new URLSearchParams(location.hash.slice(1)).get('key')
history.replaceState(null, '', location.pathname)
const session = fetch('/api/session', { method: 'POST', headers: { 'x-token-desk': '1', 'x-token-desk-launch': key } })
  .then((r) => r.json()).then((b) => b.session)
const post = async (path, body) => fetch(path, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-token-desk': '1', 'x-token-desk-session': await session },
  body,
})
document.querySelector('#go').addEventListener('click', async () => {
  const popup = window.open('about:blank', 'token-desk-login', 'popup,width=600,height=720')
  post('/api/popup-ticket').then((r) => r.json()).then((b) => popup.location.replace('/login/start?ticket=' + b.ticket))
  const response = await post('/api/call/login', '{}')
  document.querySelector('#out').textContent = JSON.stringify(await response.json())
})
session.then(async (held) => {
  const response = await fetch('/api/events', { headers: { 'x-token-desk-session': held } })
  const reader = response.body.getReader()
  let text = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    text += new TextDecoder().decode(value)
    const data = text.split('\\n').filter((l) => l.startsWith('data: ')).pop()
    if (data) document.querySelector('#mode').textContent = JSON.parse(data.slice(6)).mode
  }
})
`

let h: Harness
let browser: Browser
let dialog: Server
let dialogOrigin: string

beforeAll(async () => {
  if (!hasChromium) return
  h = await startHarness()
  const root = join(h.rendererDir, 'renderer')
  await writeFile(join(root, 'index.html'), PAGE)
  await writeFile(join(root, 'assets', 'app.js'), APP)

  // A stand-in for the practice sandbox's consent page: a user who has already agreed.
  dialog = createServer((req, res) => {
    const asked = new URL(req.url ?? '/', 'http://127.0.0.1')
    const back = new URL(asked.searchParams.get('redirect_uri') ?? '')
    back.searchParams.set('code', 'AQbrowsercode')
    back.searchParams.set('state', asked.searchParams.get('state') ?? '')
    res.writeHead(302, { location: back.href }).end()
  })
  await new Promise<void>((resolve) => dialog.listen(0, '127.0.0.1', resolve))
  dialogOrigin = `http://127.0.0.1:${(dialog.address() as AddressInfo).port}`

  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] })
})

afterAll(async () => {
  if (!hasChromium) return
  await browser.close()
  dialog.close()
  await h.stop()
})

describe.skipIf(!hasChromium)('the web host in Chromium', () => {
  it('signs in by the launch URL, runs the page under the CSP, streams state and catches the popup login', async () => {
    const outcomes: LoginOutcome[] = []
    h.core.answer = async (method) => {
      if (method !== 'login') return { ok: true, value: h.core.state() }
      const redirectUri = h.popups.redirectUri()
      const url = `${dialogOrigin}/dialog/oauth?redirect_uri=${encodeURIComponent(redirectUri)}&state=st4te`
      outcomes.push(await h.popups.open({ url, redirectUri, timeoutMs: 10_000 }))
      return { ok: true, value: h.core.state() }
    }

    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(message.text())
    })
    await page.goto(h.freshUrls.at(-1)!)
    expect(page.url()).toBe(`${h.host.origin}/`)
    await expect.poll(() => page.textContent('#mode')).toBe('practice')
    expect(await page.evaluate(() => (globalThis as { inlineRan?: boolean }).inlineRan)).toBeUndefined()
    expect(violations.some((text) => text.includes('Content Security Policy'))).toBe(true)

    const popupOpened = page.waitForEvent('popup')
    await page.click('#go')
    const popup = await popupOpened
    await popup.waitForEvent('close')
    await expect.poll(() => page.textContent('#out')).toContain('"ok":true')
    // The dialog returned to http://localhost on the host's port: another origin than the page's, matched by its state.
    expect(outcomes).toEqual([{ kind: 'redirect', url: `http://localhost:${h.port}/login/callback?code=AQbrowsercode&state=st4te` }])

    expect(await page.context().cookies()).toEqual([])
    await page.close()
  })
})
