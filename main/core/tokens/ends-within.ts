/**
 * "Will this token still work in N days?", for a job that would rather fail now than halfway
 * (`--min-days N` on token, exec, check and inspect). Either clock counts: the token's expiry,
 * and the data-access expiry, after which most data can no longer be read.
 */
export interface Clocks {
  /** Milliseconds; null when it never expires. */
  expiresAt: number | null
  neverExpires?: boolean
  dataAccessExpiresAt: number | null
}

export interface Ending {
  clock: 'expires' | 'data-access'
  at: number
}

const DAY = 86_400_000

/** The first clock that runs out within `days` of `now` (one already run out included), or null. */
export function endsWithin(clocks: Clocks, now: number, days: number): Ending | null {
  const limit = now + days * DAY
  const ends: Ending[] = []
  if (!clocks.neverExpires && clocks.expiresAt !== null && clocks.expiresAt <= limit) ends.push({ clock: 'expires', at: clocks.expiresAt })
  if (clocks.dataAccessExpiresAt !== null && clocks.dataAccessExpiresAt <= limit) ends.push({ clock: 'data-access', at: clocks.dataAccessExpiresAt })
  return ends.sort((a, b) => a.at - b.at)[0] ?? null
}

/** "“My Page” stops working in 3 days (2026-01-30T10:00:00.000Z), within --min-days 7." */
export function endingWords(name: string, ending: Ending, days: number, now: number): string {
  const left = Math.ceil((ending.at - now) / DAY)
  const when = ending.at <= now ? 'already' : left <= 1 ? 'within a day' : `in ${left} days`
  const what = ending.clock === 'expires' ? `“${name}” ${ending.at <= now ? 'has stopped working' : `stops working ${when}`}` : `Data access for “${name}” ${ending.at <= now ? 'has ended' : `ends ${when}`}`
  return `${what} (${new Date(ending.at).toISOString()}), within --min-days ${days}.`
}
