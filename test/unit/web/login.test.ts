import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LoginOutcome, Timers } from '../../../main/core/ports'
import { RENDERER_CSP, createWebLoginWindow, refusalText, webLoginRedirectUri } from '../../../main/web'
import { dialogPageMessage } from '../../../main/core/doctor'
import type { Harness } from './support'
import { startHarness } from './support'

const DIALOG = 'http://127.0.0.1:9/v21.0/dialog/oauth?client_id=1&response_type=code&state=abc'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ loginStartWaitMs: 50 })
})
afterAll(() => h.stop())

describe('the login popup over HTTP', () => {
  it('gives the redirect URI on localhost at its own port', () => {
    expect(h.popups.redirectUri()).toBe(`http://localhost:${h.port}/login/callback`)
    expect(webLoginRedirectUri(h.host.origin)).toBe(h.popups.redirectUri())
  })

  it('sends the popup to the dialog and hands the callback URL to open()', async () => {
    const outcome = h.popups.open({ url: DIALOG, redirectUri: h.popups.redirectUri(), timeoutMs: 10_000 })

    const start = await h.popupStart()
    expect(start.status).toBe(302)
    expect(start.headers.get('location')).toBe(DIALOG)
    expect(start.headers.get('cache-control')).toBe('no-store')

    const callback = await h.get('/login/callback?code=AQabc123&state=abc')
    expect(callback.status).toBe(303)
    expect(callback.headers.get('location')).toBe('/login/done')
    await h.text(callback)

    await expect(outcome).resolves.toEqual({ kind: 'redirect', url: `${h.host.origin}/login/callback?code=AQabc123&state=abc` })
  })

  it('hands a denied login back as it came, for the core to read', async () => {
    const outcome = h.popups.open({ url: DIALOG, redirectUri: h.popups.redirectUri(), timeoutMs: 10_000 })
    await h.text(await h.popupStart())
    await h.text(await h.get('/login/callback?error=access_denied&error_reason=user_denied&state=abc#_=_'))
    await expect(outcome).resolves.toEqual({
      kind: 'redirect',
      url: `${h.host.origin}/login/callback?error=access_denied&error_reason=user_denied&state=abc`,
    })
  })

  it('waits at /login/start for a login the core has not asked for yet', async () => {
    const slow = await startHarness({ loginStartWaitMs: 10_000 })
    try {
      const start = slow.popupStart()
      const asked = slow.popups.host.claim(10_000)
      const outcome = slow.popups.open({ url: DIALOG, redirectUri: slow.popups.redirectUri(), timeoutMs: 10_000 })
      await expect(asked).resolves.toEqual({ kind: 'dialog', url: DIALOG })
      expect((await start).headers.get('location')).toBe(DIALOG)
      expect(slow.popups.host.complete(`${slow.host.origin}/login/callback?code=c&state=abc`)).toBe(true)
      await expect(outcome).resolves.toMatchObject({ kind: 'redirect' })
    } finally {
      await slow.stop()
    }
  })

  it('ends the popup with a page that closes itself through a script file', async () => {
    const done = await h.get('/login/done')
    expect(done.status).toBe(200)
    expect(done.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    const html = await h.text(done)
    expect(html).toContain('You can close this window.')
    expect(html).toContain('<script src="/login/close.js" defer></script>')
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/)

    const script = await h.get('/login/close.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await h.text(script)).toContain('window.close()')
  })

  it('tells a popup that no login is waiting', async () => {
    const start = await h.popupStart()
    expect(start.status).toBe(404)
    expect(await h.text(start)).toContain('No Facebook login is waiting')
  })

  it('ignores a callback when no login is waiting', async () => {
    const callback = await h.get('/login/callback?code=stray&state=x')
    expect(callback.status).toBe(404)
    expect(await h.text(callback)).toContain('No Facebook login is waiting')
  })

  it('takes a callback only with its login’s state, with or without the page’s session', async () => {
    const outcome = h.popups.open({ url: DIALOG, redirectUri: h.popups.redirectUri(), timeoutMs: 10_000 })
    const local = `http://localhost:${h.port}`
    for (const forged of ['code=AQforged&state=abd', 'code=AQforged', 'code=AQforged&state=']) {
      const callback = await fetch(`${local}/login/callback?${forged}`, { redirect: 'manual' })
      expect(callback.status, forged).toBe(404)
      await h.text(callback)
    }
    // Still pending: the forged callbacks did not reach it. The real one comes back without a cookie, at localhost.
    const real = await fetch(`${local}/login/callback?code=AQreal&state=abc`, { redirect: 'manual' })
    expect(real.status).toBe(303)
    expect(real.headers.get('location')).toBe('/login/done')
    await h.text(real)
    await expect(outcome).resolves.toEqual({ kind: 'redirect', url: `${local}/login/callback?code=AQreal&state=abc` })
  })

  it('needs a one-time ticket at /login/start: the dialog address (and its state) goes only to the page that asked', async () => {
    const outcome = h.popups.open({ url: DIALOG, redirectUri: h.popups.redirectUri(), timeoutMs: 10_000 })
    for (const path of ['/login/start', '/login/start?ticket=', `/login/start?ticket=${'A'.repeat(43)}`]) {
      const start = await fetch(`${h.host.origin}${path}`, { redirect: 'manual' })
      expect(start.status, path).toBe(403)
      expect(start.headers.get('location')).toBeNull()
      expect(await h.text(start)).toContain('press the login button in Token Desk again')
    }
    const ticket = (await (await fetch(`${h.host.origin}/api/popup-ticket`, { method: 'POST', headers: { 'x-token-desk-session': h.session, origin: h.host.origin, 'x-token-desk': '1' } })).json()) as { ticket: string }
    const first = await fetch(`${h.host.origin}/login/start?ticket=${ticket.ticket}`, { redirect: 'manual' })
    expect(first.status).toBe(302)
    const again = await fetch(`${h.host.origin}/login/start?ticket=${ticket.ticket}`, { redirect: 'manual' })
    expect(again.status).toBe(403)
    await h.text(again)
    expect(h.popups.host.complete(`${h.host.origin}/login/callback?code=real&state=abc`)).toBe(true)
    await expect(outcome).resolves.toMatchObject({ kind: 'redirect' })
  })

  it('takes no callback without the pending login’s own state: a forged return leaves it waiting', async () => {
    const outcome = h.popups.open({ url: DIALOG, redirectUri: h.popups.redirectUri(), timeoutMs: 10_000 })
    for (const query of ['code=AQforged&state=abd', 'code=AQforged', 'error=access_denied']) {
      const callback = await fetch(`${h.host.origin}/login/callback?${query}`, { redirect: 'manual' })
      expect(callback.status, query).toBe(404)
      await h.text(callback)
    }
    // Still pending: the forged callback did not reach it.
    expect(h.popups.host.complete(`${h.host.origin}/login/callback?code=real&state=abc`)).toBe(true)
    await expect(outcome).resolves.toEqual({ kind: 'redirect', url: `${h.host.origin}/login/callback?code=real&state=abc` })
  })

  it('answers 404 for other paths under /login/', async () => {
    const response = await h.get('/login/other')
    expect(response.status).toBe(404)
    await h.text(response)
  })
})

describe('open() outcomes', () => {
  it('times out when nothing comes back', async () => {
    const outcome = h.popups.open({ url: DIALOG, redirectUri: h.popups.redirectUri(), timeoutMs: 30 })
    await expect(outcome).resolves.toEqual({ kind: 'timeout' })
  })

  it('times out early when the popup never asks for the dialog', async () => {
    const popups = createWebLoginWindow({ arrivalMs: 30 })
    const own = await startHarness({ loginPopups: popups })
    try {
      const outcome = popups.open({ url: DIALOG, redirectUri: popups.redirectUri(), timeoutMs: 60_000 })
      await expect(outcome).resolves.toEqual({ kind: 'timeout' })
    } finally {
      await own.stop()
    }
  })

  it('does not time out early once the popup has the dialog', async () => {
    const timers = manualTimers()
    const popups = createWebLoginWindow({ arrivalMs: 30, timers })
    popups.host.attach('http://127.0.0.1:4000')
    const outcome = popups.open({ url: DIALOG, redirectUri: popups.redirectUri(), timeoutMs: 60_000 })
    expect(timers.pending().sort((a, b) => a - b)).toEqual([30, 60_000])
    expect(await popups.host.claim(1000)).toEqual({ kind: 'dialog', url: DIALOG })
    timers.fire(30)
    expect(popups.host.complete('http://localhost:4000/login/callback?code=c&state=abc')).toBe(true)
    await expect(outcome).resolves.toMatchObject({ kind: 'redirect' })
    expect(timers.pending()).toEqual([])
  })

  it('cancels a pending login when a new one starts', async () => {
    const first = h.popups.open({ url: DIALOG, redirectUri: h.popups.redirectUri(), timeoutMs: 10_000 })
    const second = h.popups.open({ url: `${DIALOG}2`, redirectUri: h.popups.redirectUri(), timeoutMs: 10_000 })
    await expect(first).resolves.toEqual({ kind: 'cancelled' })
    expect(await h.popups.host.claim(0)).toEqual({ kind: 'dialog', url: `${DIALOG}2` })
    // The first login's state no longer settles anything; the second's does.
    expect(h.popups.host.complete(`${h.host.origin}/login/callback?code=c&state=abc`)).toBe(false)
    expect(h.popups.host.complete(`${h.host.origin}/login/callback?code=c&state=abc2`)).toBe(true)
    await expect(second).resolves.toMatchObject({ kind: 'redirect' })
  })

  it('cancels a pending login when the host closes', async () => {
    const own = await startHarness()
    const outcome = own.popups.open({ url: DIALOG, redirectUri: own.popups.redirectUri(), timeoutMs: 10_000 })
    await own.stop()
    await expect(outcome).resolves.toEqual({ kind: 'cancelled' })
    await expect(own.popups.open({ url: DIALOG, redirectUri: `${own.host.origin}/login/callback`, timeoutMs: 10 })).resolves.toMatchObject({
      kind: 'blocked',
    })
    expect(() => own.popups.redirectUri()).toThrow(/not listening/)
  })

  it.each<[string, { url: string; redirectUri: (origin: string) => string }]>([
    ['another redirect URI', { url: DIALOG, redirectUri: () => 'https://www.facebook.com/connect/login_success.html' }],
    ['the other loopback name', { url: DIALOG, redirectUri: (o) => `${o}/login/callback` }],
    ['a javascript: dialog', { url: 'javascript:alert(1)', redirectUri: (o) => `${o.replace('127.0.0.1', 'localhost')}/login/callback` }],
    ['a dialog that is no URL', { url: 'not a url', redirectUri: (o) => `${o.replace('127.0.0.1', 'localhost')}/login/callback` }],
  ])('is blocked for %s', async (_label, request) => {
    const outcome: LoginOutcome = await h.popups.open({ url: request.url, redirectUri: request.redirectUri(h.host.origin), timeoutMs: 10_000 })
    expect(outcome.kind).toBe('blocked')
    expect(await h.popups.host.claim(0)).toBeNull()
  })

  it('is blocked before any host listens', async () => {
    const popups = createWebLoginWindow()
    expect(() => popups.redirectUri()).toThrow(/not listening/)
    await expect(popups.open({ url: DIALOG, redirectUri: 'http://127.0.0.1:1/login/callback', timeoutMs: 10 })).resolves.toMatchObject({
      kind: 'blocked',
    })
  })

  it('looks at the dialog first and tells the waiting popup why Facebook refused it, in words', async () => {
    const looked: string[] = []
    const popups = createWebLoginWindow({ probe: (url) => (looked.push(url), Promise.resolve('url-blocked' as const)) })
    const own = await startHarness({ loginPopups: popups, loginStartWaitMs: 10_000 })
    try {
      const start = own.popupStart()
      await new Promise((r) => setTimeout(r, 20))
      const outcome = await popups.open({ url: DIALOG, redirectUri: popups.redirectUri(), timeoutMs: 10_000 })
      expect(outcome).toEqual({ kind: 'blocked', message: dialogPageMessage('url-blocked', { configUsed: false, host: 'browser' }), page: 'url-blocked' })
      const page = await start
      expect(page.status).toBe(200)
      // A small page of its own (issue 21): a language, a title and a heading for screen readers.
      expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      const text = await own.text(page)
      expect(text).toContain('<html lang="en">')
      expect(text).toMatch(/<title>Facebook refused this login · Token Desk<\/title>/)
      expect(text).toContain('<h1>Facebook refused this login</h1>')
      expect(text).toContain('Facebook showed “URL Blocked”')
      expect(text).toContain('Valid OAuth Redirect URIs')
      expect(looked).toEqual([DIALOG])
    } finally {
      await own.stop()
    }
  })

  it('tells a popup that arrives just after the refusal, once', async () => {
    const popups = createWebLoginWindow({ probe: () => Promise.resolve('app-not-setup' as const) })
    popups.host.attach('http://127.0.0.1:4000')
    await expect(popups.open({ url: DIALOG, redirectUri: popups.redirectUri(), timeoutMs: 10_000 })).resolves.toMatchObject({ kind: 'blocked', page: 'app-not-setup' })
    await expect(popups.host.claim(0)).resolves.toEqual({ kind: 'refused', text: refusalText('app-not-setup', { configUsed: false, host: 'browser' }) })
    await expect(popups.host.claim(0)).resolves.toBeNull()
  })

  it('sends the popup to the dialog when the probe sees nothing, or fails', async () => {
    for (const probe of [() => Promise.resolve(null), () => Promise.reject(new Error('offline'))]) {
      const popups = createWebLoginWindow({ probe })
      popups.host.attach('http://127.0.0.1:4000')
      const outcome = popups.open({ url: DIALOG, redirectUri: popups.redirectUri(), timeoutMs: 10_000 })
      await expect(popups.host.claim(1000)).resolves.toEqual({ kind: 'dialog', url: DIALOG })
      popups.host.complete('http://localhost:4000/login/callback?code=c&state=abc')
      await expect(outcome).resolves.toMatchObject({ kind: 'redirect' })
    }
  })

  it('clears no session of its own', async () => {
    await expect(h.popups.clearSession()).resolves.toBeUndefined()
  })
})

/** Timers that fire only when the test says so. */
function manualTimers(): Timers & { pending(): number[]; fire(ms: number): void } {
  const scheduled = new Map<number, { fn: () => void; ms: number }>()
  let next = 1
  return {
    setTimeout(fn, ms) {
      const handle = next++
      scheduled.set(handle, { fn, ms })
      return handle
    },
    clearTimeout(handle) {
      scheduled.delete(handle as number)
    },
    pending: () => [...scheduled.values()].map((t) => t.ms),
    fire(ms) {
      for (const [handle, timer] of scheduled) {
        if (timer.ms !== ms) continue
        scheduled.delete(handle)
        timer.fn()
      }
    },
  }
}

describe('the popup pages (issue 21, point 14)', () => {
  it('escape their text, paragraph by paragraph, and style themselves from a file the CSP allows', async () => {
    const { popupPage } = await import('../../../main/web/pages')
    const html = popupPage('A <title>', 'First <b>bold</b> & more.\n\nSecond "quoted".')
    expect(html).toContain('<title>A &#60;title&#62; · Token Desk</title>')
    expect(html).toContain('<p>First &#60;b&#62;bold&#60;/b&#62; &#38; more.</p>\n<p>Second &#34;quoted&#34;.</p>')
    expect(html).not.toMatch(/<style|style=/)
    expect(html).toContain('<link rel="stylesheet" href="/login/page.css">')
  })
})
