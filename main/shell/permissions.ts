import { isAppUrl } from './origins'

export type SessionKind = 'app' | 'login'

/**
 * The app's own pages may show notifications; nothing else is granted anywhere. The login
 * window's sessions grant nothing at all: Facebook's pages need no camera, location or clipboard.
 */
export function isPermissionAllowed(kind: SessionKind, permission: string, origin: string | undefined): boolean {
  return kind === 'app' && permission === 'notifications' && typeof origin === 'string' && isAppUrl(origin)
}
