import type { DialogPage, DoctorFinding } from '../../../preload/api'
import type { AppRoleRow } from '../graph'
import { detailOf, fail, isNetwork, pass, skip, warn, words } from './finding'
import type { DoctorInput } from './input'
import { PLACES } from './places'
import type { RunState } from './state'

/** The capture says `insights`, the doc `insights users` (graph-api-doctor.md §1.2): one name for both. */
export function roleName(role: string): string {
  const r = role.trim().toLowerCase()
  return r === 'insights' ? 'insights users' : r
}

const ROLE_WORDS: Record<string, string> = {
  administrators: 'an administrator',
  developers: 'a developer',
  testers: 'a tester',
  'insights users': 'an insights user',
}

/** Administrators, developers and testers may log in to a Development-mode app and grant any permission (§1.2). */
export const CAN_GRANT_ANY = new Set(['administrators', 'developers', 'testers'])

/** Refusal pages that say the login was refused for want of a role. */
const NO_ROLE_PAGES = new Set<DialogPage>(['app-not-setup', 'app-not-active', 'not-available'])

const MODE_NOTE = 'Meta shows no field for Development or Live mode, so Token Desk tells it from what the login dialog says.'

function summary(rows: readonly AppRoleRow[]): string {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(roleName(row.role), (counts.get(roleName(row.role)) ?? 0) + 1)
  const one: Record<string, string> = { administrators: 'administrator', developers: 'developer', testers: 'tester', 'insights users': 'insights user' }
  return [...counts].map(([role, n]) => `${n} ${n === 1 ? (one[role] ?? role) : role}`).join(', ')
}

/**
 * Step 2 of §1.8: `/{app-id}/roles` against the person who logs in. `user` there is the
 * app-scoped id, the same as debug_token's `user_id` (derived, not confirmed by a doc).
 */
export async function checkRoles(input: DoctorInput, state: RunState, appTokenUsable: boolean): Promise<DoctorFinding> {
  if (!appTokenUsable) return skip('roles', state.nativeDesktop ? 'A Native/Desktop app refuses the app token, and the roles can be read only with it.' : 'Needs a working app token first.')
  let rows: AppRoleRow[]
  try {
    rows = await input.graph.appRoles()
  } catch (error) {
    if (detailOf(error) === 'app-blocked') state.blocked = true
    return skip('roles', isNetwork(error) ? `Facebook could not be reached. ${words(error)}` : `Facebook did not list the roles. ${words(error)}`)
  }
  if (!input.person) {
    return pass('roles', `People with a role on the app: ${summary(rows) || 'none listed'}. Token Desk checks that you are one of them after you log in.`)
  }
  const who = input.person.name ? `You (${input.person.name})` : 'You'
  const mine = rows.find((r) => r.user === input.person?.id)
  if (!mine) {
    state.personRole = 'none'
    const refused = input.dialogPage !== null && NO_ROLE_PAGES.has(input.dialogPage)
    const reason = `${who} have no role on this app. While it is in Development mode Facebook refuses your login (“App Not Setup”); once it is Live you can grant only the permissions approved in App Review.${refused ? ' Facebook’s login page showed exactly that.' : ''} ${MODE_NOTE}`
    const fix = 'Ask an app admin to add your Facebook account as an administrator, developer or tester, or switch the app to Live.'
    return refused ? fail('roles', reason, fix, PLACES.roles) : warn('roles', reason, fix, PLACES.roles)
  }
  const role = roleName(mine.role)
  state.personRole = role
  const as = ROLE_WORDS[role] ?? `“${mine.role}”`
  if (CAN_GRANT_ANY.has(role)) {
    const settings = role === 'testers' ? ' A tester cannot change the app’s settings.' : ''
    return pass('roles', `${who} are ${as} of the app: you can log in even while it is in Development mode, and grant every permission it asks for.${settings}`)
  }
  return warn(
    'roles',
    `${who} are ${as} of the app. In Development mode only administrators, developers and testers may log in and grant permissions. ${MODE_NOTE}`,
    'Ask an app admin to make you a developer or tester.',
    PLACES.roles,
  )
}
