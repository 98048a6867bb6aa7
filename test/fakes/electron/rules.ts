/**
 * The rules the Electron stand-in enforces, each with where it comes from. Electron 45.5.0 is the
 * version the app is built for; "d.ts" is its `node_modules/electron/electron.d.ts`, "docs/…",
 * "lib/…" and "shell/…" are files of github:electron/electron (main branch, read where 45 and
 * main agree), "chromium:…" a Chromium source file. A rule marked STRICTER is stricter than
 * Electron 45 on purpose, and says why. The stand-in throws Electron's own error, with Electron's
 * own words, and records every refusal (`standIn.violations`), so a launched test can fail on a
 * refusal the app caught and logged.
 *
 * Before `ready` (the app module's `ready` event; `app.whenReady()`):
 *  ready.session      `session.defaultSession`, `session.fromPartition()` (and so `net.fetch`,
 *                     `protocol.handle`, which go through the default session) throw
 *                     TypeError "Session can only be received when app is ready".
 *                     shell/browser/api/electron_api_session.cc FromPartition; lib/browser/api/
 *                     session.ts (`get defaultSession() { return fromPartition('') }`); d.ts
 *                     `defaultSession`: "available after `app.whenReady` is called"; lib/browser/
 *                     api/net.ts `fetch` = `session.defaultSession.fetch`; lib/browser/api/
 *                     protocol.ts `handle` = `session.defaultSession.protocol.handle`.
 *  ready.window       `new BrowserWindow()` throws "Cannot create BrowserWindow before app is ready".
 *                     shell/browser/api/electron_api_browser_window.cc; docs/api/browser-window.md.
 *  ready.tray         `new Tray()` throws "Cannot create Tray before app is ready".
 *                     shell/browser/api/electron_api_tray.cc.
 *  ready.notification `new Notification()` throws "Cannot create Notification before app is ready".
 *                     shell/browser/api/electron_api_notification.cc.
 *  ready.safeStorage  `isEncryptionAvailable()` is false, `isAsyncEncryptionAvailable()` resolves
 *                     false, `getSelectedStorageBackend()` is 'unknown', `encryptString`/
 *                     `decryptString` throw and the async ones reject with "safeStorage cannot be
 *                     used before app is ready". shell/browser/api/electron_api_safe_storage.cc;
 *                     d.ts `getSelectedStorageBackend` ("`unknown` - When the function is called
 *                     before app has emitted the `ready` event").
 *  ready.powerMonitor STRICTER: a listener before ready is refused ("powerMonitor cannot be used
 *                     before the app is ready"). Electron 25+ accepts it (electron/electron#37937
 *                     removed the requirement; before it, docs/api/power-monitor.md said "cannot
 *                     be used until the ready event"); the app has no reason to listen earlier,
 *                     so a listener before ready is a sign of module-scope wiring.
 *  ready.screen       reading `screen` throws "The 'screen' module can't be used before the app
 *                     'ready' event". shell/browser/api/electron_api_screen.cc Screen::Create.
 *  ready.net          `net.request()` throws "net module can only be used after app is ready".
 *                     lib/browser/api/net.ts; docs/api/net.md.
 * Before `ready` only:
 *  schemes.beforeReady `protocol.registerSchemesAsPrivileged()` after ready throws
 *                     "protocol.registerSchemesAsPrivileged should be called before app is ready".
 *                     shell/browser/api/electron_api_protocol.cc.
 *  schemes.once       STRICTER: a second call is refused; docs/api/protocol.md: "can be called
 *                     only once" (Electron does not check it: a second list replaces the first).
 * Paths:
 *  setPath.absolute   `app.setPath(name, relative)` throws "Path must be absolute".
 *                     shell/browser/api/electron_api_app.cc App::SetPath.
 * Per platform:
 *  platform.activate  `activate` is emitted on macOS only (d.ts `@platform darwin`): the stand-in
 *                     simulates a Dock click only when it plays macOS.
 *  platform.trayClick On Linux the tray is a StatusNotifierItem: "the StatusNotifierItem spec does
 *                     not specify which action would cause an activation" (docs/api/tray.md), so
 *                     the stand-in never emits `click` there; a click shows the context menu.
 *                     `right-click`/`double-click` are macOS and Windows only (docs/api/tray.md).
 *  platform.notificationFailed `failed` is emitted on macOS and Windows only (d.ts `@platform
 *                     darwin,win32`); on macOS an app that is not code-signed gets `failed` for
 *                     every notification (docs/breaking-changes.md "macOS notifications now use
 *                     `UNNotification` API"; docs/api/notification.md).
 *  platform.appUserModelId `app.setAppUserModelId` exists on Windows only
 *                     (shell/browser/api/electron_api_app.cc, under `BUILDFLAG(IS_WIN)`).
 *  platform.loginItems `getLoginItemSettings()`: `wasOpenedAtLogin` is macOS only, the `args`
 *                     option and `executableWillLaunchAtLogin` Windows only; Linux has no login
 *                     items (d.ts LoginItemSettings; docs/api/app.md, electron/electron#15198).
 *  platform.sessionEnd `query-session-end` and `session-end` are BrowserWindow events on Windows
 *                     only (d.ts `@platform win32`), and on Windows "`before-quit` will not be
 *                     emitted if the app is closed due to a shutdown/restart of the system or a
 *                     user logout" (docs/api/app.md): after `session-end` the process is gone.
 * Quitting:
 *  quit.order         `app.quit()`: `before-quit` (preventable), then every window gets `close`
 *                     (preventable; a prevented close cancels the quit), then `will-quit`
 *                     (preventable), `quit`, and the process exits; a second `quit()` while one
 *                     runs does nothing. shell/browser/browser.cc Quit, HandleBeforeQuit,
 *                     OnWindowCloseCancelled, OnWindowAllClosed, NotifyAndShutdown. Work still
 *                     pending when the process exits never happens.
 *  quit.lastWindow    with no `window-all-closed` listener, closing the last window quits
 *                     (lib/browser/init.ts).
 *  quit.forUpdate     the native `autoUpdater.quitAndInstall()` (what electron-updater's
 *                     MacUpdater calls): `before-quit-for-update`, then `close` on every window,
 *                     and only once none is left the install and the quit (`before-quit` after
 *                     the windows closed); a prevented close leaves the update waiting.
 *                     shell/browser/api/electron_api_auto_updater.cc QuitAndInstall,
 *                     OnWindowAllClosed; shell/browser/window_list.cc; docs/api/app.md note on
 *                     `before-quit`.
 * Network:
 *  fetch.manualRedirect `ses.fetch(url, { redirect: 'manual' })` rejects with "Redirect was
 *                     cancelled" when the server redirects (lib/browser/api/net-fetch.ts passes
 *                     the mode to ClientRequest; lib/common/api/net-client-request.ts `_die`;
 *                     electron/electron#43715). `net.request({ redirect: 'manual' })` emits
 *                     `redirect` and fails the same way unless the listener calls
 *                     `followRedirect()` or `abort()`; `redirect: 'error'` fails with "Attempted
 *                     to redirect, but redirect policy was 'error'".
 *  fetch.headers      a header with several values comes back joined with ", " (net-fetch.ts).
 *  fetch.errors       a request that fails gets Chromium's "net::ERR_…" error, never Node's.
 *  fetch.offline      STRICTER: nothing leaves loopback; another host answers
 *                     net::ERR_NAME_NOT_RESOLVED (these machines have no internet), and a window
 *                     loading one waits until the test answers for that host.
 *  webRequest.last    "Only the last attached `listener` will be used" (docs/api/web-request.md).
 * safeStorage on Linux:
 *  safeStorage.fallback With a recognised desktop whose Secret Service does not answer, the async
 *                     encryptor falls back to Chromium's published key: blobs start "v10",
 *                     `isAsyncEncryptionAvailable()` is true and `getSelectedStorageBackend()`
 *                     still names the desktop's backend. chromium:components/os_crypt/async/
 *                     browser/fallback_linux_key_provider.cc (kEncryptionTag "v10", key =
 *                     PBKDF2-HMAC-SHA1("peanuts", "saltysalt", 1 iteration)). Not confirmed on a
 *                     machine with the binary (shared/security.md §10.1): modelled defensively.
 *  safeStorage.prompt a keyring that prompts keeps every call waiting until the user answers.
 * Objects:
 *  destroyed          any method of a destroyed BrowserWindow or webContents, other than
 *                     `isDestroyed()` and the event-emitter methods, throws TypeError "Object has
 *                     been destroyed" (shell/common/gin_helper/function_template.h).
 *  ipc.secondHandler  a second `ipcMain.handle` for a channel throws "Attempted to register a
 *                     second handler for '<channel>'" (lib/browser/ipc-main-impl.ts).
 *  ipc.clone          a handler's result crosses to the renderer by structured clone: a function
 *                     inside it throws "An object could not be cloned" (docs/api/ipc-main.md).
 * Start:
 *  entry.esm          an ES-module entry is evaluated whole before `ready`; an exception there
 *                     is emitted as `uncaughtException` and, with no other listener, shown in the
 *                     "A JavaScript error occurred in the main process" dialog while the app
 *                     keeps running without a window (lib/browser/init.ts).
 *  singleInstance     `requestSingleInstanceLock()` is false in a second process for the same
 *                     userData, which hands its argv to the first: `second-instance` (event,
 *                     argv, workingDirectory, additionalData) there (docs/api/app.md).
 */

export type RuleId =
  | 'ready.session'
  | 'ready.window'
  | 'ready.tray'
  | 'ready.notification'
  | 'ready.safeStorage'
  | 'ready.powerMonitor'
  | 'ready.screen'
  | 'ready.net'
  | 'schemes.beforeReady'
  | 'schemes.once'
  | 'setPath.absolute'
  | 'platform.activate'
  | 'platform.trayClick'
  | 'platform.appUserModelId'
  | 'platform.sessionEnd'
  | 'fetch.manualRedirect'
  | 'destroyed'
  | 'ipc.secondHandler'
  | 'ipc.clone'

export interface Violation {
  rule: RuleId
  message: string
  stack: string
}

/** Where refusals are recorded; each stand-in instance has its own. */
export class RuleBook {
  readonly violations: Violation[] = []
  /** Records the refusal and returns Electron's error, for the caller to throw (or reject with). */
  refuse(rule: RuleId, message: string, kind: 'Error' | 'TypeError' = 'Error'): Error {
    const error = kind === 'TypeError' ? new TypeError(message) : new Error(message)
    this.violations.push({ rule, message, stack: error.stack ?? message })
    return error
  }
}
