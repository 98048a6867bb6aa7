import type { Clock, Logger, Timers } from '../core/ports'
import { createUpdateController, type UpdateController, type UpdaterLike } from '../core/update/controller'
import { releasePagesPrefix, releasePageUrl, type UpdateFeed } from '../core/update/feed'
import type { InstallMode, UpdateNotice, UpdateState } from '../core/update/state'
import { openHelpLink, type ShellLike } from './external-links'
import { createNotifier, type NotificationClassLike } from './notifier'
import type { TrayMenuItem } from './tray-state'

/** What main/index.ts hands the shell: electron-updater's autoUpdater, and what was decided about it. */
export interface UpdatesSetup {
  updater: UpdaterLike
  mode: InstallMode
  /** The feed from app-update.yml (electron-builder's `publish`), for the release page link. */
  feed: UpdateFeed | null
  /** electron-updater's logger: electron-log, behind the redactor. */
  updaterLog?: unknown
}

export interface ShellUpdates {
  controller: UpdateController
  /** "Check for updates…" (or what the state calls for) for the tray and the app menu. */
  menuItem(): TrayMenuItem & { label: string }
  describe(): string
}

export interface WireUpdatesDeps {
  setup: UpdatesSetup | undefined
  Notification: NotificationClassLike
  shell: ShellLike
  timers: Timers
  clock: Clock
  log: Logger
  showWindow(): void
  onChange(state: UpdateState): void
}

export function wireUpdates(deps: WireUpdatesDeps): ShellUpdates {
  const { setup } = deps
  const mode: InstallMode = setup?.mode ?? { kind: 'off', why: 'This build has no updater.' }
  const feed = setup?.feed ?? null
  const releasePage = (): string | null => {
    const state = controller.state()
    return feed && state.step === 'available' ? releasePageUrl(feed, state.version) : null
  }
  const openDownload = (): void => {
    const page = releasePage()
    if (!page || !openHelpLink(deps.shell, page, feed ? releasePagesPrefix(feed) : null)) deps.showWindow()
  }
  const notifier = createNotifier<UpdateNotice>(deps.Notification, (n) => (n.action === 'download' ? openDownload() : deps.showWindow()), deps.log)
  const controller = createUpdateController({
    updater: setup?.updater ?? null,
    mode,
    timers: deps.timers,
    clock: deps.clock,
    log: deps.log,
    ...(setup?.updaterLog ? { updaterLog: setup.updaterLog } : {}),
    notify: (n) => notifier.notify(n),
    onChange: (state) => deps.onChange(state),
  })
  return {
    controller,
    menuItem: () => {
      const spec = controller.menuItem()
      const click = spec.action === 'check' ? () => controller.check(true) : spec.action === 'restart' ? () => controller.restart() : spec.action === 'download' ? openDownload : undefined
      return { label: spec.label, enabled: spec.enabled, ...(click ? { click } : {}) }
    },
    describe: () => {
      const state = controller.state()
      const how = mode.kind === 'silent' ? 'installs by itself on quit' : mode.kind === 'manual' ? 'notify only (cannot install by itself here)' : 'off'
      return `${state.step}${'version' in state && state.version ? ` ${state.version}` : ''}; ${how}${mode.kind === 'off' ? ` (${mode.why})` : ''}`
    },
  }
}
