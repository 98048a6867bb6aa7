// `npm test`: what the suites need (Chromium, Xvfb), type checks, lint, build, the Vitest suites,
// then the Playwright suites in Chromium. Ends with one plain line `N passed, N failed, N skipped`
// summing both runners.
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { preflight } from './test-preflight.mjs'
import { summarize } from './test-summary.mjs'

// Before anything runs: installs Chromium and Xvfb where it can, or says how and stops.
const needs = preflight()
Object.assign(process.env, needs.env)

const reports = join('test-results', 'reports')
mkdirSync(reports, { recursive: true })

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  // On Windows npx and npm are .cmd files, which Node starts only through a shell.
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' })
  console.log(`=== ${label}: exit ${result.status ?? result.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return result.status === 0
}

const npx = 'npx'
const steps = [
  ['typecheck', npx, ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['typecheck (renderer)', npx, ['tsc', '-p', 'tsconfig.web.json', '--noEmit']],
  ['lint', npx, ['eslint', '--max-warnings', '0', '.']],
  ['build', 'npm', ['run', 'build', '--silent']],
]
for (const [label, cmd, args] of steps) {
  if (!run(label, cmd, args)) {
    console.log(`\n0 passed, 1 failed\n(${label} failed)`)
    process.exit(1)
  }
}

const vitestJson = join(reports, 'vitest.json')
const vitestOk = run('vitest', npx, [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`,
])
const pwJson = join(reports, 'playwright.json')
// Without a display, under Xvfb: the Electron smoke test opens real windows where the binary exists.
const playwright = ['playwright', 'test', '--reporter=list,json']
const pwOk = needs.xvfbRun
  ? run('playwright', needs.xvfbRun, ['-a', npx, ...playwright], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson })
  : run('playwright', npx, playwright, { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson })

const { passed, failed, skipped, failures } = summarize(vitestJson, pwJson, vitestOk && pwOk)
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}`)
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
