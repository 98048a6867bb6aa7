import type { DialogPage } from '../../../preload/api'
import type { GraphClient } from '../graph'
import type { Logger } from '../ports'

/** Everything one doctor run is given. Tokens stay in here; the report never holds one. */
export interface DoctorInput {
  graph: GraphClient
  appId: string
  /** The permissions the chosen purpose needs (public_profile aside). */
  neededScopes: readonly string[]
  /** "manage ads": for the words of the permissions check. */
  purposeLabel: string | null
  /** A user token of the person who logs in, once there is one: roles and "Require App Secret" need it. */
  userToken: string | null
  /** That person's app-scoped id (debug_token's user_id) and name, when known. */
  person: { id: string; name: string | null } | null
  /** A refusal page a login window recognised, when the last login ended on one. */
  dialogPage: DialogPage | null
  /** The login dialog to look at without logging in (a plain GET, no cookies); null to skip it. */
  dialogProbe: { url: string; fetch: typeof fetch; timeoutMs?: number } | null
  /** Where logins return: a browser's http://localhost address, or the desktop window's login_success page. */
  loginHost?: 'browser' | 'window'
  /** The Login for Business configuration the login uses, when the app has one (the FLfB check). */
  configId?: string | null
  /** What the last login through that configuration granted (debug_token scopes), when there was one. */
  configGranted?: readonly string[] | null
  now: number
  log: Logger
}
