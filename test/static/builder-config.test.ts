import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { APP_USER_MODEL_ID } from '../../main/shell/identity'
import { releasePageUrl } from '../../main/core/update/feed'
import { ROOT, pinnedElectron } from './electronegativity'

interface BuilderConfig {
  appId: string
  productName: string
  electronVersion: string
  asar: unknown
  files: string[]
  directories: { output: string; buildResources?: string }
  electronFuses: Record<string, boolean>
  publish: unknown
  linux: { target: string[]; icon: string }
  win: { target: string[]; icon: string }
  mac: { target: string[]; icon: string }
}

const builderConfig = (): BuilderConfig =>
  parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig

describe('electron-builder.yml (R12, R14)', () => {
  const config = builderConfig()

  it("is valid against electron-builder's own configuration schema", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object
    const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true })
    const validate = ajv.compile(schema)
    const ok = validate(config)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
    // The validator does reject nonsense, so a pass means something.
    expect(validate({ ...config, asar: 'yes please', notAnOption: 1 })).toBe(false)
  })

  it('flips every fuse we decided on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('keeps asar on with integrity, and pins the same Electron as package.json', () => {
    expect(config.asar).toBe(true)
    expect(JSON.stringify(config)).not.toContain('disableIntegrity')
    expect(config.electronVersion).toBe(pinnedElectron())
    const builder = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron-builder/package.json'), 'utf8')) as { version: string }
    expect(Number(builder.version.split('.')[0])).toBeGreaterThanOrEqual(26)
  })

  it('names the app and the output, and has one update feed: GitHub releases', () => {
    expect(config.productName).toBe('Token Desk')
    expect(config.appId).toBe(APP_USER_MODEL_ID)
    expect(config.directories.output).toBe('dist')
    // One entry, not a list: electron-builder merges a list from options and file into a broken object.
    const feeds = [config.publish as { provider: string; owner: string; repo: string }]
    expect(Array.isArray(config.publish)).toBe(false)
    expect(feeds[0]).toMatchObject({ provider: 'github', owner: expect.stringMatching(/^[\w.-]+$/) as string, repo: expect.stringMatching(/^[\w.-]+$/) as string })
    // The link the app offers when it cannot install an update itself comes from the same entry.
    expect(releasePageUrl(feeds[0]!, '1.2.3')).toBe(`https://github.com/${feeds[0]!.owner}/${feeds[0]!.repo}/releases/tag/v1.2.3`)
  })

  it('npm run dist builds with the feed but never publishes by itself (implicit publishing goes away in v27)', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
    expect(scripts.dist).toMatch(/electron-builder --config electron-builder\.yml --publish never$/)
  })

  it('ships only the build output, the tray icons and package.json', () => {
    const included = config.files.filter((f) => !f.startsWith('!'))
    expect(included.sort()).toEqual(['assets/tray-*.png', 'out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'])
    expect(config.files).toEqual(expect.arrayContaining(['!**/*.map', '!**/.env', '!**/*.ts']))
  })

  it('builds AppImage and deb, NSIS, and dmg with the zip the macOS updater needs, with icons that exist', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config.mac.target).toEqual(['dmg', 'zip'])
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon]) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true)
    }
    for (const level of ['ok', 'expiring', 'dead']) {
      expect(existsSync(join(ROOT, `assets/tray-${level}.png`))).toBe(true)
      expect(existsSync(join(ROOT, `assets/tray-${level}@2x.png`))).toBe(true)
    }
  })
})

describe('the Linux desktop entry and the windows match (issue 18, fault 9)', () => {
  it("package.json's desktopName is the installed .desktop file's name, which Electron uses as app_id / WM_CLASS", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { desktopName?: string }
    const linux = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { linux: { executableName: string; syncDesktopName?: boolean } }
    expect(pkg.desktopName).toBe(`${linux.linux.executableName}.desktop`)
    // electron-builder names the installed file after desktopName only with syncDesktopName (default false until v27).
    expect(linux.linux.syncDesktopName).toBe(true)
  })
})
