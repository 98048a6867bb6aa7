import { GraphError } from './errors'
import type { AppRecord } from './state'

/**
 * App-level refusals (graph-api-doctor.md §1.7). "API access blocked." is a real capture; the
 * IP allow-list text is the legacy REST code 5 message, because no Graph JSON for it was found:
 * our modelling choice, pinned in the sandbox tests.
 */
export const apiAccessBlocked = (): GraphError => new GraphError(200, 'API access blocked.')
export const unauthorizedSourceIp = (): GraphError => new GraphError(5, '(#5) Unauthorized source IP address')

/** The sandbox is reached over loopback only, so that is the address Facebook would see. */
const THIS_MACHINE = new Set(['127.0.0.1', '::1', 'localhost'])

export function ipAllowList(app: AppRecord): string[] {
  return app.serverIpWhitelist.split(/[\s,]+/).filter((ip) => ip !== '')
}

/** Every Graph call of a blocked app fails the same way, whatever its token. */
export function checkAppOpen(app: AppRecord): void {
  if (app.blocked) throw apiAccessBlocked()
}

/** "Graph API calls made with your app secret from outside of this range will fail" (graph-api.md §1.5). */
export function checkSecretSource(app: AppRecord): void {
  const list = ipAllowList(app)
  if (list.length > 0 && !list.some((ip) => THIS_MACHINE.has(ip))) throw unauthorizedSourceIp()
}
