import type { Logger, Timers } from '../core/ports'
import type { Listener } from './listener'

/** At most this long between Quit and the exit, whatever the cleanup is still doing. */
export const QUIT_CLEANUP_CAP_MS = 3000

export interface QuittingApp {
  on(event: string, listener: Listener): unknown
  quit(): void
}

export interface QuitCleanup {
  /** What must happen at once (the tray goes, the timers stop). */
  now(): void
  /** What takes a moment (the clipboard check, the core's last writes), awaited up to the cap. */
  settle(): Promise<void>
  /** When the cap is reached first: the part of `settle` that must not be skipped, done at once. */
  onCap(): void
}

/**
 * Electron exits as soon as `quit` has been emitted: a promise still pending then never settles
 * (the clipboard keeps the secret, the core's last write is lost). So the first `before-quit` is
 * held back (preventDefault), the cleanup runs (capped), and the app quits again, this time for
 * real. `before-quit` is where this hooks in because every quit passes through it: the tray's
 * Quit, the app menu's, the Dock's, an update's restart (after its windows closed), the OS
 * asking the app to quit on macOS. Windows' logoff and shutdown do not (see endOfSession).
 */
export function holdQuitForCleanup(app: QuittingApp, cleanup: QuitCleanup, timers: Timers, log: Logger, capMs = QUIT_CLEANUP_CAP_MS): void {
  let phase: 'running' | 'cleaning' | 'done' = 'running'
  app.on('before-quit', (event: { preventDefault(): void }) => {
    if (phase === 'done') return
    event.preventDefault()
    if (phase === 'cleaning') return
    phase = 'cleaning'
    const started = Date.now()
    cleanup.now()
    let capped = false
    let timer: unknown = null
    const cap = new Promise<void>((resolve) => {
      timer = timers.setTimeout(() => {
        capped = true
        resolve()
      }, capMs)
    })
    const settled = cleanup.settle().catch((error: unknown) => log.warn('quit: cleanup failed', { error }))
    void Promise.race([settled, cap]).then(() => {
      timers.clearTimeout(timer)
      if (capped) cleanup.onCap()
      log.info('quit: cleanup finished', { ms: Date.now() - started, capped })
      phase = 'done'
      app.quit()
    })
  })
}

export interface SessionEndingWindow {
  on(event: 'session-end', listener: () => void): unknown
}

/**
 * Windows: at logoff or shutdown Electron emits no `before-quit` (docs/api/app.md), only the
 * window's `session-end`, after which the process is ended; only what runs synchronously here
 * happens at all.
 */
export function endOfSession(win: SessionEndingWindow, platform: NodeJS.Platform, atOnce: () => void): void {
  if (platform === 'win32') win.on('session-end', atOnce)
}
