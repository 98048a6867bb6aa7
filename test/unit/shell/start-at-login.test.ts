import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { autostartFile, desktopExecArg, startAtLogin, startAtLoginRegistered } from '../../../main/shell/lifecycle'
import { createAppCore } from '../../../main/core/app/create'
import type { CreateAppCoreDeps } from '../../../main/core/app/context'
import { silentLogger } from '../../../main/core/log'
import { createNodeCipher } from '../../../main/core/vault'
import { readyFakeElectron } from '../../fakes/electron'

let configHome: string
beforeEach(() => {
  configHome = mkdtempSync(join(tmpdir(), 'td-xdg-'))
})
afterEach(() => rmSync(configHome, { recursive: true, force: true }))

describe('start at login on Linux: an XDG autostart entry', () => {
  it('is written under $XDG_CONFIG_HOME/autostart naming the AppImage when run from one, and removed', () => {
    const { app } = readyFakeElectron()
    const env = { execPath: '/tmp/.mount_TokenDXYZ/token-desk', appImage: '/home/ann/Apps/Token Desk.AppImage', configHome }
    const set = startAtLogin(app, 'linux', env)
    const registered = startAtLoginRegistered(app, 'linux', env)
    expect(autostartFile(env)).toBe(join(configHome, 'autostart', 'token-desk.desktop'))
    expect(registered()).toBe(false)
    set(true)
    const text = readFileSync(autostartFile(env), 'utf8')
    expect(text).toMatch(/^\[Desktop Entry\]\nType=Application\nName=Token Desk\n/)
    expect(text).toContain('Exec="/home/ann/Apps/Token Desk.AppImage" --hidden\n')
    expect(text).not.toContain('.mount_')
    expect(registered()).toBe(true)
    set(false)
    expect(registered()).toBe(false)
    expect(() => readFileSync(autostartFile(env))).toThrow()
  })

  it('names the installed executable when not run from an AppImage', () => {
    const { app } = readyFakeElectron()
    const env = { execPath: '/opt/Token Desk/token-desk', configHome }
    startAtLogin(app, 'linux', env)(true)
    expect(readFileSync(autostartFile(env), 'utf8')).toContain('Exec="/opt/Token Desk/token-desk" --hidden\n')
    expect(startAtLoginRegistered(app, 'linux', env)()).toBe(true)
  })

  it('shows what is really registered: an entry for another copy, a hidden or disabled one, does not count', () => {
    const { app } = readyFakeElectron()
    const env = { execPath: '/usr/bin/token-desk', configHome }
    const registered = startAtLoginRegistered(app, 'linux', env)
    mkdirSync(join(configHome, 'autostart'))
    writeFileSync(autostartFile(env), '[Desktop Entry]\nType=Application\nExec=/home/ann/Old.AppImage --hidden\n')
    expect(registered()).toBe(false)
    startAtLogin(app, 'linux', env)(true)
    expect(registered()).toBe(true)
    writeFileSync(autostartFile(env), `${readFileSync(autostartFile(env), 'utf8')}Hidden=true\n`)
    expect(registered()).toBe(false)
  })

  it('quotes and escapes Exec as the desktop entry spec says', () => {
    expect(desktopExecArg('/usr/bin/token-desk')).toBe('/usr/bin/token-desk')
    expect(desktopExecArg('/a b/c')).toBe('"/a b/c"')
    expect(desktopExecArg('/a/$HOME"`\\x')).toBe('"/a/\\\\$HOME\\\\"\\\\`\\\\\\\\x"')
    expect(desktopExecArg('/a/100%')).toBe('/a/100%%')
  })

  it('on macOS and Windows the login item Electron reports is what the setting shows', () => {
    const { app } = readyFakeElectron({ platform: 'darwin' })
    const registered = startAtLoginRegistered(app, 'darwin', { execPath: '/Applications/Token Desk.app/Contents/MacOS/Token Desk' })
    expect(registered()).toBe(false)
    startAtLogin(app, 'darwin', { execPath: '' })(true)
    expect(registered()).toBe(true)
  })
})

/** The real core, with the given platform port, in a temporary home. */
async function coreWith(platform: CreateAppCoreDeps['platform']) {
  const home = mkdtempSync(join(tmpdir(), 'td-login-home-'))
  const core = createAppCore({
    cipher: await createNodeCipher({ home, passphrase: 'login item test', keyring: null, scryptCost: { N: 1024, r: 8, p: 1 } }),
    settingsDir: home,
    loginWindow: { open: () => Promise.resolve({ kind: 'cancelled' }), clearSession: () => Promise.resolve() },
    clipboard: { copy: () => undefined },
    notifier: { notify: () => undefined },
    log: silentLogger,
    platform,
  })
  await core.start()
  return { core, close: async () => (await core.stop(), rmSync(home, { recursive: true, force: true })) }
}

describe('the setting shows the registration, not the last wish', () => {
  it('a removed autostart file shows as off, and turning it on writes it again', async () => {
    const { app } = readyFakeElectron()
    const env = { execPath: '/usr/bin/token-desk', configHome }
    const registered = startAtLoginRegistered(app, 'linux', env)
    const { core, close } = await coreWith({ setStartAtLogin: startAtLogin(app, 'linux', env), startAtLoginRegistered: registered })
    try {
      let reply = await core.call('updateSettings', { startAtLogin: true })
      expect(reply.ok && reply.value.settings.startAtLogin).toBe(true)
      rmSync(autostartFile(env))
      expect(core.state().settings.startAtLogin).toBe(false)
      // Stored as on, registered as off: asking for on again really registers it.
      reply = await core.call('updateSettings', { startAtLogin: true })
      expect(reply.ok && reply.value.settings.startAtLogin).toBe(true)
      expect(registered()).toBe(true)
      reply = await core.call('updateSettings', { startAtLogin: false })
      expect(reply.ok && reply.value.settings.startAtLogin).toBe(false)
      expect(registered()).toBe(false)
    } finally {
      await close()
    }
  })

  it('when the OS refuses, nothing is stored and the setting stays off', async () => {
    const { core, close } = await coreWith({
      setStartAtLogin: () => {
        throw new Error('EACCES: permission denied, mkdir autostart')
      },
      startAtLoginRegistered: () => false,
    })
    try {
      const reply = await core.call('updateSettings', { startAtLogin: true, checkIntervalHours: 12 })
      expect(reply.ok).toBe(false)
      expect(core.state().settings).toMatchObject({ startAtLogin: false, checkIntervalHours: 6 })
    } finally {
      await close()
    }
  })
})
