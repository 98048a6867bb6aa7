/**
 * `electron .` for the stand-in: what Electron's lib/browser/init.ts does with an app folder,
 * in plain Node. Run as `node --preserve-symlinks node_modules/electron/launcher.mjs <app dir>`
 * from a copy of the app whose node_modules/electron is the bundled stand-in. It
 *  - sets what Electron adds to `process` (type 'browser', resourcesPath, versions.electron) and
 *    the platform the stand-in plays (docs/api/process.md);
 *  - reads the app's package.json (name, version, desktopName, main), imports the ES-module
 *    entry, and emits an exception thrown there as `uncaughtException` (rule entry.esm);
 *  - becomes ready once the entry has run, and keeps the process alive like Electron's message
 *    loop until the app quits (the process then exits at once: rule quit.order);
 *  - records uncaught exceptions and unhandled rejections, and answers the test's commands over
 *    the IPC channel (control.ts); the report goes to TOKEN_DESK_STANDIN_REPORT at exit.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { fake, sharedOptions } from '../electron'
import { serveControl, snapshot, type LaunchErrors } from './control'

const appDir = resolve(process.argv[2] ?? '.')
const here = dirname(fileURLToPath(import.meta.url))
const errors: LaunchErrors = { uncaught: [], unhandledRejections: [], dialogs: [] }
const reportPath = process.env.TOKEN_DESK_STANDIN_REPORT ?? null

const writeReport = (): void => {
  if (reportPath) writeFileSync(reportPath, JSON.stringify({ ...snapshot(fake), errors }, null, 2))
}

// The "message loop": Electron's process lives until the app quits, with or without work to do.
const loop = setInterval(() => undefined, 1 << 30)
sharedOptions.onExit = (code) => {
  clearInterval(loop)
  writeReport()
  process.exit(code)
}

process.on('uncaughtException', (error) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
  errors.uncaught.push(text)
  // lib/browser/init.ts: with no listener of the app's own, the error goes to a dialog and the app keeps running.
  if (process.listenerCount('uncaughtException') === 1) errors.dialogs.push(`A JavaScript error occurred in the main process\n${text}`)
  writeReport()
})
process.on('unhandledRejection', (reason) => {
  errors.unhandledRejections.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason))
  writeReport()
})

const platform = sharedOptions.platform ?? 'linux'
Object.defineProperty(process, 'platform', { value: platform })
const electronProcess = process as NodeJS.Process & { type?: string; resourcesPath?: string }
electronProcess.type = 'browser'
electronProcess.resourcesPath = join(here, 'resources')
mkdirSync(electronProcess.resourcesPath, { recursive: true })
Object.defineProperty(process.versions, 'electron', { value: '45.5.0', enumerable: true })
Object.defineProperty(process.versions, 'chrome', { value: '142.0.0.0', enumerable: true })

const packageJson = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { name?: string; productName?: string; version?: string; main?: string; desktopName?: string }
sharedOptions.appPath = appDir
sharedOptions.appVersion = packageJson.version ?? '0.0.0'
fake.app.setName((packageJson.productName ?? packageJson.name ?? 'Electron').trim())
fake.standIn.timeline.push(`desktopName ${packageJson.desktopName ?? '(none)'}`)
process.argv = [process.execPath, appDir, ...(sharedOptions.argv ?? [])]

serveControl(fake, errors)

try {
  await import(pathToFileURL(join(appDir, packageJson.main ?? 'index.js')).href)
} catch (error) {
  process.emit('uncaughtException', error as Error)
}
// Chromium finishes launching once the app's code is loaded (lib/browser/init.ts appCodeLoaded).
setImmediate(() => fake.standIn.becomeReady())
