import type { Purpose } from '../../../preload/api'
import { configsOf, loginKindFor, renewalKind } from '../tokens/configurations'
import type { AuthType, LoginKind } from '../tokens/login-kind'
import { runLogin, type LoginResult } from '../tokens/login-flow'
import type { AppContext } from './context'
import { AppError } from './errors'
import { needGraph, redirectUriFor } from './graph-factory'

/** One Facebook login through the LoginWindow port, with the app's PKCE memory and redirect. */
export function windowLogin(ctx: AppContext, login: LoginKind, authType?: AuthType): Promise<LoginResult> {
  const kind: LoginKind = login.kind === 'classic' ? { kind: 'classic', scopes: [...new Set(login.scopes)] } : login
  return runLogin(
    {
      graph: needGraph(ctx),
      loginWindow: ctx.deps.loginWindow,
      pending: ctx.pending,
      clock: ctx.clock,
      log: ctx.log,
      pkce: {
        honoured: () => ctx.settings.getApp().pkceHonoured,
        remember: (honoured) => void ctx.settings.setApp({ pkceHonoured: honoured }),
      },
    },
    { redirectUri: redirectUriFor(ctx), login: kind, ...(authType ? { authType } : {}) },
  )
}

/** How a login for this purpose asks now: through the app's configuration for it, or with these scopes. */
export function loginKindOf(ctx: AppContext, purpose: Purpose, scopes: readonly string[], made?: string | null): LoginKind {
  const configs = configsOf(ctx.settings.getApp())
  return made === undefined ? loginKindFor(configs, purpose, scopes) : renewalKind(configs, made, purpose, scopes)
}

/**
 * A login for flows that run outside the wizard (rotation, renewal, the system-user admin): the
 * token it yields never leaves main, and the wizard is left alone. A Business app logs in
 * through its configuration (`purpose` chooses which); other apps ask for `scopes`.
 */
export async function signIn(
  ctx: AppContext,
  scopes: readonly string[],
  options: { authType?: AuthType; purpose?: Purpose; made?: string | null } = {},
): Promise<string> {
  const login = loginKindOf(ctx, options.purpose ?? 'manage-ads', scopes.filter((s) => s !== 'public_profile'), options.made)
  const result = await windowLogin(ctx, login, options.authType)
  if (result.kind === 'token') return result.grant.token
  if (result.kind === 'cancelled') throw new AppError('cancelled', result.message)
  throw new AppError('failed', result.message)
}
