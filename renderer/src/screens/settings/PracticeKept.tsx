import { ErrorText } from '../../components/ErrorText'
import { useAction } from '../../state/useAction'

/** The practice tokens kept apart since the move to the person's own app, until they clear them. */
export function PracticeKept({ count }: { count: number }) {
  const clear = useAction('clearPracticeTokens')
  if (count === 0) return null
  return (
    <section className="card" aria-labelledby="practice-kept-title">
      <h3 id="practice-kept-title">Practice tokens</h3>
      <p>
        {count} {count === 1 ? 'token' : 'tokens'} from practice mode {count === 1 ? 'is' : 'are'} kept apart from your own:
        not on the dashboard, not checked, not used by scripts. They worked only with the simulated Facebook.
      </p>
      <button type="button" className="secondary" disabled={clear.pending} onClick={() => void clear.run({})}>
        Clear practice tokens
      </button>
      <ErrorText error={clear.error} />
    </section>
  )
}
