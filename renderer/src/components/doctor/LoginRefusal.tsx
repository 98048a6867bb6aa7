import type { DialogExplanation } from '../../../../preload/api'

/** Facebook's refusal page, as Token Desk explains it instead of leaving the person on it. */
export function LoginRefusal({ dialog }: { dialog: DialogExplanation }) {
  return (
    <div className="error-box login-refusal">
      <h3>Facebook showed “{dialog.shown}”</h3>
      <p>{dialog.reason}</p>
      <p>
        <strong>Fix:</strong> {dialog.fix}
      </p>
      <p className="note">
        <strong>Where:</strong> {dialog.where}
      </p>
    </div>
  )
}
