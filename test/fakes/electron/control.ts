/**
 * The launched stand-in's control channel: the test (the parent process) sends what the OS or a
 * person does, over Node's IPC channel, and reads what the stand-in saw. Nothing here is
 * Electron; it only drives the stand-in's own control (`standIn`) and reads its records.
 */
import type { FakeElectron, FakeMenu, MenuItemTemplate } from './runtime'
import type { FakeBrowserWindowBase } from './web'

export interface LaunchErrors {
  uncaught: string[]
  unhandledRejections: string[]
  dialogs: string[]
}

export interface WindowSnapshot {
  id: number
  url: string
  title: string
  visible: boolean
  partition: string
  loaded: string[]
  pageText: string
  httpStatus: number
  sentChannels: string[]
}

export interface StandInSnapshot {
  platform: string
  ready: boolean
  exited: { code: number } | null
  windows: WindowSnapshot[]
  handlers: string[]
  trays: { tooltip: string; destroyed: boolean; menu: string[]; images: string[]; clickListeners: number }[]
  appMenu: string[]
  notifications: { title: string; body: string }[]
  clipboard: string
  timeline: string[]
  violations: { rule: string; message: string }[]
  appListeners: Record<string, number>
}

const labels = (items: MenuItemTemplate[] | undefined): string[] =>
  (items ?? []).flatMap((i) => [...(i.label ? [i.label] : i.role ? [`role:${i.role}`] : []), ...labels(i.submenu)])

const windowOf = (electron: FakeElectron, id: number): FakeBrowserWindowBase => {
  const win = electron.BrowserWindow.getAllWindows().find((w) => w.id === id)
  if (!win) throw new Error(`no window ${id}`)
  return win
}

export function snapshot(electron: FakeElectron): StandInSnapshot {
  const appListeners: Record<string, number> = {}
  for (const name of ['second-instance', 'activate', 'before-quit', 'will-quit', 'window-all-closed', 'web-contents-created']) appListeners[name] = electron.app.listenerCount(name)
  return {
    platform: electron.standIn.platform,
    ready: electron.app.isReady(),
    exited: electron.standIn.exited,
    windows: electron.BrowserWindow.getAllWindows().map((w) => ({
      id: w.id,
      url: w.webContents.getURL(),
      title: w.title,
      visible: w.visible,
      partition: w.webContents.session.partition,
      loaded: w.loaded,
      pageText: w.webContents.pageText.slice(0, 2000),
      httpStatus: w.webContents.httpStatus,
      sentChannels: w.webContents.sent.map((m) => m.channel),
    })),
    handlers: [...electron.ipcMain.handlers.keys()],
    trays: electron.Tray.instances.map((t) => ({
      tooltip: t.tooltip,
      destroyed: t.destroyed,
      menu: labels(t.menu?.items),
      images: t.images.map((i) => String((i as { path?: string }).path ?? i)),
      clickListeners: t.listenerCount('click'),
    })),
    appMenu: labels((electron.Menu.applicationMenu as FakeMenu | null)?.items),
    notifications: electron.standIn.notifications().map((n) => ({ title: n.options.title, body: n.options.body })),
    clipboard: electron.clipboard.text,
    timeline: [...electron.standIn.timeline],
    violations: electron.standIn.rules.violations.map((v) => ({ rule: v.rule, message: v.message })),
    appListeners,
  }
}

export type Command =
  | { cmd: 'state' }
  | { cmd: 'invoke'; windowId: number; channel: string; args: unknown[] }
  | { cmd: 'clickTray' }
  | { cmd: 'clickTrayItem'; label: string }
  | { cmd: 'clickAppMenuItem'; label: string }
  | { cmd: 'activate' }
  | { cmd: 'endSession' }
  | { cmd: 'closeWindow'; windowId: number }
  | { cmd: 'submitForm'; windowId: number; button: { name: string; value: string } }
  | { cmd: 'answerPrompt'; answer: 'unlock' | 'dismiss' }

async function run(electron: FakeElectron, command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'state':
      return snapshot(electron)
    case 'invoke':
      return electron.standIn.rendererInvoke(windowOf(electron, command.windowId).webContents, command.channel, ...command.args)
    case 'clickTray':
      return labels(electron.standIn.clickTray()?.items)
    case 'clickTrayItem':
      return electron.standIn.clickTrayItem(command.label)
    case 'clickAppMenuItem':
      return electron.standIn.clickAppMenuItem(command.label)
    case 'activate':
      return electron.standIn.activate()
    case 'endSession':
      return electron.standIn.endSession()
    case 'closeWindow':
      return windowOf(electron, command.windowId).close()
    case 'submitForm':
      // The navigation it starts is the page's: its outcome shows in the window, not here.
      void windowOf(electron, command.windowId).webContents.submitForm(command.button).catch(() => undefined)
      return null
    case 'answerPrompt':
      return electron.safeStorage.answerPrompt(command.answer)
  }
}

export function serveControl(electron: FakeElectron, errors: LaunchErrors): void {
  if (!process.send) return
  process.on('message', (message: { id: number } & Command) => {
    void run(electron, message).then(
      (value) => process.send?.({ id: message.id, ok: true, value: value ?? null, errors }),
      (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error), errors }),
    )
  })
  // The IPC channel must not keep a quit app alive; Electron's loop (the launcher's interval) does that.
  process.channel?.unref()
}
