import { homedir } from 'node:os'
import { join, resolve, win32 } from 'node:path'

export type Env = Readonly<Record<string, string | undefined>>

/** A variable's trimmed value; unset and blank are the same. */
export const envValue = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim()
  return v ? v : undefined
}

/**
 * The one folder the desktop app, `token-desk serve` and the command line keep the vault and
 * settings in. The desktop app sets Electron's userData to it (rather than letting the app name
 * pick one), so all three agree on every OS; TOKEN_DESK_HOME overrides it for all three.
 */
export function defaultHome(platform: NodeJS.Platform, env: Env, home = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Token Desk')
  if (platform === 'win32') return win32.join(envValue(env, 'APPDATA') ?? win32.join(home, 'AppData', 'Roaming'), 'Token Desk')
  return join(envValue(env, 'XDG_CONFIG_HOME') ?? join(home, '.config'), 'token-desk')
}

/**
 * The home in use. A relative TOKEN_DESK_HOME is taken from where the program was started, and
 * made absolute: Electron's app.setPath refuses a relative path ("Path must be absolute").
 */
export function resolveHome(env: Env, platform: NodeJS.Platform = process.platform, home = homedir(), cwd = process.cwd()): string {
  const given = envValue(env, 'TOKEN_DESK_HOME')
  return given ? resolve(cwd, given) : defaultHome(platform, env, home)
}

/** The vault's entry folders under a home, as the desktop app, the web host and the command line all use them. */
export const tokensDir = (home: string): string => join(home, 'vault', 'tokens')
export const appSecretDir = (home: string): string => join(home, 'vault', 'app')
