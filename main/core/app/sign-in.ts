import { runLogin, type LoginRequest, type LoginResult } from '../tokens/login-flow'
import type { AppContext } from './context'
import { AppError } from './errors'
import { needGraph, redirectUriFor } from './graph-factory'

/** One Facebook login through the LoginWindow port, with the app's PKCE memory and redirect. */
export function windowLogin(ctx: AppContext, scopes: readonly string[], authType?: LoginRequest['authType']): Promise<LoginResult> {
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
    { redirectUri: redirectUriFor(ctx), scopes: [...new Set(scopes)], ...(authType ? { authType } : {}) },
  )
}

/**
 * A login for flows that run outside the wizard (rotation, renewal): the token it yields never
 * leaves main, and the wizard is left alone.
 */
export async function signIn(ctx: AppContext, scopes: readonly string[], authType?: LoginRequest['authType']): Promise<string> {
  const result = await windowLogin(ctx, scopes.filter((s) => s !== 'public_profile'), authType)
  if (result.kind === 'token') return result.grant.token
  if (result.kind === 'cancelled') throw new AppError('cancelled', result.message)
  throw new AppError('failed', result.message)
}
