import { GraphError } from '../graph'
import { UseCaseError, type UseCaseExit } from '../use-case-error'

export type SystemUserReason =
  | 'needs-business-management'
  | 'not-admin'
  | 'tier'
  | 'limit'
  | 'scope-not-approved'
  | 'scope-invalid'
  | 'not-installed'
  | 'unverified'
  | 'not-found'
  | 'wrong-caller'

/** A system-user step Facebook refused, in plain words, with what to do. */
export class SystemUserError extends UseCaseError {
  override readonly name = 'SystemUserError'
  constructor(
    override readonly reason: SystemUserReason,
    message: string,
    action: string,
    exit: UseCaseExit,
    /** The Business Settings path and the paste form are the way forward. */
    readonly offerBusinessSettings = false,
  ) {
    super(reason, message, action, exit, 'failed')
  }
}

export const needsBusinessManagement = (): SystemUserError =>
  new SystemUserError(
    'needs-business-management',
    'This login did not grant business_management, which listing system users and making their tokens needs.',
    'Log in again and allow business_management.',
    'invalid-token',
  )

export const notAdmin = (business?: string): SystemUserError =>
  new SystemUserError(
    'not-admin',
    `You are not an admin of ${business ? `the business “${business}”` : 'this business'}, and only its admins can manage system users and their tokens.`,
    'Ask an admin to make you an admin (Business Settings > Users > People), or to make the token for you.',
    'invalid-token',
  )

export const tierForbids = (): SystemUserError =>
  new SystemUserError(
    'tier',
    'Your app has Limited Marketing API access, and Facebook lets only apps with Full access (Standard access in the older wording) install apps for system users and make their tokens through the API.',
    'Make the token in Business Settings instead (the steps are shown) and paste it here, or apply for Full access under App Review > Permissions and Features.',
    'usage',
    true,
  )

export const limitReached = (detail?: string): SystemUserError =>
  new SystemUserError(
    'limit',
    `The app has reached the number of system users its access level allows${detail ? ` (${detail})` : ''}.`,
    'Use a system user that already has the app, or remove the app from one in Business Settings > Users > System users > (the system user) > Assigned assets.',
    'usage',
    true,
  )

export const scopeNotApproved = (scopes: readonly string[]): SystemUserError =>
  new SystemUserError(
    'scope-not-approved',
    `Facebook refused ${scopes.length > 0 ? scopes.join(', ') : 'a permission'}: the app is not approved for it (it needs Advanced access through App Review).`,
    'Choose fewer permissions, or get them approved under App Review > Permissions and Features.',
    'usage',
  )

/** Failures of the Graph calls that are not about system users (network, throttling) pass through. */
export function classifyStep(step: 'list' | 'install' | 'mint' | 'revoke', error: unknown, scopes: readonly string[] = []): unknown {
  if (!(error instanceof GraphError)) return error
  const words = error.graphMessage ?? ''
  if (error.code === 270 || /development access is not allowed|standard access|access tier/i.test(words)) return tierForbids()
  if (step === 'mint' && error.code === 3962)
    return new SystemUserError('scope-invalid', 'Facebook does not know one of the permissions asked for.', 'Check the permission names.', 'usage')
  if (step === 'mint' && error.code === 100 && /not installed/i.test(words))
    return new SystemUserError('not-installed', 'The app is not installed for this system user.', 'In Business Settings > Users > System users, choose it, then Assign assets > Apps and give your app full control; then try again.', 'usage', true)
  if (step === 'install' && error.code === 100 && /allow|limit|maximum|reached/i.test(words)) {
    const detail = /allows:\s*([^.]+)/i.exec(words)?.[1]
    return limitReached(detail)
  }
  if (error.kind === 'permission') {
    // The caller was shown to be an admin by the install that came first: a refused mint is about scopes.
    if (step === 'mint') return scopeNotApproved(scopes.filter((s) => words.includes(s)))
    return notAdmin()
  }
  if (error.code === 100 && error.subcode === 33) return notAdmin()
  return error
}
