import type { Browser } from '@playwright/test'
import { launchBareServer, launchServe, type Launched } from './processes'
import { elapsedMs, median, note, type Figure } from './report'

export const COLD_START_TRIALS = 3

interface ColdStart {
  /** Spawn to the URL line on stdout. */
  urlMs: number
  /** Spawn to the "Token Desk" heading visible. */
  firstScreenMs: number
  /** Spawn to the start screen's "Start practising" button (Token Desk only). */
  usableMs: number | null
}

/** Spawn to the "Token Desk" heading painted, in a fresh browser context (empty cache). */
async function coldStart(browser: Browser, launch: () => Promise<Launched>, usable: string | null): Promise<ColdStart> {
  const context = await browser.newContext()
  let launched: Launched | null = null
  try {
    launched = await launch()
    const page = await context.newPage()
    await page.goto(launched.url)
    await page.getByRole('heading', { name: 'Token Desk', level: 1 }).waitFor()
    const firstScreenMs = elapsedMs(launched.spawnedAt)
    const urlMs = Math.round(launched.urlAt - launched.spawnedAt)
    if (usable === null) return { urlMs, firstScreenMs, usableMs: null }
    await page.getByRole('button', { name: usable }).waitFor()
    return { urlMs, firstScreenMs, usableMs: elapsedMs(launched.spawnedAt) }
  } finally {
    await context.close()
    await launched?.stop()
  }
}

/** Alternating trials, Token Desk then the bare app, each figure the median of its trials. */
export async function benchColdStart(browser: Browser, bareAppDir: string): Promise<Figure> {
  const ours: ColdStart[] = []
  const bare: ColdStart[] = []
  for (let i = 0; i < COLD_START_TRIALS; i++) {
    ours.push(await coldStart(browser, launchServe, 'Start practising'))
    bare.push(await coldStart(browser, () => launchBareServer(bareAppDir), null))
  }
  const list = (runs: ColdStart[], key: keyof ColdStart): string => runs.map((r) => r[key]).join(', ')
  note(`cold start, token-desk serve: URL printed ${list(ours, 'urlMs')} ms, heading ${list(ours, 'firstScreenMs')} ms, start screen ${list(ours, 'usableMs')} ms`)
  note(`cold start, bare app: URL printed ${list(bare, 'urlMs')} ms, heading ${list(bare, 'firstScreenMs')} ms`)
  const firstScreen = (runs: ColdStart[]): number => median(runs.map((r) => r.firstScreenMs))
  return { name: 'cold_start_ms', value: firstScreen(ours), baseline: firstScreen(bare), unit: 'ms' }
}
