import { useState } from 'react'
import type { TokenSummary } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Progress } from '../../components/Progress'
import { rotationSteps } from '../../lib/revoke-words'
import { useAction } from '../../state/useAction'

/** "This token may have leaked": the replacement first, then the revoke, and where to update it. */
export function LeakControls({ token }: { token: TokenSummary }) {
  const rotate = useAction('rotateToken')
  const [open, setOpen] = useState(false)
  const [revokeFirst, setRevokeFirst] = useState(false)
  if (token.kind === 'APP') return null
  const checkId = `revoke-first-${token.id}`

  if (!open)
    return (
      <button type="button" className="link danger" onClick={() => setOpen(true)}>
        This token may have leaked
      </button>
    )
  return (
    <div className="confirm" role="group" aria-label={`Replace ${token.name}`}>
      <p>
        <strong>Replace “{token.name}” and revoke this one.</strong>
      </p>
      <ol>
        {rotationSteps(token.kind, token.systemUser?.name ?? null).map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      {token.kind !== 'SYSTEM_USER' && token.kind !== 'BUSINESS_INTEGRATION' && (
        <label className="check" htmlFor={checkId}>
          <input id={checkId} type="checkbox" checked={revokeFirst} onChange={(e) => setRevokeFirst(e.target.checked)} /> Revoke it first, then
          log in once: faster, but the token does not work until you finish.
        </label>
      )}
      <p className="note">{token.usedIn ? `Afterwards, update it in: ${token.usedIn}.` : 'Afterwards, update it wherever it is used.'}</p>
      {token.kind === 'BUSINESS_INTEGRATION' ? (
        // Token Desk cannot end one (revoke-effect.ts): the steps above are the whole answer.
        <div className="actions">
          <button type="button" className="link" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      ) : rotate.pending ? (
        <Progress label="Replacing the token: finish the Facebook login if a window opened…" />
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void rotate.run({ id: token.id, ...(revokeFirst ? { revokeFirst: true } : {}) }).then((r) => r && setOpen(false))}>
            Replace it now
          </button>
          <button type="button" className="link" onClick={() => setOpen(false)}>
            Not now
          </button>
        </div>
      )}
      <ErrorText error={rotate.error} />
    </div>
  )
}
