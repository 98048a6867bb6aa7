import { toProblem, type TokenDebugInfo } from '../graph'
import type { TokenMeta } from '../tokens/record'

/**
 * Why a replacement cannot stand in for the stored token, or null when it can: it must work,
 * belong to this app, be the same kind for the same person, Page or system user, and keep every
 * permission the old one had (graph-api.md §5).
 */
export function replacementProblem(info: TokenDebugInfo, old: TokenMeta, appId: string): string | null {
  if (!info.isValid) return `Facebook does not accept it (${(info.error && toProblem(info.error)?.message) ?? 'not valid'})`
  if (info.appId !== null && info.appId !== appId) return 'it belongs to another app'
  if (info.type !== old.kind) return `it is a ${info.type ?? 'token of no known kind'}, not a ${old.kind} token`
  if (old.kind === 'PAGE' ? info.profileId !== old.profileId : old.userId !== null && info.userId !== old.userId) {
    return old.kind === 'PAGE' ? 'it is for another Page' : old.kind === 'SYSTEM_USER' ? 'it is for another system user' : 'it is for another person'
  }
  const lost = old.scopes.filter((s) => s !== 'public_profile' && !info.scopes.includes(s))
  if (lost.length > 0) return `it lacks ${lost.join(', ')}, which the old token had`
  if (old.kind === 'SYSTEM_USER' && info.neverExpires !== old.neverExpires) return 'its expiry is not the kind the old token had'
  return null
}
