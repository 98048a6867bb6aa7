import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { UpdaterLike } from '../../../main/core/update/controller'
import { MANUAL_HOW } from '../../../main/core/update/state'
import { desktopUpdateSetup } from '../../../main/shell/update-setup'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'update-setup-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const env = () => ({ platform: 'linux' as const, isPackaged: true, resourcesPath: dir, appPath: dir, execPath: '/opt/token-desk/token-desk', appImage: null })

function counting() {
  const made: UpdaterLike[] = []
  const updater = (): UpdaterLike => {
    const u: UpdaterLike = { autoDownload: true, autoInstallOnAppQuit: true, logger: null, on: () => u, checkForUpdates: () => Promise.resolve(null), quitAndInstall: () => undefined }
    made.push(u)
    return u
  }
  return { made, updater }
}

describe('the desktop update setup, read from the installed app', () => {
  it('a .deb with a github feed: manual updates, the feed parsed from app-update.yml', async () => {
    await writeFile(join(dir, 'app-update.yml'), 'provider: github\nowner: token-desk\nrepo: token-desk\n')
    await writeFile(join(dir, 'package-type'), 'deb\n')
    const { made, updater } = counting()
    const setup = await desktopUpdateSetup(updater, env())
    expect(setup.mode).toEqual({ kind: 'manual', how: MANUAL_HOW.deb })
    expect(setup.feed).toEqual({ provider: 'github', owner: 'token-desk', repo: 'token-desk' })
    expect(made).toHaveLength(1)
  })

  it('no app-update.yml, or one without a provider: updates off, no feed, electron-updater never built', async () => {
    const { made, updater } = counting()
    const none = await desktopUpdateSetup(updater, env())
    expect(none.mode).toEqual({ kind: 'off', why: 'This build has no update feed.' })
    expect(none.feed).toBeNull()
    await writeFile(join(dir, 'app-update.yml'), 'owner: token-desk\n')
    const empty = await desktopUpdateSetup(updater, env())
    expect(empty.mode.kind).toBe('off')
    expect(empty.feed).toBeNull()
    expect(made).toHaveLength(0)
  })
})
