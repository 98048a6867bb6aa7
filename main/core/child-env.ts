import type { Env } from './home'

/**
 * Secrets of Token Desk itself that no program it starts has any business seeing: the vault's
 * passphrase, the Meta app's secret, and the practice sandbox's control key (which can kill every
 * practice token). `token-desk exec`, delivery commands and the alert command all start from here.
 */
export const WITHHELD_FROM_CHILDREN = ['TOKEN_DESK_PASSPHRASE', 'TOKEN_DESK_APP_SECRET', 'SANDBOX_CONTROL_KEY'] as const

/** A copy of `env` for a child process, without Token Desk's own secrets. */
export function childEnvironment(env: Env): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || (WITHHELD_FROM_CHILDREN as readonly string[]).includes(name)) continue
    out[name] = value
  }
  return out
}
