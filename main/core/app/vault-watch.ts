import { watch, type FSWatcher } from 'node:fs'
import type { Logger, Timers } from '../ports'

/**
 * Calls `onChange` shortly after files change in `dir` (another process wrote the vault).
 *
 * Why a folder watch, and not a reload on window focus: the desktop app lives in the tray, so a
 * token a cron script stored with `token-desk add` must reach the monitor (reminders, death
 * notices) without anyone opening the window. Events are only hints (they can come in bursts,
 * twice, or name a temp file): the caller re-reads the folder, which costs a few small reads.
 * Where a platform cannot watch, the caller also re-reads before each check and on wake.
 */
export function watchFolder(dir: string, onChange: () => void, options: { log: Logger; timers: Timers; debounceMs?: number }): () => void {
  const { log, timers } = options
  let pending: unknown = null
  let watcher: FSWatcher | null = null
  try {
    watcher = watch(dir, { persistent: false }, () => {
      if (pending !== null) timers.clearTimeout(pending)
      pending = timers.setTimeout(() => {
        pending = null
        onChange()
      }, options.debounceMs ?? 150)
    })
    watcher.on('error', (error) => {
      log.warn('Watching the vault folder stopped; other programs’ changes are read only on Check now and when the computer wakes.', { error })
      watcher?.close()
    })
  } catch (error) {
    log.warn('The vault folder cannot be watched here; other programs’ changes are read only on Check now and when the computer wakes.', { error })
  }
  return () => {
    if (pending !== null) timers.clearTimeout(pending)
    watcher?.close()
  }
}
