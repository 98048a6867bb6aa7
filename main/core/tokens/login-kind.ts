/**
 * The two ways an app's login dialog asks for access (login-for-business.md §1, §3): the
 * classic dialog names its permissions in `scope`; Facebook Login for Business names a
 * configuration made in the App Dashboard (`config_id`), which fixes the token type, expiry,
 * assets and permissions instead.
 */
export type LoginKind = { kind: 'classic'; scopes: readonly string[] } | { kind: 'business'; configId: string }

export type AuthType = 'rerequest' | 'reauthorize' | 'reauthenticate'

/** A configuration id as the App Dashboard shows it: digits (every published example; the format is not documented). */
export const CONFIG_ID = /^\d{1,32}$/

export const isBusiness = (login: LoginKind): login is { kind: 'business'; configId: string } => login.kind === 'business'
