/**
 * The `electron` module as the tests see it: vitest aliases `electron` here, and the launched-
 * entry test bundles this file as `node_modules/electron` for the built app in plain Node. It is
 * the strict stand-in of ./electron/runtime.ts (rules and their sources: ./electron/rules.ts).
 * Tests that need their own instance call `createFakeElectron()` (not ready yet, as at the start
 * of the main script) or `readyFakeElectron()` (as after `app.whenReady()`); modules that import
 * `electron` get the shared one below.
 */
import { createFakeElectron, type FakeElectron, type StandInOptions } from './electron/runtime'

export * from './electron/runtime'
export { createFakeSafeStorage, type FakeSafeStorage } from './safe-storage'

/**
 * The shared instance's options: from TOKEN_DESK_STANDIN (JSON) when the built app is launched
 * under the stand-in, else the defaults. The launcher adds `onExit` before the app runs.
 */
export const sharedOptions: StandInOptions = process.env.TOKEN_DESK_STANDIN ? (JSON.parse(process.env.TOKEN_DESK_STANDIN) as StandInOptions) : {}
const launched = process.env.TOKEN_DESK_STANDIN !== undefined

/** The shared instance behind the module's named exports (what `import { app } from 'electron'` gets). */
export const fake = createFakeElectron(sharedOptions)
export const {
  app,
  BrowserWindow,
  session,
  ipcMain,
  safeStorage,
  Tray,
  Menu,
  nativeImage,
  Notification,
  clipboard,
  powerMonitor,
  net,
  shell,
  protocol,
  autoUpdater,
} = fake
/** Read on use, as Electron loads it on first access (rule ready.screen). */
export const screen = new Proxy({} as FakeScreen, { get: (_target, key) => Reflect.get(fake.screen, key) as unknown })
type FakeScreen = typeof fake.screen
// Renderer-process modules: undefined in the main process of the launched app, as in Electron.
// The vitest instance serves the preload's test as well, so it keeps them.
export const ipcRenderer = (launched ? undefined : fake.ipcRenderer) as FakeElectron['ipcRenderer']
export const contextBridge = (launched ? undefined : fake.contextBridge) as FakeElectron['contextBridge']
export default fake
