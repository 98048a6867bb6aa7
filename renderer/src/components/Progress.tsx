import { useAction } from '../state/useAction'
import { ErrorText } from './ErrorText'

/** A network step in flight: what is happening, and the way out. */
export function Progress({ label, hint }: { label: string; hint?: string }) {
  const cancel = useAction('resetWizard')
  return (
    <div className="progress" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <div>
        <p className="progress-label">{label}</p>
        {hint && <p className="note">{hint}</p>}
      </div>
      <button type="button" className="secondary" onClick={() => void cancel.run({})} disabled={cancel.pending}>
        Cancel
      </button>
      <ErrorText error={cancel.error} />
    </div>
  )
}
