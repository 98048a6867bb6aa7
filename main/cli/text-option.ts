import { holdsUserToken } from '../../preload/api'
import { UsageError } from './errors'

/**
 * A short free-text option (a name, a "used in" note): trimmed, 1 to `max` printable characters.
 * With `tokenHint`, a value holding a token is refused and the message ends with what to write.
 */
export function textOption(value: string | boolean | undefined, option: string, max: number, tokenHint?: string): string | null {
  if (typeof value !== 'string') return null
  const v = value.trim()
  if (!v || v.length > max || /[\p{Cc}]/u.test(v)) throw new UsageError(`${option} must be 1 to ${max} printable characters.`)
  if (tokenHint !== undefined && holdsUserToken(v)) throw new UsageError(`${option} looks like it holds a token; ${tokenHint}, not the token.`)
  return v
}
