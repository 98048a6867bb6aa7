import { endingWords, endsWithin, type Clocks } from '../core/tokens/ends-within'
import type { OptionValues } from './command'
import { CommandFailure, EXIT, UsageError } from './errors'

export const MIN_DAYS_HELP = '--min-days N: exit 1 when the token stops working (either clock: its expiry or its data access) within N days.'

/** --min-days N: a whole number of days from 0 to 365, or null without the option. */
export function minDaysOf(values: OptionValues): number | null {
  const raw = values['min-days']
  if (raw === undefined) return null
  const n = typeof raw === 'string' && /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  if (!Number.isInteger(n) || n > 365) throw new UsageError('--min-days takes a whole number of days from 0 to 365.')
  return n
}

/** The refusal for a token whose clock runs out within --min-days, or null when it lasts. */
export function endsTooSoon(name: string, clocks: Clocks, days: number | null, now = Date.now()): CommandFailure | null {
  if (days === null) return null
  const ending = endsWithin(clocks, now, days)
  return ending ? new CommandFailure(endingWords(name, ending, days, now), EXIT.invalidToken, 'ends-soon') : null
}
