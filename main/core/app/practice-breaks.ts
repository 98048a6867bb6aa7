import { randomBytes } from 'node:crypto'
import type { Break } from '../../../preload/api'
import type { Sandbox } from '../sandbox'
import type { AppContext } from './context'
import { practiceGraph, redirectUriFor } from './graph-factory'

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
      c.setApp(app, { redirectUris: ['https://practice.invalid/some/other/callback'] })
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

export function repairApp(ctx: AppContext, sandbox: Sandbox): void {
  const app = sandbox.practiceApp.id
  sandbox.controls.setApp(app, { ...HEALTHY, redirectUris: [...new Set([...sandbox.practiceApp.redirectUris, redirectUriFor(ctx)])] })
  sandbox.controls.setAppRole(app, sandbox.practiceUser.id, 'administrators')
  sandbox.controls.blockEmbeddedLogin(false)
  ctx.graph = practiceGraph(ctx, sandbox)
  ctx.dialogPage = null
}
