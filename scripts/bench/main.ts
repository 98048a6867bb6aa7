import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startSandbox } from '../../main/core/sandbox'
import { launchChromium } from './browser'
import { buildBareReactApp, jsGzipBytes } from './bundle-size'
import { benchChecks } from './checks'
import { benchColdStart } from './cold-start'
import { benchDashboard, benchOpenFamily } from './dashboard'
import { benchDeliveries } from './deliveries'
import { benchMemory } from './memory'
import { repoRoot } from './processes'
import { elapsedMs, formatFigure, note, type Figure } from './report'
import { benchWizard } from './wizard'

async function reactVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(repoRoot, 'node_modules/react/package.json'), 'utf8')) as { version: string }
  return pkg.version
}

/**
 * Every figure, each beside its baseline measured in this same run. Figures go to stdout in a
 * fixed order; progress to stderr. Returns the exit code.
 */
export async function run(): Promise<number> {
  const started = performance.now()
  note(`Node ${process.version}, React ${await reactVersion()}`)
  const bare = await buildBareReactApp()
  // The request counts are read from the sandbox's log: it keeps every request of this run
  // (the default keeps the newest 1000, and a check of 2000 tokens makes more than that).
  const sandbox = await startSandbox({ requestLog: { limit: 100_000 } })
  try {
    const renderer: Figure = {
      name: 'renderer_js_gzip',
      value: await jsGzipBytes(join(repoRoot, 'out/renderer')),
      baseline: await jsGzipBytes(bare.dir),
      unit: 'bytes',
    }
    note(`renderer JS gzip: Token Desk ${renderer.value} bytes, bare React ${renderer.baseline} bytes`)

    const browser = await launchChromium()
    let wizard: Figure[]
    let coldStart: Figure
    let dashboard: Figure
    let openFamily: Figure
    try {
      wizard = await benchWizard(browser, sandbox)
      dashboard = await benchDashboard(browser)
      openFamily = await benchOpenFamily(browser)
      coldStart = await benchColdStart(browser, bare.dir)
    } finally {
      await browser.close()
    }
    const memory = await benchMemory(bare.dir)
    const checks = await benchChecks(sandbox)
    const deliveries = await benchDeliveries()

    const figures = [
      ...wizard,
      dashboard,
      openFamily,
      ...checks.filter((f) => f.name.startsWith('check_requests_')),
      ...checks.filter((f) => f.name.startsWith('check_ms_')),
      renderer,
      memory,
      coldStart,
      ...deliveries,
    ]
    for (const figure of figures) process.stdout.write(`${formatFigure(figure)}\n`)
    note(`done in ${(elapsedMs(started) / 1000).toFixed(1)} s`)
    return 0
  } catch (error) {
    console.error('bench failed:', error)
    return 1
  } finally {
    await sandbox.close()
    await bare.remove()
  }
}
