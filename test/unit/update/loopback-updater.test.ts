/**
 * electron-updater itself (its AppImage and deb updaters, unmodified) against a generic provider
 * on 127.0.0.1 serving latest-linux.yml and the artifacts, wired into the desktop shell with the
 * fake Electron: its events drive the tray item, the app menu item and the notifications.
 * Only two seams are replaced, as electron-updater's own tests allow: the app adapter (no
 * Electron `app`) and the HTTP executor (Node's http instead of Electron's net).
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request, createServer, type ClientRequest, type RequestOptions, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpExecutor, configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime'
import { AppImageUpdater, DebUpdater, type AppUpdater } from 'electron-updater'
import type { AppAdapter } from 'electron-updater/out/AppAdapter'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AppState } from '../../../preload/api'
import type { AppCore } from '../../../main/core/app/types'
import { silentLogger } from '../../../main/core/log'
import { systemTimers } from '../../../main/core/ports'
import type { UpdaterLike } from '../../../main/core/update/controller'
import { MANUAL_HOW, type InstallMode } from '../../../main/core/update/state'
import { composeShell, type Shell } from '../../../main/shell/compose'
import { createSafeStorageCipher } from '../../../main/shell/safe-storage-cipher'
import { readyFakeElectron, type FakeElectron } from '../../fakes/electron'
import { appState } from '../shell/fixtures'

/** builder-util-runtime's executor over Node's http, as ElectronHttpExecutor is over Electron's net. */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return request(options, callback)
  }
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined }
      configureRequestUrl(url, requestOptions)
      configureRequestOptions(requestOptions)
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (e) => (e ? reject(e) : resolve(destination)), responseHandler: null }, 0)
    })
  }
}

const ARTIFACTS: Record<string, Buffer> = {
  'Token-Desk-0.2.0.AppImage': Buffer.from('#!/bin/sh\necho new token desk\n'.repeat(50)),
  'token-desk_0.2.0_amd64.deb': Buffer.from('!<arch>\nnot a real deb\n'.repeat(40)),
}
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64')
const latestLinux = () =>
  [
    'version: 0.2.0',
    'files:',
    ...Object.entries(ARTIFACTS).flatMap(([url, bytes]) => [`  - url: ${url}`, `    sha512: ${sha512(bytes)}`, `    size: ${bytes.length}`]),
    'path: Token-Desk-0.2.0.AppImage',
    `sha512: ${sha512(ARTIFACTS['Token-Desk-0.2.0.AppImage']!)}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n')

let server: Server
let feedUrl: string
const served: string[] = []
let work: string
const savedAppImage = process.env.APPIMAGE

beforeAll(async () => {
  server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1))
    served.push(name)
    if (name === 'latest-linux.yml') return void res.writeHead(200, { 'content-type': 'text/yaml' }).end(latestLinux())
    const bytes = ARTIFACTS[name]
    if (bytes) return void res.writeHead(200, { 'content-length': bytes.length }).end(bytes)
    res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))
afterEach(() => {
  if (savedAppImage === undefined) delete process.env.APPIMAGE
  else process.env.APPIMAGE = savedAppImage
  if (work) rmSync(work, { recursive: true, force: true })
  served.length = 0
})

function adapter(dir: string): AppAdapter & { quitHandlers: unknown[] } {
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: token-desk-test-updater\n`)
  const quitHandlers: unknown[] = []
  return {
    version: '0.1.0',
    name: 'Token Desk',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: (handler) => void quitHandlers.push(handler),
    quitHandlers,
  }
}

function realUpdater(Kind: typeof AppImageUpdater | typeof DebUpdater, app: AppAdapter): AppUpdater {
  const updater = new Kind(null, app)
  ;(updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeHttpExecutor()
  updater.disableDifferentialDownload = true
  return updater
}

function idleCore(): AppCore {
  const state: AppState = appState([])
  return { call: () => Promise.resolve({ ok: true, value: state } as never), subscribe: () => () => undefined, state: () => state, start: () => Promise.resolve(), stop: () => Promise.resolve(), wake: () => undefined, setOnline: () => undefined }
}

async function desktopWith(updater: AppUpdater, mode: InstallMode): Promise<{ electron: FakeElectron; shell: Shell }> {
  const electron = readyFakeElectron()
  const cipher = createSafeStorageCipher(
    { isEncryptionAvailable: () => true, encryptString: (s) => Buffer.from(s), decryptString: (b) => b.toString(), getSelectedStorageBackend: () => 'kwallet6' },
    'linux',
  )
  const shell = await composeShell(electron, () => idleCore(), {
    platform: 'linux', isPackaged: true, rendererRoot: '/r', preloadPath: '/p.cjs', iconDir: '/i', userDataDir: '/u', devServerUrl: null,
    startHidden: true, execPath: '/opt/token-desk', cipher, log: silentLogger, timers: systemTimers, clock: { now: () => Date.now() },
    updates: { updater: updater as unknown as UpdaterLike, mode, feed: { provider: 'github', owner: 'token-desk', repo: 'token-desk' }, updaterLog: silentLogger },
  })
  return { electron, shell }
}

type Item = { label?: string; enabled?: boolean; click?: () => void }
const trayItems = (e: FakeElectron): Item[] => ((e.Tray.instances.at(-1)!.menu as { template: Item[] }).template)
const appMenuItems = (e: FakeElectron): Item[] => ((e.Menu.applicationMenu as { template: { submenu?: Item[] }[] }).template[0]!.submenu!)
const updateItem = (items: Item[]): Item | undefined => items.find((i) => /update|Token Desk \d/i.test(i.label ?? ''))

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('electron-updater against a loopback generic provider', () => {
  it('AppImage: checks at start, downloads and verifies, then the tray, the menu and a notification offer the restart; installs on quit', async () => {
    work = mkdtempSync(join(tmpdir(), 'td-updater-'))
    process.env.APPIMAGE = join(work, 'Token Desk.AppImage')
    writeFileSync(process.env.APPIMAGE, 'old')
    const app = adapter(work)
    const updater = realUpdater(AppImageUpdater, app)
    const { electron, shell } = await desktopWith(updater, { kind: 'silent' })
    try {
      // Before any answer arrives the item already says what is happening.
      expect(updateItem(trayItems(electron))?.label).toMatch(/Checking for updates…|Downloading update|Restart to update/)
      await until('the downloaded notification', () => electron.Notification.instances.length > 0)
      expect(served).toEqual(expect.arrayContaining(['latest-linux.yml', 'Token-Desk-0.2.0.AppImage']))
      expect(served).not.toContain('token-desk_0.2.0_amd64.deb')
      const [notice] = electron.Notification.instances
      expect(notice!.options.title).toBe('Token Desk 0.2.0 is ready')
      expect(notice!.shown).toBe(true)
      expect(updateItem(trayItems(electron))).toMatchObject({ label: 'Restart to update to 0.2.0', enabled: true })
      expect(updateItem(appMenuItems(electron))).toMatchObject({ label: 'Restart to update to 0.2.0', enabled: true })
      // Install on quit: electron-updater registered its quit handler because the download was verified.
      expect(app.quitHandlers).toHaveLength(1)
      let installs = 0
      updater.quitAndInstall = () => void installs++
      updateItem(trayItems(electron))!.click!()
      expect(installs).toBe(1)
    } finally {
      shell.updates.controller.stop()
    }
  })

  it('deb (cannot install silently): checks only, then says a new version is available, with what to do and the release page', async () => {
    work = mkdtempSync(join(tmpdir(), 'td-updater-'))
    const app = adapter(work)
    const updater = realUpdater(DebUpdater, app)
    const { electron, shell } = await desktopWith(updater, { kind: 'manual', how: MANUAL_HOW.deb })
    try {
      await until('the available notification', () => electron.Notification.instances.length > 0)
      const [notice] = electron.Notification.instances
      expect(notice!.options).toEqual({ title: 'Token Desk 0.2.0 is available', body: MANUAL_HOW.deb })
      expect(served).toEqual(['latest-linux.yml'])
      expect(app.quitHandlers).toHaveLength(0)
      const item = updateItem(trayItems(electron))!
      expect(item).toMatchObject({ label: 'Get Token Desk 0.2.0…', enabled: true })
      expect(updateItem(appMenuItems(electron))).toMatchObject({ label: 'Get Token Desk 0.2.0…' })
      item.click!()
      notice!.emit('click')
      expect(electron.shell.opened).toEqual([
        'https://github.com/token-desk/token-desk/releases/tag/v0.2.0',
        'https://github.com/token-desk/token-desk/releases/tag/v0.2.0',
      ])
    } finally {
      shell.updates.controller.stop()
    }
  })

  it('"Check for updates" from the tray when the server has nothing newer says so', async () => {
    work = mkdtempSync(join(tmpdir(), 'td-updater-'))
    const app = { ...adapter(work), version: '0.2.0' }
    const updater = realUpdater(DebUpdater, app)
    const { electron, shell } = await desktopWith(updater, { kind: 'manual', how: MANUAL_HOW.deb })
    try {
      await until('the first check to settle', () => updateItem(trayItems(electron))?.label === 'Check for updates…')
      expect(electron.Notification.instances).toHaveLength(0)
      updateItem(trayItems(electron))!.click!()
      await until('the up-to-date notification', () => electron.Notification.instances.length > 0)
      expect(electron.Notification.instances[0]!.options.title).toBe('Token Desk is up to date')
    } finally {
      shell.updates.controller.stop()
    }
  })
})
