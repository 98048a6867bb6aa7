/**
 * One count of days for every place that says how long a token has left: the dashboard's rows
 * and detail view, the reminder banners and notifications, the tray and the command line. Whole
 * days, rounded up (9 days and 2 hours is "in 10 days", as a reminder counts), 0 once it ran out.
 */
const DAY = 86_400_000

export function daysLeft(now: number, endsAt: number): number {
  return Math.max(0, Math.ceil((endsAt - now) / DAY))
}

/** "in 10 days", "within a day", "today": the words for a count from daysLeft. */
export function inDaysWords(days: number): string {
  if (days <= 0) return 'today'
  if (days === 1) return 'within a day'
  return `in ${days} days`
}
