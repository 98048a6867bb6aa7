import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { childEnv } from '../core/child-env'
import type { UpdaterLike } from '../core/update/controller'
import { parseUpdateFeed, type UpdateFeed } from '../core/update/feed'
import { installMode, macSigning, type InstallFacts } from '../core/update/install-mode'
import type { UpdatesSetup } from './updates'

export interface UpdateSetupEnv {
  platform: NodeJS.Platform
  isPackaged: boolean
  /** process.resourcesPath: where electron-builder puts app-update.yml and package-type. */
  resourcesPath: string
  /** app.getAppPath(): where a development build keeps dev-app-update.yml. */
  appPath: string
  execPath: string
  appImage: string | null
  /** Runs codesign on macOS; injectable for tests. Resolves with what it printed. */
  codesign?: (bundle: string) => Promise<string>
}

const readText = (path: string): Promise<string | null> => readFile(path, 'utf8').then((t) => t, () => null)

function runCodesign(bundle: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('codesign', ['-dv', '--verbose=2', bundle], { timeout: 10_000, env: childEnv(process.env) }, (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`))
  })
}

/** The facts electron-updater's behaviour depends on, read from the installed app. */
async function installFacts(env: UpdateSetupEnv): Promise<InstallFacts & { feed: UpdateFeed | null }> {
  const feedText = await readText(env.isPackaged ? join(env.resourcesPath, 'app-update.yml') : join(env.appPath, 'dev-app-update.yml'))
  const feed = feedText === null ? null : parseUpdateFeed(feedText)
  const packageType = (await readText(join(env.resourcesPath, 'package-type')))?.trim() || null
  let signing: InstallFacts['macSigning'] = null
  if (env.platform === 'darwin' && env.isPackaged) {
    const bundle = /^(.*?\.app)\//.exec(env.execPath)?.[1]
    signing = bundle ? macSigning(await (env.codesign ?? runCodesign)(bundle)) : 'unknown'
  }
  return { platform: env.platform, isPackaged: env.isPackaged, appImage: env.appImage, packageType, macSigning: signing, hasFeed: feed !== null, feed }
}

/** electron-updater's autoUpdater with what this copy can do about updates. */
export async function desktopUpdateSetup(updater: () => UpdaterLike, env: UpdateSetupEnv, updaterLog?: unknown): Promise<UpdatesSetup> {
  const facts = await installFacts(env)
  const mode = installMode(facts)
  return {
    // Only touched when updates are on: electron-updater builds its platform updater on first use.
    updater: mode.kind === 'off' ? inertUpdater() : updater(),
    mode,
    feed: facts.feed,
    ...(updaterLog ? { updaterLog } : {}),
  }
}

function inertUpdater(): UpdaterLike {
  return { autoDownload: false, autoInstallOnAppQuit: false, logger: null, on: () => undefined, checkForUpdates: () => Promise.resolve(null), quitAndInstall: () => undefined }
}
