import type { DoctorFinding } from '../../../preload/api'
import { detailOf, fail, isNetwork, pass, skip, words } from './finding'
import type { DoctorInput } from './input'
import { PLACES } from './places'

export type CredentialsVerdict = 'ok' | 'wrong' | 'blocked' | 'ip' | 'unreachable' | 'unknown'

/**
 * Step 1 of §1.8: ask for an app token with the App ID and secret. "Error validating client
 * secret." (code 1) is a wrong secret, and is called that; code 101 an unknown App ID.
 */
export async function checkCredentials(input: DoctorInput): Promise<{ finding: DoctorFinding; verdict: CredentialsVerdict; error: unknown }> {
  try {
    await input.graph.appToken()
    return { finding: pass('credentials', `Facebook knows App ID ${input.appId} and accepted its App Secret.`), verdict: 'ok', error: null }
  } catch (error) {
    if (isNetwork(error)) return { finding: skip('credentials', `Facebook could not be reached, so nothing was checked. ${words(error)}`), verdict: 'unreachable', error }
    switch (detailOf(error)) {
      case 'wrong-secret':
        return { finding: fail('credentials', 'The App Secret is wrong: Facebook refused it for this App ID.', 'Copy the App Secret again (press Show, then copy all 32 characters) and enter it in Token Desk.', PLACES.appSecret), verdict: 'wrong', error }
      case 'unknown-app':
        return { finding: fail('credentials', `Facebook does not know an app with ID ${input.appId}.`, 'Copy the App ID again from the App Dashboard and enter it in Token Desk.', PLACES.appId), verdict: 'wrong', error }
      case 'ip-not-allowed':
        return { finding: skip('credentials', 'Facebook would not check the App Secret from this computer: see the Server IP allowlist.'), verdict: 'ip', error }
      case 'app-blocked':
        return { finding: skip('credentials', 'Facebook would not check the App Secret: the app’s API access is blocked.'), verdict: 'blocked', error }
      default:
        return { finding: skip('credentials', `Facebook did not say whether the App Secret is right. ${words(error)}`), verdict: 'unknown', error }
    }
  }
}
