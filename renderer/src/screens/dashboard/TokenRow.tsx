import type { TokenSummary } from '../../../../preload/api'
import { Clocks } from '../../components/Clocks'
import { ErrorText } from '../../components/ErrorText'
import { StatusBadge } from '../../components/StatusBadge'
import { dateOf } from '../../lib/time'
import { KIND_NAMES } from '../../lib/words'
import { useAction } from '../../state/useAction'
import { CopyControls } from './CopyControls'
import { LeakControls } from './LeakControls'
import { RenameForm } from './ManageControls'
import { ProblemFix } from './ProblemFix'
import { RemoveWithRevoke } from './RemoveWithRevoke'
import { RenewSystemUser } from './RenewSystemUser'
import { UsedInEditor } from './UsedInEditor'

export function TokenRow({ token, now, parentName }: { token: TokenSummary; now: number; parentName: string | null }) {
  const check = useAction('checkNow')
  const titleId = `token-${token.id}`
  return (
    <li className={`card token-row status-${token.status}`} aria-labelledby={titleId}>
      <div className="token-head">
        <h3 id={titleId}>{token.name}</h3>
        <StatusBadge status={token.status} />
      </div>
      <p className="note">
        {KIND_NAMES[token.kind]} <span className="mono">…{token.last4}</span>
        {token.kind === 'PAGE' && token.profileId && ` · Page ${token.profileId}`}
        {parentName && ` · made from “${parentName}”`}
        {token.scopes.length > 0 && ` · ${token.scopes.join(', ')}`}
      </p>
      {token.problem && (
        <div className="problem">
          <p>
            <strong>Why it stopped: </strong>
            {token.problem.message}
          </p>
          <ProblemFix id={token.id} problem={token.problem} />
        </div>
      )}
      <Clocks token={token} now={now} compact />
      <RenewSystemUser token={token} />
      <UsedInEditor token={token} />
      <CopyControls id={token.id} />
      <div className="row-actions">
        <button type="button" className="secondary" onClick={() => void check.run({ id: token.id })} disabled={check.pending}>
          {check.pending ? 'Checking…' : 'Check now'}
        </button>
        <span className="note" role="status">
          {token.lastCheckedAt ? `Last checked ${dateOf(token.lastCheckedAt)}` : 'Not checked yet'}
        </span>
        <RenameForm id={token.id} name={token.name} />
        <LeakControls token={token} />
        <RemoveWithRevoke token={token} />
      </div>
      <ErrorText error={check.error} />
    </li>
  )
}
