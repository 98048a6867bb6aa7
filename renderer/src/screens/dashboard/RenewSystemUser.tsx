import type { TokenSummary } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Progress } from '../../components/Progress'
import { useAction } from '../../state/useAction'

/** A 60-day system-user token: one click makes the next one (an admin of the business logs in). */
export function RenewSystemUser({ token }: { token: TokenSummary }) {
  const renew = useAction('reauthorize')
  if (token.kind !== 'SYSTEM_USER' || token.neverExpires || token.problem) return null
  return (
    <div className="fix">
      {renew.pending ? (
        <Progress label="Waiting for you to log in as an admin of the business…" />
      ) : (
        <button type="button" className={token.status === 'expiring' ? 'primary' : 'secondary'} onClick={() => void renew.run({ id: token.id })}>
          Renew now<span className="visually-hidden"> “{token.name}”</span>
        </button>
      )}
      <span className="note"> Makes a new 60-day token for the same system user; this one keeps working until it expires.</span>
      <ErrorText error={renew.error} />
    </div>
  )
}
