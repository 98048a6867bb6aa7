import type { TokenSummary } from '../../../../preload/api'
import { familyFix } from '../../../../main/core/families'
import { FixButton } from './FixButton'

/**
 * This one token's fix, in its own row: a Renew for one that expires soon even when its family's
 * button is about another member's problem (a lost Page role beside an expiring user token).
 */
export function TokenFix({ token }: { token: TokenSummary }) {
  const fix = familyFix(token, [token])
  return fix ? <FixButton fix={fix} name={token.name} /> : null
}
