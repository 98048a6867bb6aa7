import type { Clock, Logger, Timers } from '../ports'
import { redactText } from '../redact'
import { isCannotInstallError } from './install-mode'
import { initialState, menuItem, reduce, type InstallMode, type MenuItemSpec, type UpdateNotice, type UpdateState, type UpdaterEvent } from './state'

/** The slice of electron-updater's AppUpdater the controller uses; a test passes a fake. */
export interface UpdaterLike {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  logger: unknown
  on(event: string, listener: (...args: unknown[]) => void): unknown
  checkForUpdates(): Promise<unknown>
  /** isSilent, isForceRunAfter: NSIS and AppImage read them; MacUpdater ignores them. */
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
}

export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000

export interface UpdateControllerDeps {
  updater: UpdaterLike | null
  mode: InstallMode
  timers: Timers
  clock: Clock
  log: Logger
  /** electron-updater's own logger (electron-log's, behind the redactor). */
  updaterLog?: unknown
  notify(notice: UpdateNotice): void
  onChange(state: UpdateState): void
}

export interface UpdateController {
  state(): UpdateState
  menuItem(): MenuItemSpec
  /** A check now; `userAsked` makes "up to date" and failures a notification too. */
  check(userAsked: boolean): void
  restart(): void
  /** Starts the first check and the daily ones. */
  start(): void
  stop(): void
}

const versionOf = (info: unknown): string | null => {
  const v = (info as { version?: unknown } | null)?.version
  return typeof v === 'string' ? v : null
}

/**
 * Drives electron-updater from the state machine: a check at start and every 24 hours, the
 * download (only where the app can install it itself), install on quit, and one notice per
 * version for "ready" and for "available, install it yourself".
 */
export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const { updater, mode, log } = deps
  let state = initialState(mode)
  let timer: unknown = null
  let stopped = false
  const seen = new Set<string>()

  const feed = (event: UpdaterEvent): void => {
    const { state: next, notice } = reduce(state, event, mode)
    state = next
    deps.onChange(state)
    if (notice && !seen.has(notice.key)) {
      seen.add(notice.key)
      deps.notify(notice)
    }
  }

  if (updater && mode.kind !== 'off') {
    // Only where the app can replace itself is the update fetched in advance and installed on quit.
    updater.autoDownload = mode.kind === 'silent'
    updater.autoInstallOnAppQuit = mode.kind === 'silent'
    if (deps.updaterLog) updater.logger = deps.updaterLog
    updater.on('checking-for-update', () => feed({ type: 'checking' }))
    updater.on('update-available', (info) => feed({ type: 'available', version: versionOf(info) ?? 'new' }))
    updater.on('update-not-available', () => feed({ type: 'not-available', at: deps.clock.now() }))
    updater.on('download-progress', (p) => feed({ type: 'progress', percent: Number((p as { percent?: unknown } | null)?.percent ?? 0) }))
    updater.on('update-downloaded', (info) => feed({ type: 'downloaded', version: versionOf(info) ?? 'new' }))
    updater.on('error', (error) => {
      const message = redactText(error instanceof Error ? error.message : String(error))
      log.warn('update check failed', { message })
      feed({ type: 'error', message: 'The update server could not be reached or answered with an error. Try again later.', cannotInstall: isCannotInstallError(message) })
    })
  }

  const check = (userAsked: boolean): void => {
    if (!updater || state.step === 'off' || state.step === 'checking' || state.step === 'downloading') return
    state = { step: 'checking', userAsked }
    deps.onChange(state)
    // Failures arrive as 'error' events too; the promise's rejection is only logged.
    updater.checkForUpdates().then(
      (result) => {
        // null: electron-updater is inactive here (an unpackaged app, no $APPIMAGE) and said nothing.
        if (result == null && state.step === 'checking') {
          state = { step: 'idle', checkedAt: null, upToDate: false }
          deps.onChange(state)
        }
      },
      (error: unknown) => log.debug('checkForUpdates rejected', { error }),
    )
  }

  const schedule = (): void => {
    if (stopped) return
    timer = deps.timers.setTimeout(() => {
      if (state.step !== 'ready' && state.step !== 'available') check(false)
      schedule()
    }, CHECK_EVERY_MS)
  }

  return {
    state: () => state,
    menuItem: () => menuItem(state),
    check,
    restart: () => {
      // Silent, and run again after: without arguments electron-updater's NsisUpdater runs the
      // assisted installer's pages on a Windows update, and does not start the app after.
      if (state.step === 'ready') updater?.quitAndInstall(true, true)
    },
    start: () => {
      if (!updater || state.step === 'off') return
      check(false)
      schedule()
    },
    stop: () => {
      stopped = true
      deps.timers.clearTimeout(timer)
    },
  }
}
