import type { TokenSummary } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { KIND_NAMES } from '../../lib/words'
import { useDesk } from '../../state/desk'
import { useAction } from '../../state/useAction'

export function SavedStep({ saved, tokens }: { saved: string[]; tokens: TokenSummary[] }) {
  const { go } = useDesk()
  const reset = useAction('resetWizard')
  // The host may report ids or names; show a stored token's name and kind when one matches.
  const described = saved.map((key) => tokens.find((t) => t.id === key || t.name === key) ?? key)

  const finish = async (view: 'dashboard' | 'wizard') => {
    if ((await reset.run({})) && view === 'dashboard') go('dashboard')
  }

  return (
    <section aria-labelledby="saved-title">
      <h2 id="saved-title">
        <span aria-hidden="true">✓ </span>Saved {saved.length} {saved.length === 1 ? 'token' : 'tokens'}
      </h2>
      <p className="lead">
        They are encrypted on this computer. Token Desk checks them in the background and warns you 14, 7, 3 and 1
        days before one stops working, and at once if one dies.
      </p>
      <ul className="saved-list">
        {described.map((item) =>
          typeof item === 'string' ? (
            <li key={item}>{item}</li>
          ) : (
            <li key={item.id}>
              <strong>{item.name}</strong> <span className="note">· {KIND_NAMES[item.kind]} …{item.last4}</span>
            </li>
          ),
        )}
      </ul>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void finish('dashboard')} disabled={reset.pending}>
          Go to the dashboard
        </button>
        <button type="button" className="secondary" onClick={() => void finish('wizard')} disabled={reset.pending}>
          Add another token
        </button>
      </div>
      <ErrorText error={reset.error} />
    </section>
  )
}
