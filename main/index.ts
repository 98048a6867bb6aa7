// Electron entry: lock, scheme, ready, compose. Every adapter lives in main/shell, every
// decision in main/core.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  autoUpdater,
  clipboard,
  ipcMain,
  nativeImage,
  net,
  powerMonitor,
  protocol,
  session,
  shell,
} from 'electron'
import ElectronStore from 'electron-store'
// CommonJS: its named exports come through the default export under ESM.
import electronUpdater from 'electron-updater'
import { createAppCore } from './core/app/create'
import { resolveHome } from './core/home'
import { createLogger, stderrSink } from './core/log'
import { desktopLogFile, openFileLog, teeSink } from './core/logging/file-log'
import { systemClock, systemTimers } from './core/ports'
import { registerAppScheme } from './shell/app-protocol'
import { composeShell, type ElectronParts, type Shell } from './shell/compose'
import { APP_USER_MODEL_ID } from './shell/identity'
import { claimSingleInstance, startedHidden } from './shell/lifecycle'
import { createOsKeyring } from './core/vault'
import { createDesktopCipher } from './shell/desktop-cipher'
import { createSafeStorageCipher } from './shell/safe-storage-cipher'
import { desktopUpdateSetup } from './shell/update-setup'

// One folder for the app, `token-desk serve` and the command line on every OS (TOKEN_DESK_HOME
// overrides it for all three), rather than the one Electron derives from the app name. Set
// before the single-instance lock and the log file, which live in userData.
const home = resolveHome(process.env)
app.setPath('userData', home)

// Log lines go to userData/logs/main.log (rotated, mode 0600), redacted; stderr too in development.
const fileLog = openFileLog(desktopLogFile(app.getPath('userData')))
const logsFolder = dirname(fileLog.path)
const log = createLogger(app.isPackaged ? fileLog.sink : teeSink(fileLog.sink, stderrSink))
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: reason }))
const here = dirname(fileURLToPath(import.meta.url))
let shellRef: Shell | null = null

// Before anything opens a file: a second launch only wakes the first one.
if (claimSingleInstance(app, () => shellRef?.showWindow())) {
  // Only what Electron allows before `ready` happens here: the scheme (which must come first),
  // the Windows app id. Sessions, windows, the tray and safeStorage wait for ready.
  registerAppScheme(protocol)
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)

  app
    .whenReady()
    .then(async () => {
      shellRef = await composeShell(electronParts(), createAppCore, {
        platform: process.platform,
        isPackaged: app.isPackaged,
        rendererRoot: join(here, '../renderer'),
        preloadPath: join(here, '../preload/index.cjs'),
        iconDir: join(app.getAppPath(), 'assets'),
        appIconPath: join(app.getAppPath(), 'assets', 'tray-ok@2x.png'),
        userDataDir: home,
        devServerUrl: process.env.ELECTRON_RENDERER_URL ?? null,
        startHidden: startedHidden(process.argv, process.platform, app),
        execPath: process.execPath,
        ...(process.env.APPIMAGE ? { appImage: process.env.APPIMAGE } : {}),
        ...(process.env.XDG_CONFIG_HOME ? { configHome: process.env.XDG_CONFIG_HOME } : {}),
        cipher: createDesktopCipher({
          home,
          safeStorage: createSafeStorageCipher(),
          keyring: process.env.TOKEN_DESK_KEYRING === 'off' ? null : createOsKeyring(),
          passphrase: process.env.TOKEN_DESK_PASSPHRASE ? process.env.TOKEN_DESK_PASSPHRASE : null,
          log,
        }),
        ElectronStore,
        log,
        logs: { folder: logsFolder, files: () => fileLog.files() },
        updates: await desktopUpdateSetup(
          () => electronUpdater.autoUpdater,
          {
            platform: process.platform,
            isPackaged: app.isPackaged,
            resourcesPath: process.resourcesPath,
            appPath: app.getAppPath(),
            execPath: process.execPath,
            appImage: process.env.APPIMAGE ?? null,
          },
          fileLog.raw,
        ),
        timers: systemTimers,
        clock: systemClock,
      })
    })
    .catch((error: unknown) => {
      log.error('startup failed', { error })
      app.quit()
    })
}

/**
 * The Electron objects the shell uses. Built inside `whenReady`: `session.defaultSession`
 * throws before ready ("Session can only be received when app is ready"), and an ES-module
 * entry runs whole before ready.
 */
function electronParts(): ElectronParts<Electron.NativeImage> {
  return {
    app,
    BrowserWindow,
    session: { defaultSession: session.defaultSession, fromPartition: (p, o) => session.fromPartition(p, o) },
    protocol,
    ipcMain,
    Tray,
    Menu,
    nativeImage,
    Notification,
    clipboard,
    powerMonitor,
    net,
    shell,
    autoUpdater,
  }
}
