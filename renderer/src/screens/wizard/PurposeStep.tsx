import { PURPOSES } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { PURPOSE_WORDS } from '../../lib/words'
import { useAction } from '../../state/useAction'

export function PurposeStep() {
  const choose = useAction('choosePurpose')
  return (
    <section aria-labelledby="purpose-title">
      <h2 id="purpose-title">What is the token for?</h2>
      <p className="lead">
        Pick one. Token Desk asks Facebook for exactly the permissions it needs, nothing more. You can change the
        list on the next step.
      </p>
      <div className="purpose-cards">
        {PURPOSES.map((purpose) => (
          <button
            key={purpose}
            type="button"
            className="purpose-card"
            disabled={choose.pending}
            onClick={() => void choose.run({ purpose })}
          >
            <span className="purpose-title">{PURPOSE_WORDS[purpose].title}</span>
            <span className="purpose-body">{PURPOSE_WORDS[purpose].body}</span>
          </button>
        ))}
      </div>
      <ErrorText error={choose.error} />
    </section>
  )
}
