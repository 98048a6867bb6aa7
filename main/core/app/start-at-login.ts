import type { Settings } from '../../../preload/api'
import type { AppContext } from './context'
import { AppError } from './errors'

/** Only the desktop app can register itself to start at login; the window offers it only there. */
export const canStartAtLogin = (ctx: AppContext): boolean => typeof ctx.deps.platform.setStartAtLogin === 'function'

/**
 * What the OS really has registered (a login item, an autostart file), when the host can tell;
 * null when it cannot (the web host). The setting shown is this, not what was last asked for:
 * a user may have removed the autostart entry by hand, or another copy of the app may own it.
 */
export function registeredStartAtLogin(ctx: AppContext): boolean | null {
  const platform = ctx.deps.platform
  if (!platform.startAtLoginRegistered) return null
  try {
    return platform.startAtLoginRegistered()
  } catch (error) {
    ctx.log.warn('could not read the start-at-login registration', { error })
    return null
  }
}

/** The settings as the renderer sees them: start at login as registered. */
export function settingsAsRegistered(ctx: AppContext, settings: Settings): Settings {
  const registered = registeredStartAtLogin(ctx)
  return registered === null ? settings : { ...settings, startAtLogin: registered }
}

/** Registers or removes start at login when `wanted` differs from what is registered now; throws before anything is stored. */
export function applyStartAtLogin(ctx: AppContext, wanted: boolean | undefined, stored: boolean): void {
  if (wanted === undefined) return
  const now = registeredStartAtLogin(ctx) ?? stored
  if (wanted === now) return
  if (!canStartAtLogin(ctx)) throw new AppError('not-allowed', 'Start at login applies to the desktop app only; token-desk serve starts when you run it.')
  ctx.deps.platform.setStartAtLogin?.(wanted)
}
