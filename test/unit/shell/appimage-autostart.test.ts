/**
 * Issue 18, fault 6: electron-updater's AppImageUpdater replaces $APPIMAGE by a file named for
 * the new version and emits `appimage-filename-updated`; start at login must follow it.
 */
import { EventEmitter } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../main/core/log'
import { execProgram, followAppImageRename, repairAutostart } from '../../../main/shell/appimage-autostart'
import { linuxAutostartEntry, startAtLogin, startAtLoginRegistered, type StartAtLoginEnv } from '../../../main/shell/lifecycle'
import { readyFakeElectron } from '../../fakes/electron'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'td-appimage-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const entryFile = () => join(dir, 'config', 'autostart', 'token-desk.desktop')

describe('start at login across an AppImage update', () => {
  it('follows appimage-filename-updated: the entry starts the renamed file', () => {
    const oldImage = join(dir, 'Apps', 'Token Desk-0.1.0.AppImage')
    const newImage = join(dir, 'Apps', 'Token Desk-0.2.0.AppImage')
    const env: StartAtLoginEnv = { execPath: '/tmp/.mount_x/token-desk', appImage: oldImage, configHome: join(dir, 'config') }
    const { app } = readyFakeElectron()
    startAtLogin(app, 'linux', env)(true)
    const registered = startAtLoginRegistered(app, 'linux', env)
    expect(registered()).toBe(true)
    const updater = new EventEmitter()
    followAppImageRename(updater, env, silentLogger)
    updater.emit('appimage-filename-updated', newImage)
    expect(execProgram(readFileSync(entryFile(), 'utf8'))).toBe(newImage)
    // The setting still reads as on: the entry starts this copy's (new) file.
    expect(registered()).toBe(true)
  })

  it('leaves an entry alone that starts something else, or that the user disabled', () => {
    const env: StartAtLoginEnv = { execPath: '/x', appImage: join(dir, 'Token Desk-0.1.0.AppImage'), configHome: join(dir, 'config') }
    mkdirSync(join(dir, 'config', 'autostart'), { recursive: true })
    writeFileSync(entryFile(), linuxAutostartEntry('/usr/bin/token-desk'))
    const updater = new EventEmitter()
    followAppImageRename(updater, env, silentLogger)
    updater.emit('appimage-filename-updated', join(dir, 'Token Desk-0.2.0.AppImage'))
    expect(execProgram(readFileSync(entryFile(), 'utf8'))).toBe('/usr/bin/token-desk')
    writeFileSync(entryFile(), `${linuxAutostartEntry(join(dir, 'gone-0.0.1.AppImage'))}Hidden=true\n`)
    repairAutostart(env, silentLogger)
    expect(execProgram(readFileSync(entryFile(), 'utf8'))).toBe(join(dir, 'gone-0.0.1.AppImage'))
  })

  it('at start, an entry that starts an AppImage that is gone starts this one', () => {
    const current = join(dir, 'Apps', 'Token Desk-0.3.0.AppImage')
    const env: StartAtLoginEnv = { execPath: '/tmp/.mount_y/token-desk', appImage: current, configHome: join(dir, 'config') }
    mkdirSync(join(dir, 'config', 'autostart'), { recursive: true })
    writeFileSync(entryFile(), linuxAutostartEntry(join(dir, 'Apps', 'Token Desk-0.1.0.AppImage')))
    repairAutostart(env, silentLogger)
    expect(execProgram(readFileSync(entryFile(), 'utf8'))).toBe(current)
    expect(readFileSync(entryFile(), 'utf8')).toContain('--hidden')
  })

  it('reads back the Exec program through the entry’s quoting and escaping', () => {
    for (const program of ['/usr/bin/token-desk', '/home/u/Token Desk.AppImage', '/a b/$x `y` "z" \\w 100%.AppImage']) {
      expect(execProgram(linuxAutostartEntry(program)), program).toBe(program)
    }
  })
})
