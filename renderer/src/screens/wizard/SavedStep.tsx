import type { AppState, TokenSummary } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { KIND_NAMES } from '../../lib/words'
import { useDesk } from '../../state/desk'
import { useAction } from '../../state/useAction'

/** "14, 7, 3 and 1" */
const listed = (days: readonly number[]): string => (days.length < 2 ? days.join('') : `${days.slice(0, -1).join(', ')} and ${days.at(-1)}`)

/** Where the tokens are now, as it is: "encrypted" only when they are. */
function keptWords(storage: AppState['storage'], count: number): string {
  const they = count === 1 ? 'It is' : 'They are'
  if (storage.persisting) return storage.protection === 'weak' ? `${they} saved on this computer with weak protection, as you allowed.` : `${they} saved on this computer, encrypted.`
  return `${they} in memory only, until Token Desk stops: choose a passphrase above to save ${count === 1 ? 'it' : 'them'}.`
}

interface Props {
  saved: string[]
  renewed: string[]
  tokens: TokenSummary[]
  storage: AppState['storage']
  reminderDays: number[]
}

export function SavedStep({ saved, renewed, tokens, storage, reminderDays }: Props) {
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
        {keptWords(storage, saved.length)} Token Desk checks them in the background and warns you {listed(reminderDays)}{' '}
        {reminderDays.length === 1 && reminderDays[0] === 1 ? 'day' : 'days'} before one stops working, and at once if one stops.
      </p>
      <ul className="saved-list">
        {described.map((item) => {
          const name = typeof item === 'string' ? item : item.name
          const again = renewed.includes(name) ? <span className="tag"> renewed: it took the place of the one saved before</span> : null
          return typeof item === 'string' ? (
            <li key={item}>
              {item}
              {again}
            </li>
          ) : (
            <li key={item.id}>
              <strong>{item.name}</strong> <span className="note">· {KIND_NAMES[item.kind]} …{item.last4}</span>
              {again}
            </li>
          )
        })}
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
