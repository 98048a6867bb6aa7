import { createGraphClient, type GraphClient } from '../graph'
import type { Sandbox } from '../sandbox'
import type { AppContext } from './context'
import { AppError } from './errors'

export const DEFAULT_REDIRECT_URI = 'https://www.facebook.com/connect/login_success.html'

/**
 * A Graph client for the practice sandbox: the sandbox's own app, over loopback. `appSecret`
 * replaces the practice app's secret: the "wrong secret" practice types one in on purpose.
 */
export function practiceGraph(ctx: AppContext, sandbox: Sandbox, appSecret = sandbox.practiceApp.secret): GraphClient {
  return createGraphClient({
    graphUrl: sandbox.graphUrl,
    wwwUrl: sandbox.wwwUrl,
    appId: sandbox.practiceApp.id,
    appSecret,
    clock: ctx.clock,
    log: ctx.log,
    ...(ctx.deps.fetch ? { fetch: ctx.deps.fetch } : {}),
    ...(ctx.deps.graphRetry ? { retry: ctx.deps.graphRetry } : {}),
  })
}

/** A Graph client for the user's own Meta app, with the secret from the vault. */
export function productionGraph(ctx: AppContext, appSecret: string): GraphClient {
  const app = ctx.settings.getApp()
  if (!app.appId) throw new Error('No App ID is set up.')
  return createGraphClient({
    appId: app.appId,
    appSecret,
    ...(app.apiVersion ? { apiVersion: app.apiVersion } : {}),
    appType: app.appType === 'native-desktop' ? 'native-desktop' : 'web',
    // Native/Desktop apps refuse app tokens: check tokens with the user's own when we have one.
    adminUserToken: () => ctx.adminToken ?? undefined,
    clock: ctx.clock,
    log: ctx.log,
    ...(ctx.deps.fetch ? { fetch: ctx.deps.fetch } : {}),
    ...(ctx.deps.graphRetry ? { retry: ctx.deps.graphRetry } : {}),
  })
}

/** The redirect URI logins use now. */
export function redirectUriFor(ctx: AppContext): string {
  if (ctx.sandbox) return ctx.deps.practice?.redirectUri ?? `${ctx.sandbox.wwwUrl}/connect/login_success.html`
  return ctx.deps.loginRedirectUri ?? ctx.settings.getApp().redirectUri ?? DEFAULT_REDIRECT_URI
}

/** The Graph client of the app in use; an AppError before the app is set up. */
export function needGraph(ctx: AppContext): GraphClient {
  if (!ctx.graph) throw new AppError('not-allowed', 'Set up your Meta app first, or choose practice mode.')
  return ctx.graph
}
