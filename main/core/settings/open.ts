import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import { silentLogger } from '../log'
import { errorCode } from '../vault/fs-port'
import { systemClock, type Clock, type Logger } from '../ports'
import { isCorruptSettingsError, sharedSettingsOptions } from './options'
import type { SettingsData } from './schema'
import { memorySettings, settingsStoreOver, type SettingsBacking, type SettingsStore } from './store'

export interface OpenSettingsOptions {
  /** TOKEN_DESK_HOME (or the shell's user-data folder). */
  dir: string
  /** File name without extension; every store gets its own (two stores on one file clear each other). */
  name?: string
  log?: Logger
  clock?: Clock
  /**
   * The engine that reads and writes the file: conf by default; the Electron shell passes
   * electron-store (conf underneath) with the same options, so both read the same file the same way.
   */
  engine?: (where: { cwd: string; name: string }) => SettingsBacking
}

export interface OpenedSettings {
  store: SettingsStore
  /** At most one: what happened to a settings file that could not be used. */
  notices: string[]
  /** False when settings live in memory only for this run. */
  persisting: boolean
  path: string
}

/**
 * Opens the settings file; call it from a start function, never at module scope. Never throws:
 * a corrupt file (bad JSON, wrong types, a newer version) is renamed to
 * `<name>.corrupt-<ts>.json` with its bytes intact and the store starts on defaults; a folder
 * that cannot be read or written gives settings in memory only. Either way, one notice.
 */
export function openSettings(options: OpenSettingsOptions): OpenedSettings {
  const name = options.name ?? 'settings'
  const log = options.log ?? silentLogger
  const path = join(options.dir, `${name}.json`)
  const build = (): SettingsBacking =>
    options.engine ? options.engine({ cwd: options.dir, name }) : new Conf<SettingsData>({ ...sharedSettingsOptions(), cwd: options.dir, configName: name })
  const inMemory = (notice: string, error: unknown): OpenedSettings => {
    log.error('Settings are kept in memory only.', { path, error })
    return { store: memorySettings(), notices: [notice], persisting: false, path }
  }

  try {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 })
    sweepStaleTemps(options.dir, name)
    return { store: settingsStoreOver(build()), notices: [], persisting: true, path }
  } catch (error) {
    if (!isCorruptSettingsError(error)) {
      return inMemory(`Settings could not be read or saved (${describe(error)}); changes last until Token Desk closes.`, error)
    }
    const aside = join(options.dir, `${name}.corrupt-${stamp((options.clock ?? systemClock).now())}.json`)
    try {
      renameSync(path, aside)
    } catch (renameError) {
      return inMemory(`The settings file is damaged and could not be set aside; default settings are used until Token Desk closes.`, renameError)
    }
    log.warn('Settings file was damaged; set aside and started on defaults.', { path, setAside: aside, error })
    const notice = `The settings file was damaged and was set aside as ${aside}. Token Desk started with default settings.`
    try {
      return { store: settingsStoreOver(build()), notices: [notice], persisting: true, path }
    } catch (retryError) {
      return inMemory(`${notice} They could not be saved either, so changes last until Token Desk closes.`, retryError)
    }
  }
}

/**
 * conf writes `<name>.json.tmp-<stamp>` and renames it; a crash between the two leaves it behind
 * for ever. One that is a minute old belongs to no write in progress (another process may be
 * writing a fresh one right now), so only those go. File times are wall-clock times.
 */
export function sweepStaleTemps(dir: string, name: string, now = Date.now()): void {
  const prefix = `${name}.json.tmp-`
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const file of names) {
    if (!file.startsWith(prefix)) continue
    try {
      const path = join(dir, file)
      if (now - statSync(path).mtimeMs >= 60_000) unlinkSync(path)
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
}

// Millisecond stamps, Windows-safe (no colons).
const stamp = (now: number): string => new Date(now).toISOString().replace(/[:.]/g, '-')

function describe(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : 'unknown error')
}
