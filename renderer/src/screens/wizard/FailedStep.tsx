import type { DialogExplanation, DoctorReport, Purpose } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { DoctorReportView } from '../../components/doctor/DoctorReportView'
import { LoginRefusal } from '../../components/doctor/LoginRefusal'
import { useAction } from '../../state/useAction'
import { PasteForm } from './PasteForm'

interface FailedStepProps {
  purpose: Purpose | null
  message: string
  canPaste: boolean
  explorerUrl: string | null
  /** Facebook's refusal page, explained, when the login ended on one. */
  dialog?: DialogExplanation | undefined
  /** The doctor ran after the failed login: its failures and warnings say what else is wrong. */
  doctor?: DoctorReport | null
}

export function FailedStep({ purpose, message, canPaste, explorerUrl, dialog, doctor }: FailedStepProps) {
  const retry = useAction('choosePurpose')
  // The refusal page is explained above; the rest of the doctor's report goes below it.
  const others = doctor
    ? { ...doctor, findings: doctor.findings.filter((f) => (f.status === 'failure' || f.status === 'warning') && !(dialog && f.check === 'login-dialog')) }
    : null
  const reset = useAction('resetWizard')
  return (
    <section aria-labelledby="failed-title">
      <h2 id="failed-title">That did not work</h2>
      {dialog ? (
        <div role="alert">
          <LoginRefusal dialog={dialog} />
        </div>
      ) : (
        <p className="error-box" role="alert">
          <span aria-hidden="true">✕ </span>
          {message}
        </p>
      )}
      {others && others.findings.length > 0 && (
        <details>
          <summary>What else Token Desk found about your app</summary>
          <DoctorReportView report={others} only={['failure', 'warning']} headingLevel={4} />
        </details>
      )}
      <div className="actions">
        {purpose && (
          <button type="button" className="primary" onClick={() => void retry.run({ purpose })} disabled={retry.pending}>
            Try again
          </button>
        )}
        <button type="button" className={purpose ? 'secondary' : 'primary'} onClick={() => void reset.run({ askPurpose: true })} disabled={reset.pending}>
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
