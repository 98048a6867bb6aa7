import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { Logger } from '../core/ports'
import { autostartFile, linuxAutostartEntry, type StartAtLoginEnv } from './lifecycle'

/**
 * The program an autostart entry's Exec key starts: its first argument, with the desktop
 * entry's quoting and escaping undone (the inverse of lifecycle.ts desktopExecArg).
 */
export function execProgram(entry: string): string | null {
  const line = entry.split(/\r?\n/).find((l) => /^Exec\s*=/.test(l))
  if (!line) return null
  const value = line.replace(/^Exec\s*=\s*/, '')
  if (!value.startsWith('"')) return (value.split(' ')[0] ?? '').replace(/%%/g, '%') || null
  let out = ''
  for (let i = 1; i < value.length; i++) {
    const c = value[i]!
    if (c === '"') return out.replace(/%%/g, '%')
    // String rule (each backslash doubled), then the quoting rule (\" \` \$ \\).
    if (value.startsWith('\\\\\\\\', i)) {
      out += '\\'
      i += 3
    } else if (value.startsWith('\\\\', i) && '"`$'.includes(value[i + 2] ?? '')) {
      out += value[i + 2]
      i += 2
    } else out += c
  }
  return null
}

function rewrite(env: StartAtLoginEnv, program: string, log: Logger, why: string): void {
  writeFileSync(autostartFile(env), linuxAutostartEntry(program), { mode: 0o644 })
  log.info('start at login now starts the current AppImage', { why })
}

/**
 * electron-updater's AppImageUpdater deletes $APPIMAGE and, when the file's name carries a
 * version (electron-builder's default), puts the update beside it under the new name and emits
 * `appimage-filename-updated` with that path ([pkg electron-updater/out/AppImageUpdater.js]).
 * Start at login then pointed at a deleted file: the entry follows the rename.
 */
export function followAppImageRename(updater: { on(event: string, listener: (...args: unknown[]) => void): unknown }, env: StartAtLoginEnv, log: Logger): void {
  updater.on('appimage-filename-updated', (path: unknown) => {
    if (typeof path !== 'string' || !path) return
    const previous = env.appImage
    env.appImage = path
    const file = autostartFile(env)
    if (!existsSync(file)) return
    const program = execProgram(readFileSync(file, 'utf8'))
    if (program !== null && program === previous) rewrite(env, path, log, 'the update renamed the AppImage')
  })
}

/**
 * At start, from an AppImage: an autostart entry that starts a file which no longer exists (an
 * update renamed it while an older copy ran, or before this was handled) starts this one again.
 * An entry the user disabled, or one that starts something that exists, is left alone.
 */
export function repairAutostart(env: StartAtLoginEnv, log: Logger): void {
  if (!env.appImage) return
  const file = autostartFile(env)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return
  }
  if (/^(Hidden\s*=\s*true|X-GNOME-Autostart-enabled\s*=\s*false)\s*$/im.test(text)) return
  const program = execProgram(text)
  if (program === null || program === env.appImage || existsSync(program)) return
  if (!/\.AppImage$/i.test(program)) return
  rewrite(env, env.appImage, log, 'the entry started an AppImage that is gone')
}
