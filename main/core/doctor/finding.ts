import type { DoctorCheck, DoctorFinding, FindingStatus } from '../../../preload/api'
import { GraphError } from '../graph'

export const TITLES: Record<DoctorCheck, string> = {
  credentials: 'App ID and App Secret',
  'app-access': 'API access',
  'app-type': 'App type (Native or desktop)',
  'app-settings': 'Name, category and business',
  restrictions: 'Age and country restrictions',
  'ip-allow-list': 'Server IP allowlist',
  roles: 'Your role on the app',
  permissions: 'Approved permissions',
  'require-app-secret': 'Require app secret',
  'login-dialog': 'Facebook login dialog',
  'login-for-business': 'Facebook Login for Business',
  versions: 'Graph API version',
}

function finding(check: DoctorCheck, status: FindingStatus, reason: string, fix: string | null = null, where: string | null = null): DoctorFinding {
  return { check, title: TITLES[check], status, reason, fix, where }
}

export const pass = (check: DoctorCheck, reason: string): DoctorFinding => finding(check, 'pass', reason)
export const warn = (check: DoctorCheck, reason: string, fix: string, where: string | null): DoctorFinding => finding(check, 'warning', reason, fix, where)
export const fail = (check: DoctorCheck, reason: string, fix: string, where: string | null): DoctorFinding => finding(check, 'failure', reason, fix, where)
export const skip = (check: DoctorCheck, reason: string): DoctorFinding => finding(check, 'skipped', reason)

/** Plain words for a failed call: the classified message and its action, never Graph's raw text. */
export function words(error: unknown): string {
  if (error instanceof GraphError) return `${error.message} ${error.action}`
  return 'Token Desk could not ask Facebook (an unexpected error; the details are in the log).'
}

export const isNetwork = (error: unknown): boolean => error instanceof GraphError && error.kind === 'network'
export const detailOf = (error: unknown): string | undefined => (error instanceof GraphError ? error.detail : undefined)
