import type { DoctorFinding } from '../../../preload/api'
import { GraphError } from '../graph'
import { detailOf, isNetwork, pass, skip, warn, words } from './finding'
import type { DoctorInput } from './input'
import { PLACES } from './places'
import type { RunState } from './state'

/**
 * Step 4 of §1.8: no field says whether "Require App Secret" is on (§1.5), so Token Desk asks
 * `GET /me` with the user token and no proof: "API calls from the server require an
 * appsecret_proof argument" means it is on.
 */
export async function checkRequireSecret(input: DoctorInput, state: RunState): Promise<DoctorFinding> {
  if (!input.userToken) return skip('require-app-secret', 'Checked after you log in: it needs a user token.')
  try {
    await input.graph.callWithoutProof(input.userToken)
  } catch (error) {
    const detail = detailOf(error)
    if (detail === 'proof-required')
      return pass('require-app-secret', 'On: every call must carry appsecret_proof, so a leaked token is useless without the App Secret. Token Desk always sends it; your scripts must too (the official Business SDKs do when given the App Secret).')
    if (detail === 'app-blocked') state.blocked = true
    if (error instanceof GraphError && error.kind === 'token-dead') return skip('require-app-secret', 'The user token Token Desk has no longer works, so this could not be checked. Log in again.')
    return skip('require-app-secret', isNetwork(error) ? `Facebook could not be reached. ${words(error)}` : `Facebook did not answer the question. ${words(error)}`)
  }
  return warn(
    'require-app-secret',
    'Off: anyone who gets hold of one of your tokens can use it without the App Secret.',
    'Turn it on if your scripts send appsecret_proof (the official Business SDKs do when given the App Secret); Token Desk always sends it.',
    PLACES.requireAppSecret,
  )
}
