// `npm test`: what the suites need (Chromium, Xvfb), type checks, lint, build, the Vitest suites,
// then the Playwright suites in Chromium. Ends with one plain line `N passed, N failed, N skipped`
// summing both runners.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { preflight } from './test-preflight.mjs'

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

let passed = 0
let failed = 0
let skipped = 0
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  skipped += v.numPendingTests + v.numTodoTests
} else failed += 1
if (existsSync(pwJson)) {
  const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats
  passed += s.expected + s.flaky
  failed += s.unexpected
  skipped += s.skipped
} else failed += 1
if (!vitestOk || !pwOk) failed = Math.max(failed, 1)
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
