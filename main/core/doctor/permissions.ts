import type { DoctorFinding } from '../../../preload/api'
import type { AppPermissionRow } from '../graph'
import { detailOf, fail, isNetwork, pass, skip, warn, words } from './finding'
import type { DoctorInput } from './input'
import { PLACES } from './places'
import { CAN_GRANT_ANY } from './roles'
import type { RunState } from './state'

/**
 * The shape of `/{app-id}/permissions` is not confirmed (graph-api-doctor.md §1.1). The SDK's
 * filter names `live` and `unapproved`; a row with no status is taken as approved (it is listed),
 * and any other status as not approved.
 */
const APPROVED = new Set(['live', 'approved', 'granted', 'active'])
export const isApproved = (row: AppPermissionRow): boolean => row.status === null || APPROVED.has(row.status.toLowerCase())

/** Step 3 of §1.8: the permissions approved in App Review against those the chosen purpose needs. */
export async function checkPermissions(input: DoctorInput, state: RunState, appTokenUsable: boolean): Promise<DoctorFinding> {
  if (!appTokenUsable) return skip('permissions', state.nativeDesktop ? 'A Native/Desktop app refuses the app token, and approvals can be read only with it.' : 'Needs a working app token first.')
  let rows: AppPermissionRow[]
  try {
    rows = await input.graph.appPermissions()
  } catch (error) {
    if (detailOf(error) === 'app-blocked') state.blocked = true
    return skip('permissions', isNetwork(error) ? `Facebook could not be reached. ${words(error)}` : `Facebook did not list the approved permissions. ${words(error)}`)
  }
  if (rows.length === 0) return skip('permissions', 'Facebook listed no permissions for the app, so Token Desk cannot compare them with what it needs.')
  const approved = new Set(rows.filter(isApproved).map((r) => r.permission))
  const needed = input.neededScopes.filter((s) => s !== 'public_profile')
  const missing = needed.filter((s) => !approved.has(s))
  const purpose = input.purposeLabel ? `to ${input.purposeLabel}` : 'for what you chose'
  if (missing.length === 0) return pass('permissions', `Approved in App Review for every permission Token Desk needs ${purpose}: ${needed.join(', ')}.`)
  const list = missing.join(', ')
  const fix = 'Only needed for other people’s accounts: request Advanced access for these in App Review.'
  if (state.personRole !== null && CAN_GRANT_ANY.has(state.personRole)) {
    return warn('permissions', `Not approved in App Review: ${list}. You can still grant them yourself, as someone with a role on the app (Standard access); people without a role cannot.`, fix, PLACES.appReview)
  }
  const reason = `Not approved in App Review: ${list}. Only people with a role on the app can grant them.`
  return state.personRole === 'none' || (state.personRole !== null && !CAN_GRANT_ANY.has(state.personRole))
    ? fail('permissions', `${reason} You have no such role, so Facebook will not grant them to you.`, 'Get a role on the app, or get these permissions approved in App Review.', PLACES.appReview)
    : warn('permissions', `${reason} Token Desk checks your role after you log in.`, fix, PLACES.appReview)
}
