import type { Problem } from '../../preload/api'
import { toProblem, type TokenDebugInfo } from '../core/graph'
import { DEATH_WORDS } from '../core/graph/death-reasons'
import { problemFor } from '../core/tokens/inspect'

/** Why Graph's answer makes the token unusable for this app, or null when it is fine. */
export function problemOf(info: TokenDebugInfo, appId: string): Problem | null {
  if (!info.isValid) return (info.error && toProblem(info.error)) ?? problemFor('invalid', info.error?.code ?? null, info.error?.subcode ?? null)
  if (info.appId !== null && info.appId !== appId) return problemFor('wrong-app')
  return null
}

/** "expired: The token has expired. Sign in with Facebook again to get a new token." */
export function problemLine(problem: Problem): string {
  return `${problem.reason}: ${problem.message} ${DEATH_WORDS[problem.reason][1]}`
}
