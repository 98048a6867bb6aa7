import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import type { AppState } from '../../preload/api'
import { benchState, oneBigFamily, tokensInFamilies } from './dashboard-states'
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

/**
 * In the page: clicks the family's toggle and resolves with the time from that click to its
 * member rows painted (the first rows in the DOM, then the frame after them).
 */
function openFamilyTimed(): Promise<number> {
  const dom = globalThis as unknown as {
    requestAnimationFrame(callback: () => void): number
    document: { querySelector(selector: string): { click(): void } | null; querySelectorAll(selector: string): { length: number }; body: unknown }
    MutationObserver: new (callback: () => void) => { observe(node: unknown, options: object): void; disconnect(): void }
  }
  return new Promise<number>((resolve) => {
    const toggle = dom.document.querySelector('.families .toggle')
    if (!toggle) throw new Error('no family to open')
    const done = () => dom.document.querySelectorAll('.families .members > li').length > 0
    const observer = new dom.MutationObserver(() => {
      if (!done()) return
      observer.disconnect()
      dom.requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0))
    })
    observer.observe(dom.document.body, { childList: true, subtree: true })
    const started = performance.now()
    toggle.click()
  })
}

async function openOnce(browser: Browser, url: string, state: AppState): Promise<{ ms: number; drawn: number }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } })
  try {
    const page = await context.newPage()
    await page.addInitScript(fakeHost, state)
    await page.goto(url)
    await page.getByRole('heading', { name: 'Your tokens' }).waitFor()
    const ms = await page.evaluate(openFamilyTimed)
    const drawn = await page.locator('.families .members > li').count()
    return { ms, drawn }
  } finally {
    await context.close()
  }
}

/**
 * One family of 500 Page tokens opened, from the click on its row to its member rows painted
 * (only those in view are drawn), beside the same for a family of 5; medians of 5.
 */
export async function benchOpenFamily(browser: Browser): Promise<Figure> {
  const server = await launchBareServer(join(repoRoot, 'out/renderer'))
  try {
    const big = benchState(oneBigFamily(500))
    const small = benchState(oneBigFamily(5))
    const bigMs: number[] = []
    const smallMs: number[] = []
    let drawn = 0
    for (let i = 0; i < DASHBOARD_TRIALS; i++) {
      const b = await openOnce(browser, server.url, big)
      drawn = b.drawn
      bigMs.push(b.ms)
      smallMs.push((await openOnce(browser, server.url, small)).ms)
    }
    if (drawn >= 500) throw new Error(`Opening the family of 500 drew all ${drawn} rows: the list is not virtual.`)
    note(`open a family: 500 Page tokens ${bigMs.map(Math.round).join(', ')} ms (${drawn} rows drawn); 5 Page tokens ${smallMs.map(Math.round).join(', ')} ms`)
    return { name: 'dashboard_open_family_ms_500', value: Math.round(median(bigMs)), baseline: Math.round(median(smallMs)), unit: 'ms' }
  } finally {
    await server.stop()
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
