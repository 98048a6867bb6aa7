import type { Inspection } from './inspect'
import type { TokenMeta } from './record'

/**
 * Why a renewal's login is not the stored token's person (or business), in words; null when it
 * is. A renewal never replaces one person's token with another's: a browser or window already
 * logged in to Facebook as someone else would otherwise do it silently.
 */
export function otherPerson(old: TokenMeta, inspection: Inspection): string | null {
  if (old.kind === 'BUSINESS_INTEGRATION') {
    const now = inspection.clientBusinessId
    if (now === (old.clientBusinessId ?? null)) return null
    return `The login went through ${now ? `the business ${now}` : 'no business'}, but “${old.name}” is a token of the business ${old.clientBusinessId ?? 'it was made for'}. Nothing was replaced: save this login as a new token, or log in again and choose that business.`
  }
  const was = old.userId
  const is = inspection.info.userId
  if (was === null || is === null || was === is) return null
  const who = inspection.userName ? `${inspection.userName} (${is})` : `another Facebook user (${is})`
  return `You logged in as ${who}, but “${old.name}” belongs to the Facebook user ${was}. Nothing was replaced: save this login as a new token, or log in again as that person (on the Connect step, “Log in as someone else” makes Facebook ask who is logging in).`
}
