import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import type { AppState } from '../../preload/api'
import { benchState, tokensInFamilies } from './dashboard-states'
import { launchBareServer, repoRoot } from './processes'
import { median, note, type Figure } from './report'

export const DASHBOARD_TRIALS = 5

/**
 * Stands in for the host inside the page (serialised by addInitScript): answers getState with a
 * state that has no tokens yet, and keeps the renderer's state listener so the benchmark can hand
 * it the big state itself. Every other method answers "not here".
 */
function fakeHost(empty: AppState): void {
  // The page's own DOM, typed here without the DOM library (this file is built for Node).
  const dom = globalThis as unknown as {
    requestAnimationFrame(callback: () => void): number
    document: { querySelectorAll(selector: string): { length: number }; body: unknown }
    MutationObserver: new (callback: () => void) => { observe(node: unknown, options: object): void; disconnect(): void }
  }
  const listeners = new Set<(s: AppState) => void>()
  const api: Record<string, unknown> = {
    onState(listener: (s: AppState) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getState: () => Promise.resolve({ ok: true, value: empty }),
  }
  const handler: ProxyHandler<Record<string, unknown>> = {
    get: (target, key) => target[key as string] ?? (() => Promise.resolve({ ok: false, error: { code: 'not-allowed', message: 'bench' } })),
  }
  Object.defineProperty(globalThis, 'tokenDesk', { value: new Proxy(api, handler) })
  /** From the state arriving to the list painted: the rows in the DOM, then the frame after them. */
  Object.defineProperty(globalThis, '__deliver', {
    value: (state: AppState, rows: number) =>
      new Promise<number>((resolve) => {
        const started = performance.now()
        const painted = () => dom.requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0))
        const done = () => dom.document.querySelectorAll('.families > li').length === rows
        const observer = new dom.MutationObserver(() => {
          if (!done()) return
          observer.disconnect()
          painted()
        })
        observer.observe(dom.document.body, { childList: true, subtree: true })
        for (const listener of listeners) listener(state)
      }),
  })
}

async function renderOnce(browser: Browser, url: string, state: AppState, rows: number): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } })
  try {
    const page = await context.newPage()
    await page.addInitScript(fakeHost, benchState([]))
    await page.goto(url)
    await page.getByRole('heading', { name: 'What is the token for?' }).waitFor()
    const ms = await page.evaluate(
      ([s, n]) => (globalThis as unknown as { __deliver: (s: AppState, n: number) => Promise<number> }).__deliver(s, n),
      [state, rows] as const,
    )
    const shown = await page.locator('.families > li').count()
    if (shown !== rows) throw new Error(`The dashboard shows ${shown} families, not ${rows}.`)
    return ms
  } finally {
    await context.close()
  }
}

/** The built renderer given 500 tokens in 10 families, beside the same for 5 tokens in one; medians. */
export async function benchDashboard(browser: Browser): Promise<Figure> {
  const server = await launchBareServer(join(repoRoot, 'out/renderer'))
  try {
    const big = benchState(tokensInFamilies(500, 10))
    const small = benchState(tokensInFamilies(5, 1))
    const bigMs: number[] = []
    const smallMs: number[] = []
    for (let i = 0; i < DASHBOARD_TRIALS; i++) {
      bigMs.push(await renderOnce(browser, server.url, big, 10))
      smallMs.push(await renderOnce(browser, server.url, small, 1))
    }
    note(`dashboard render: 500 tokens ${bigMs.map(Math.round).join(', ')} ms; 5 tokens ${smallMs.map(Math.round).join(', ')} ms`)
    return { name: 'dashboard_render_ms_500', value: Math.round(median(bigMs)), baseline: Math.round(median(smallMs)), unit: 'ms' }
  } finally {
    await server.stop()
  }
}
