import { accessSync, constants } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, isAbsolute, join } from 'node:path'
import type { Env } from '../home'

/**
 * Folders where the presets' tools are usually installed, added after PATH for the programs a
 * delivery runs: an app started from the macOS Dock or a Linux desktop menu gets a short PATH
 * (/usr/bin:/bin…) that has no Homebrew, snap or ~/.local/bin, where gh, aws, gcloud and vault live.
 */
function usualFolders(home: string): string[] {
  return ['/opt/homebrew/bin', '/usr/local/bin', '/snap/bin', join(home, '.local', 'bin'), join(home, 'bin')]
}

/** `env` with PATH completed by the usual folders that are not in it yet (not on Windows, whose installers set PATH). */
export function withUsualPath(env: Env, platform: NodeJS.Platform = process.platform, home = homedir()): Env {
  if (platform === 'win32') return env
  const path = env.PATH ?? ''
  const have = new Set(path.split(delimiter).filter((p) => p !== ''))
  const extra = usualFolders(home).filter((f) => !have.has(f))
  return extra.length === 0 ? env : { ...env, PATH: [...have, ...extra].join(delimiter) }
}

/**
 * The program a command names, as an absolute path found on PATH now, so the desktop app (with
 * its own PATH) later runs the same program the person named on the command line. Null when it
 * is not found; a name with a folder in it is taken as it is.
 */
export function resolveProgram(program: string, env: Env, cwd: string, platform: NodeJS.Platform = process.platform): string | null {
  if (program.includes('/') || (platform === 'win32' && program.includes('\\'))) return isAbsolute(program) ? program : join(cwd, program)
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.COM').split(';').filter((e) => e !== '') : ['']
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue
    for (const ext of exts) {
      const candidate = join(folder, `${program}${ext}`)
      try {
        accessSync(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK)
        return candidate
      } catch {
        /* not here */
      }
    }
  }
  return null
}
