import type { Purpose } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { useAction } from '../../state/useAction'
import { PasteForm } from './PasteForm'

export function FailedStep({ purpose, message, canPaste, explorerUrl }: { purpose: Purpose | null; message: string; canPaste: boolean; explorerUrl: string | null }) {
  const retry = useAction('choosePurpose')
  const reset = useAction('resetWizard')
  return (
    <section aria-labelledby="failed-title">
      <h2 id="failed-title">That did not work</h2>
      <p className="error-box" role="alert">
        <span aria-hidden="true">✕ </span>
        {message}
      </p>
      <div className="actions">
        {purpose && (
          <button type="button" className="primary" onClick={() => void retry.run({ purpose })} disabled={retry.pending}>
            Try again
          </button>
        )}
        <button type="button" className={purpose ? 'secondary' : 'primary'} onClick={() => void reset.run({})} disabled={reset.pending}>
          Start over
        </button>
      </div>
      <ErrorText error={retry.error ?? reset.error} />
      {canPaste && (
        <>
          <p>You can also get a token yourself and paste it here:</p>
          <PasteForm open explorerUrl={explorerUrl} />
        </>
      )}
    </section>
  )
}
