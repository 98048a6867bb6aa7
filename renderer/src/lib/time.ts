const DAY = 86_400_000

/** In practice mode the sandbox has its own clock; countdowns must follow it. */
export const nowOf = (practiceNow: string | null): number =>
  practiceNow ? Date.parse(practiceNow) : Date.now()

export const daysLeft = (iso: string, now: number): number => Math.floor((Date.parse(iso) - now) / DAY)

export function inDays(iso: string, now: number): string {
  const ms = Date.parse(iso) - now
  if (ms < 0) {
    const ago = Math.floor(-ms / DAY)
    return ago === 0 ? 'earlier today' : ago === 1 ? 'yesterday' : `${ago} days ago`
  }
  const days = Math.floor(ms / DAY)
  if (days === 0) return ms < 3_600_000 ? 'within the hour' : 'today'
  return days === 1 ? 'in 1 day' : `in ${days} days`
}

export const dateOf = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export const shortDate = (iso: string): string => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' })

interface ClockTimes {
  expiresAt: string | null
  neverExpires: boolean
  dataAccessExpiresAt: string | null
}

/** Both clocks in a few words, for compact rows: "works no expiry · data in 88 days". */
export function shortClocks(t: ClockTimes, now: number): string {
  const works = t.neverExpires ? 'no expiry' : t.expiresAt ? inDays(t.expiresAt, now) : 'not known yet'
  const data = t.dataAccessExpiresAt ? inDays(t.dataAccessExpiresAt, now) : 'no limit'
  return `works ${works} · data ${data}`
}
