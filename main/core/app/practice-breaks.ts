import { randomBytes } from 'node:crypto'
import type { Break } from '../../../preload/api'
import type { Sandbox } from '../sandbox'
import type { AppContext } from './context'
import { practiceGraph, redirectUriFor } from './graph-factory'
import { NO_CONFIGS } from '../tokens/configurations'

/** The practice app as the sandbox seeds it: what "Repair my app" restores. */
const HEALTHY = {
  mode: 'development' as const,
  appType: 'web' as const,
  blocked: false,
  active: true,
  loginUnavailable: false,
  serverIpWhitelist: '',
  approvedPermissions: null,
  restrictions: null,
  appDomains: [] as string[],
  enforceHttps: false,
}

/**
 * "Break my app" (Practice screen): each one a real misconfiguration of the simulated app, so a
 * person can see what Token Desk says about it before meeting it for real.
 */
export function breakApp(ctx: AppContext, sandbox: Sandbox, what: Break): void {
  const app = sandbox.practiceApp.id
  const c = sandbox.controls
  switch (what) {
    case 'redirect-uri':
      // The dashboard lists some other address, not the one Token Desk logs in with.
      c.setApp(app, { redirectUris: [otherAddress(redirectUriFor(ctx))] })
      break
    case 'business-without-config':
      // The app switched to Login for Business, and Token Desk was never told a Configuration ID.
      c.setApp(app, { loginKind: 'business' })
      ctx.settings.setApp({ loginConfigs: { ...NO_CONFIGS } })
      break
    case 'development-mode':
      c.setApp(app, { mode: 'development' })
      c.setAppRole(app, sandbox.practiceUser.id, null)
      break
    case 'blocked':
      c.setApp(app, { blocked: true })
      break
    case 'native-desktop':
      c.setApp(app, { appType: 'native-desktop' })
      break
    case 'wrong-secret':
      // As if the App Secret had been mistyped in Token Desk.
      ctx.graph = practiceGraph(ctx, sandbox, randomBytes(16).toString('hex'))
      break
    case 'ip-allow-list':
      c.setApp(app, { serverIpWhitelist: '203.0.113.7' })
      break
    case 'login-unavailable':
      c.setApp(app, { loginUnavailable: true })
      break
  }
}

/**
 * A registered address that is not the one Token Desk logs in with: for the web host's
 * http://localhost:PORT/login/callback the same address on another port (Strict Mode compares
 * the port too, login-for-business.md §6), else a page of another site.
 */
function otherAddress(used: string): string {
  const url = new URL(used)
  if (url.hostname !== 'localhost' || url.port === '') return 'https://practice.invalid/some/other/callback'
  url.port = String(url.port === '65535' ? 1024 : Number(url.port) + 1)
  return url.toString()
}

export function repairApp(ctx: AppContext, sandbox: Sandbox): void {
  const app = sandbox.practiceApp.id
  const business = ctx.practiceApp?.kind === 'business'
  const redirects = business && ctx.deps.practice?.redirectUri ? [ctx.deps.practice.redirectUri] : [...new Set([...sandbox.practiceApp.redirectUris, redirectUriFor(ctx)])]
  sandbox.controls.setApp(app, { ...HEALTHY, loginKind: business ? 'business' : 'classic', redirectUris: redirects })
  ctx.settings.setApp({ loginConfigs: { ...(ctx.practiceApp?.configs ?? NO_CONFIGS) } })
  sandbox.controls.setAppRole(app, sandbox.practiceUser.id, 'administrators')
  sandbox.controls.blockEmbeddedLogin(false)
  ctx.graph = practiceGraph(ctx, sandbox)
  ctx.dialogPage = null
}
