import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../../main/core/log'
import type { Timers } from '../../../main/core/ports'
import { CHECK_EVERY_MS, createUpdateController, type UpdaterLike } from '../../../main/core/update/controller'
import { parseUpdateFeed, releasePageUrl, releasePagesPrefix } from '../../../main/core/update/feed'
import { installMode, isCannotInstallError, macSigning } from '../../../main/core/update/install-mode'
import { MANUAL_HOW, menuItem, type InstallMode, type UpdateNotice, type UpdateState } from '../../../main/core/update/state'

/** electron-updater's surface, recording calls; the test emits the events it would. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = true
  autoInstallOnAppQuit = true
  logger: unknown = null
  checks = 0
  installs = 0
  installArgs: unknown[][] = []
  answer: unknown = { updateInfo: {} }
  checkForUpdates(): Promise<unknown> {
    this.checks++
    return Promise.resolve(this.answer)
  }
  quitAndInstall(...args: unknown[]): void {
    this.installs++
    this.installArgs.push(args)
  }
}

function manualTimers() {
  const pending: { fn: () => void; ms: number }[] = []
  const timers: Timers = { setTimeout: (fn, ms) => (pending.push({ fn, ms }), pending.length), clearTimeout: () => (pending.length = 0) }
  return { timers, pending }
}

function setup(mode: InstallMode) {
  const updater = new FakeUpdater()
  const { timers, pending } = manualTimers()
  const notices: UpdateNotice[] = []
  const states: UpdateState[] = []
  const controller = createUpdateController({ updater, mode, timers, clock: { now: () => 1000 }, log: silentLogger, notify: (n) => notices.push(n), onChange: (s) => states.push(s) })
  return { updater, controller, notices, states, pending }
}

describe('the update state machine with a fake updater', () => {
  it('checks at start and every 24 hours, downloads silently, and offers Restart to update', async () => {
    const { updater, controller, notices, pending } = setup({ kind: 'silent' })
    expect(updater.autoDownload).toBe(true)
    expect(updater.autoInstallOnAppQuit).toBe(true)
    expect(controller.menuItem()).toEqual({ label: 'Check for updates…', enabled: true, action: 'check' })
    controller.start()
    expect(updater.checks).toBe(1)
    expect(pending.map((p) => p.ms)).toEqual([CHECK_EVERY_MS])
    expect(CHECK_EVERY_MS).toBe(86_400_000)
    updater.emit('checking-for-update')
    expect(controller.menuItem()).toEqual({ label: 'Checking for updates…', enabled: false, action: null })
    updater.emit('update-available', { version: '0.2.0' })
    updater.emit('download-progress', { percent: 41.6 })
    expect(controller.menuItem()).toEqual({ label: 'Downloading update (42%)…', enabled: false, action: null })
    updater.emit('update-downloaded', { version: '0.2.0' })
    expect(controller.menuItem()).toEqual({ label: 'Restart to update to 0.2.0', enabled: true, action: 'restart' })
    expect(notices).toEqual([expect.objectContaining({ key: 'update-ready:0.2.0', title: 'Token Desk 0.2.0 is ready' })])
    controller.restart()
    expect(updater.installs).toBe(1)
    // The daily check does not check again over a downloaded update, and keeps the schedule.
    pending.shift()!.fn()
    await Promise.resolve()
    expect(updater.checks).toBe(1)
    expect(pending).toHaveLength(1)
    // The same version downloaded again says nothing new.
    updater.emit('update-downloaded', { version: '0.2.0' })
    expect(notices).toHaveLength(1)
  })

  it('where it cannot install silently, it only checks, and says a new version is available with what to do', () => {
    const { updater, controller, notices } = setup({ kind: 'manual', how: MANUAL_HOW.deb })
    expect(updater.autoDownload).toBe(false)
    expect(updater.autoInstallOnAppQuit).toBe(false)
    controller.start()
    updater.emit('checking-for-update')
    updater.emit('update-available', { version: '0.3.0' })
    expect(controller.state()).toEqual({ step: 'available', version: '0.3.0', how: MANUAL_HOW.deb })
    expect(controller.menuItem()).toEqual({ label: 'Get Token Desk 0.3.0…', enabled: true, action: 'download' })
    expect(notices).toEqual([{ key: 'update-available:0.3.0', title: 'Token Desk 0.3.0 is available', body: MANUAL_HOW.deb, action: 'download' }])
    expect(notices[0]!.body).toContain('sudo apt install')
    controller.restart()
    expect(updater.installs).toBe(0)
  })

  it('an unsigned macOS build that fails to install turns the failure into "available" with what to do', () => {
    const { updater, controller, notices } = setup({ kind: 'silent' })
    controller.start()
    updater.emit('update-available', { version: '1.0.0' })
    updater.emit('error', new Error('Could not get code signature for running application'))
    expect(controller.state()).toEqual({ step: 'available', version: '1.0.0', how: MANUAL_HOW.unsigned })
    expect(notices.map((n) => n.key)).toEqual(['update-available:1.0.0'])
  })

  it('a check the user asked for answers even when there is nothing new or it fails; a background one stays quiet', () => {
    const { updater, controller, notices, states } = setup({ kind: 'silent' })
    controller.check(true)
    updater.emit('checking-for-update')
    updater.emit('update-not-available', { version: '0.1.0' })
    expect(notices.map((n) => n.title)).toEqual(['Token Desk is up to date'])
    controller.check(false)
    updater.emit('update-not-available', { version: '0.1.0' })
    controller.check(true)
    updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED https://x/?access_token=EAAB1234567890abcdefghij'))
    expect(notices.map((n) => n.title)).toEqual(['Token Desk is up to date', 'Could not check for updates'])
    expect(JSON.stringify([notices, states])).not.toContain('EAAB1234567890')
    expect(controller.menuItem()).toEqual({ label: 'Update check failed: try again', enabled: true, action: 'check' })
  })

  it('an updater that is inactive here (null answer, no events) goes back to idle', async () => {
    const { updater, controller } = setup({ kind: 'silent' })
    updater.answer = null
    controller.check(true)
    expect(controller.state().step).toBe('checking')
    await new Promise((r) => setTimeout(r, 0))
    expect(controller.state()).toEqual({ step: 'idle', checkedAt: null, upToDate: false })
  })

  it('off in development builds: no check, a disabled item', () => {
    const { updater, controller } = setup({ kind: 'off', why: 'Updates are off in development builds.' })
    controller.start()
    controller.check(true)
    expect(updater.checks).toBe(0)
    expect(updater.listenerCount('update-available')).toBe(0)
    expect(menuItem(controller.state())).toEqual({ label: 'Updates are off in this copy', enabled: false, action: null })
  })
})

describe('what decides how this copy updates', () => {
  const base = { platform: 'linux' as const, isPackaged: true, appImage: null, packageType: null, macSigning: null, hasFeed: true }
  it('silent on Windows, from an AppImage and for a Developer ID macOS build; manual for deb, rpm, unsigned macOS', () => {
    expect(installMode({ ...base, isPackaged: false }).kind).toBe('off')
    expect(installMode({ ...base, hasFeed: false }).kind).toBe('off')
    expect(installMode({ ...base, platform: 'win32' })).toEqual({ kind: 'silent' })
    expect(installMode({ ...base, appImage: '/home/u/Token Desk.AppImage' })).toEqual({ kind: 'silent' })
    expect(installMode({ ...base, packageType: 'deb' })).toEqual({ kind: 'manual', how: MANUAL_HOW.deb })
    expect(installMode({ ...base, packageType: 'rpm' })).toEqual({ kind: 'manual', how: MANUAL_HOW.rpm })
    expect(installMode(base)).toEqual({ kind: 'manual', how: MANUAL_HOW.unpacked })
    expect(installMode({ ...base, platform: 'darwin', macSigning: 'developer-id' })).toEqual({ kind: 'silent' })
    for (const signing of ['adhoc', 'unsigned', 'unknown'] as const) expect(installMode({ ...base, platform: 'darwin', macSigning: signing })).toEqual({ kind: 'manual', how: MANUAL_HOW.unsigned })
  })

  it('reads codesign output and Squirrel.Mac signature errors', () => {
    expect(macSigning('Executable=/Applications/Token Desk.app/Contents/MacOS/Token Desk\nAuthority=Developer ID Application: Token Desk (ABCDE12345)\nAuthority=Apple Root CA')).toBe('developer-id')
    expect(macSigning('Signature=adhoc\nTeamIdentifier=not set')).toBe('adhoc')
    expect(macSigning('/Applications/Token Desk.app: code object is not signed at all')).toBe('unsigned')
    expect(macSigning('')).toBe('unknown')
    expect(isCannotInstallError('Could not get code signature for running application')).toBe(true)
    expect(isCannotInstallError('net::ERR_CONNECTION_REFUSED')).toBe(false)
  })

  it('reads the feed electron-builder writes, and makes the release page link from it', () => {
    const feed = parseUpdateFeed('owner: token-desk\nrepo: token-desk\nprovider: github\nreleaseType: release\nupdaterCacheDirName: token-desk-updater\n')
    expect(feed).toEqual({ provider: 'github', owner: 'token-desk', repo: 'token-desk' })
    expect(releasePageUrl(feed!, '0.2.0')).toBe('https://github.com/token-desk/token-desk/releases/tag/v0.2.0')
    expect(releasePagesPrefix(feed!)).toBe('https://github.com/token-desk/token-desk/releases/')
    expect(releasePageUrl({ provider: 'github', owner: '../evil', repo: 'x' }, '1.0.0')).toBeNull()
    expect(releasePageUrl({ provider: 'generic', url: 'http://plain.example/' }, '1.0.0')).toBeNull()
    expect(parseUpdateFeed('nothing here')).toBeNull()
  })
})

describe('Restart to update (issue 18, fault 9)', () => {
  it('installs silently and starts the app again: quitAndInstall(true, true), not the assisted installer on Windows', () => {
    const { updater, controller } = setup({ kind: 'silent' })
    controller.start()
    updater.emit('update-available', { version: '0.2.0' })
    updater.emit('update-downloaded', { version: '0.2.0' })
    controller.restart()
    expect(updater.installArgs).toEqual([[true, true]])
  })
})
