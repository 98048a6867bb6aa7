import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { listPackage } from '@electron/asar'
import { Platform, build, type Configuration } from 'electron-builder'
import { parse } from 'yaml'
import { parseUpdateFeed, releasePageUrl } from '../../main/core/update/feed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..', '..')
// @electron/fuses looks for this sentinel, then a version byte, a length byte and one byte per fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
]
// Electron's own defaults, as a fresh binary carries them.
const DEFAULT_WIRE = '10110001'

let work: string
let entries: string[]
let fuses: Record<string, boolean>
let appUpdateYml: string | null

function ensureBuildOutput(): void {
  const needed = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']
  if (needed.every((f) => existsSync(join(ROOT, f)))) return
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' })
  if (result.status !== 0 || !needed.every((f) => existsSync(join(ROOT, f)))) {
    throw new Error(`out/ is missing and "npm run build" failed, so there is nothing to package:\n${result.stderr}`)
  }
}

/** A stand-in Electron: no browser, just the fuse wire electron-builder flips. */
function standInElectron(dir: string): void {
  mkdirSync(dir, { recursive: true })
  const wire = Buffer.from([1, DEFAULT_WIRE.length, ...Buffer.from(DEFAULT_WIRE)])
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 1\n'), Buffer.from(SENTINEL), wire]))
  chmodSync(join(dir, 'electron'), 0o755)
  writeFileSync(join(dir, 'LICENSE'), 'stand-in')
}

function readFuses(binary: string): Record<string, boolean> {
  const bytes = readFileSync(binary)
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length
  const length = bytes[at + 1] ?? 0
  return Object.fromEntries(FUSE_ORDER.slice(0, length).map((name, i) => [name, bytes[at + 2 + i] === '1'.charCodeAt(0)]))
}

beforeAll(async () => {
  ensureBuildOutput()
  work = mkdtempSync(join(tmpdir(), 'td-pack-'))
  const electronDist = join(work, 'electron-dist')
  standInElectron(electronDist)
  const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Configuration
  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: { ...config, electronDist, directories: { ...config.directories, output: join(work, 'dist') } },
  })
  const appDir = join(work, 'dist', 'linux-unpacked')
  entries = listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false })
  appUpdateYml = existsSync(join(appDir, 'resources', 'app-update.yml')) ? readFileSync(join(appDir, 'resources', 'app-update.yml'), 'utf8') : null
  fuses = readFuses(join(appDir, 'token-desk'))
}, 240_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

/** Top-level packages (with scope) from package-lock that are not dev-only. */
function productionPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>
  }
  return new Set(
    Object.entries(lock.packages)
      .filter(([path, meta]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !meta.dev && existsSync(join(ROOT, path)))
      .map(([path]) => path.slice('node_modules/'.length)),
  )
}

describe('the packaged app (electron-builder --dir with a stand-in Electron)', () => {
  it('holds the build output and package.json', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/assets/tray-ok.png']) {
      expect(entries, file).toContain(file)
    }
  })

  it('holds nothing but the build output, the tray icons and production dependencies', () => {
    const stray = entries.filter(
      (e) => !/^\/(out\/(main|preload|renderer)|assets\/tray-[a-z]+(@2x)?\.png$|node_modules)(\/|$)/.test(e) && e !== '/package.json' && e !== '/out' && e !== '/assets',
    )
    expect(stray).toEqual([])
    expect(entries.filter((e) => e.startsWith('/out/cli'))).toEqual([])
  })

  it('has no sources, tests, fixtures, maps or .env files', () => {
    expect(entries.filter((e) => /\.(ts|tsx|map)$/.test(e) || /(^|\/)\.env(\.|$)/.test(e))).toEqual([])
    const own = entries.filter((e) => !e.startsWith('/node_modules'))
    expect(own.filter((e) => /\/(test|tests|fixtures|src|main|preload|renderer\/src)\//.test(`${e}/`) && !e.startsWith('/out/'))).toEqual([])
  })

  it('carries exactly the production dependencies, no dev tools', () => {
    const packaged = new Set(
      entries
        .filter((e) => /^\/node_modules\/(@[^/]+\/)?[^/]+$/.test(e) && !/^\/node_modules\/@[^/]+$/.test(e))
        .map((e) => e.slice('/node_modules/'.length)),
    )
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript', '@playwright/test', 'vite']) {
      expect(packaged.has(dev), dev).toBe(false)
    }
    for (const dep of Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: object }).dependencies)) {
      expect(packaged.has(dep), dep).toBe(true)
    }
    const production = productionPackages()
    expect([...packaged].filter((p) => !production.has(p))).toEqual([])
  })

  it('carries the update feed from electron-builder.yml as resources/app-update.yml, which the app reads', () => {
    expect(appUpdateYml).not.toBeNull()
    const feed = parseUpdateFeed(appUpdateYml!)
    const configured = (parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { publish: { provider: string; owner: string; repo: string } }).publish
    expect(feed).toMatchObject({ provider: configured.provider, owner: configured.owner, repo: configured.repo })
    expect(releasePageUrl(feed!, '9.9.9')).toBe(`https://github.com/${configured.owner}/${configured.repo}/releases/tag/v9.9.9`)
  })

  it('flipped the fuses in the packaged binary (R12)', () => {
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // Not configured: stays as Electron ships it.
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    })
  })
})
