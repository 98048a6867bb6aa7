import type { AppState } from '../../../../preload/api'
import { ErrorText } from '../ErrorText'
import { useAction } from '../../state/useAction'
import { DoctorReportView } from './DoctorReportView'
import { VersionInfo } from './VersionInfo'

/** Settings > Check my app: the doctor on demand, and the API version in use. */
export function CheckMyApp({ state }: { state: AppState }) {
  const check = useAction('checkApp')
  if (state.mode === 'none') return null
  return (
    <div className="card" aria-labelledby="check-app-title">
      <h3 id="check-app-title">Your Meta app</h3>
      <p>
        Token Desk asks Facebook about the app itself: its App ID and secret, its settings, your role, the permissions
        App Review approved, the login dialog and the API version. Each problem comes with the place to fix it in the
        App Dashboard.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void check.run({})} disabled={check.pending}>
          Check my app
        </button>
        <span role="status" className="note">
          {check.pending && 'Checking your app with Facebook…'}
        </span>
      </div>
      <ErrorText error={check.error} />
      {state.doctor && <DoctorReportView report={state.doctor} headingLevel={4} />}
      {state.versions && (
        <>
          <h4>API version</h4>
          <VersionInfo versions={state.versions} />
        </>
      )}
    </div>
  )
}
