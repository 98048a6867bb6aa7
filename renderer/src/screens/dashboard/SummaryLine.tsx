import type { AppState } from '../../../../preload/api'
import { summarize, summaryLine } from '../../../../main/core/families'
import { dateOf } from '../../lib/time'

/** How many work, how many need attention soon, how many stopped, and when the last check ran. */
export function SummaryLine({ state }: { state: AppState }) {
  const summary = summarize(state.tokens)
  return (
    <p className="summary" role="status">
      {summaryLine(summary, state.lastCheckAt ? dateOf(state.lastCheckAt) : null)}
      {summary.total > 0 && ` Checked every ${state.settings.checkIntervalHours} hours in the background.`}
    </p>
  )
}
