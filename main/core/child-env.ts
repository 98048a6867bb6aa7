/**
 * The environment every process Token Desk starts gets: its own, less Token Desk's secrets. The
 * one function for it, so the clipboard helper, `exec`, delivery commands and the alert command
 * cannot forget one (issue 20, item 9: a real xclip stays resident with whatever it was given).
 */

export type ChildEnv = Record<string, string>

/**
 * Secrets Token Desk reads from its environment, which no child has any business with: the
 * vault's passphrase, the Meta app's secret, and the practice sandbox's control key (which can
 * kill every practice token).
 */
export const WITHHELD_NAMES: readonly string[] = ['TOKEN_DESK_PASSPHRASE', 'TOKEN_DESK_APP_SECRET', 'SANDBOX_CONTROL_KEY']

/** Any other TOKEN_DESK_ variable that by its name holds a secret (a later one must not slip through). */
const SECRET_LOOKING = /^TOKEN_DESK_.*(SECRET|PASSPHRASE|PASSWORD|TOKEN|KEY)/i

export function isWithheld(name: string): boolean {
  const upper = name.toUpperCase()
  return WITHHELD_NAMES.includes(upper) || SECRET_LOOKING.test(upper)
}

/** A copy of `env` without Token Desk's secrets; `env` itself is left as it is. */
export function childEnv(env: Readonly<Record<string, string | undefined>>): ChildEnv {
  const out: ChildEnv = {}
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !isWithheld(name)) out[name] = value
  return out
}
