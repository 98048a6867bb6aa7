import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..', '..')

export interface Finding {
  id: string
  file: string
  line: number
  severity: string
  confidence: string
  manualReview: boolean
  sample?: string
}

/** Checks that must never appear, even as a manual-review note, unless suppressed in source with a reason. */
export const BLOCKING = new Set([
  'OPEN_EXTERNAL_JS_CHECK',
  'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
  'LIMIT_NAVIGATION_GLOBAL_CHECK',
  'CSP_GLOBAL_CHECK',
  'DANGEROUS_FUNCTIONS_JS_CHECK',
])

/** Why a finding fails the build, or null when it is an accepted note. */
export function verdict(f: Finding): string | null {
  if (!f.manualReview) return 'not a manual-review note'
  if (f.severity === 'HIGH') return 'HIGH severity'
  if (BLOCKING.has(f.id)) return 'on the blocking list'
  return null
}

const RUNNER = `
const mod = require(process.argv[1]);
const run = mod.default || mod;
run({ input: process.argv[2], output: null, isSarif: false, customScan: [],
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], isRelative: true,
      electronVersionOverride: process.argv[3], parserPlugins: [] }, false)
  .then((r) => process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ errors: r.errors, issues: r.issues.map((i) => ({
      id: i.id, file: i.file, line: i.location.line, severity: i.severity.name, confidence: i.confidence.name,
      manualReview: Boolean(i.manualReview), sample: i.sample })) }) + '\\n'))
  .catch((e) => { console.error(e); process.exit(2) });
`

/** The pinned Electron version from package.json (R14): the scanner gets the same one. */
export function pinnedElectron(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
  return pkg.devDependencies.electron ?? ''
}

/**
 * Runs Electronegativity (JS API, in a child process: it sets globals and waits on the network
 * for translations) over `input`, pinned to our Electron version, and returns its findings.
 * AvailableSecurityFixesGlobalCheck is excluded: it needs GitHub, and the version is pinned.
 */
export function scan(input: string): { issues: Finding[]; errors: unknown[] } {
  const runner = join(ROOT, 'node_modules/@doyensec/electronegativity/dist/runner.js')
  const result = spawnSync(process.execPath, ['-e', RUNNER, runner, input, pinnedElectron()], {
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
    timeout: 150_000,
  })
  const marker = result.stdout.lastIndexOf('@@RESULT@@')
  if (result.status !== 0 || marker === -1) {
    throw new Error(`electronegativity did not finish (status ${result.status}): ${result.stderr.slice(-2000)}`)
  }
  return JSON.parse(result.stdout.slice(marker + '@@RESULT@@'.length)) as { issues: Finding[]; errors: unknown[] }
}

/** One scan of a copy of the app's sources, so the global checks see the whole app and nothing else. */
export function scanAppCopy(): { issues: Finding[]; errors: unknown[] } {
  const dir = mkdtempSync(join(tmpdir(), 'td-eng-'))
  try {
    for (const part of ['main', 'preload', 'renderer']) {
      cpSync(join(ROOT, part), join(dir, part), {
        recursive: true,
        filter: (src) => !src.split(/[\\/]/).includes('node_modules'),
      })
    }
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'))
    return scan(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
