import type { Problem } from '../../preload/api'
import { toProblem, type TokenDebugInfo } from '../core/graph'
import { problemFor } from '../core/tokens/inspect'
import { CLI_FIX } from './fix-words'

/** Why Graph's answer makes the token unusable for this app, or null when it is fine. */
export function problemOf(info: TokenDebugInfo, appId: string): Problem | null {
  if (!info.isValid) return (info.error && toProblem(info.error)) ?? problemFor('invalid', info.error?.code ?? null, info.error?.subcode ?? null)
  if (info.appId !== null && info.appId !== appId) return problemFor('wrong-app')
  return null
}

/**
 * "The token has expired. Log in with Facebook again in the Token Desk app (…) to get a new token."
 * The reason's code is for scripts (--json "problem.reason", "error.code"), not for these words.
 */
export function problemLine(problem: Problem): string {
  return `${problem.message} ${CLI_FIX[problem.reason]}`
}
