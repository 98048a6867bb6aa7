import type { AppState } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { dateOf, nowOf } from '../../lib/time'
import { DATA_ACCESS_NOTE, NEVER_CAVEAT } from '../../lib/words'
import { useDesk } from '../../state/desk'
import { useAction } from '../../state/useAction'
import { TokenRow } from './TokenRow'

/** Dead and expiring tokens first: they are why the user opened the window. */
const URGENCY = { dead: 0, 'needs-relogin': 1, expiring: 2, unknown: 3, valid: 4 } as const

export function DashboardScreen({ state }: { state: AppState }) {
  const { go } = useDesk()
  const checkAll = useAction('checkNow')
  const now = nowOf(state.practiceNow)
  const tokens = [...state.tokens].sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.name.localeCompare(b.name))
  const names = new Map(state.tokens.map((t) => [t.id, t.name]))
  const broken = tokens.filter((t) => t.status === 'dead' || t.status === 'needs-relogin').length

  return (
    <section aria-labelledby="dashboard-title">
      <div className="screen-head">
        <h2 id="dashboard-title">Your tokens</h2>
        <button type="button" className="secondary" onClick={() => void checkAll.run({})} disabled={checkAll.pending}>
          {checkAll.pending ? 'Checking all…' : 'Check all now'}
        </button>
      </div>
      <p className="note" role="status">
        {state.lastCheckAt ? `Last check of all tokens: ${dateOf(state.lastCheckAt)}.` : 'No check has run yet.'}{' '}
        {broken > 0
          ? `${broken} ${broken === 1 ? 'token needs' : 'tokens need'} your attention.`
          : tokens.length > 0 && `Checked every ${state.settings.checkIntervalHours} hours in the background.`}
      </p>
      <ErrorText error={checkAll.error} />
      {tokens.length > 0 && (
        <details className="explain">
          <summary>Why each token has two clocks</summary>
          <p>
            <strong>Token works until:</strong> the day Facebook stops accepting it. “No expiry date”: {NEVER_CAVEAT}
          </p>
          <p>
            <strong>Data access until:</strong> {DATA_ACCESS_NOTE}
          </p>
        </details>
      )}
      {tokens.length === 0 ? (
        <div className="card empty">
          <p>No tokens yet. Add one: it takes about four clicks.</p>
          <button type="button" className="primary" onClick={() => go('wizard')}>
            Add a token
          </button>
        </div>
      ) : (
        <ul className="token-list">
          {tokens.map((token) => (
            <TokenRow
              key={token.id}
              token={token}
              now={now}
              parentName={token.parentId ? (names.get(token.parentId) ?? null) : null}
            />
          ))}
        </ul>
      )}
    </section>
  )
}
