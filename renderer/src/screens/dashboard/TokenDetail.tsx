import { useEffect, useRef } from 'react'
import type { TokenSummary } from '../../../../preload/api'
import { Clocks } from '../../components/Clocks'
import { ErrorText } from '../../components/ErrorText'
import { StatusBadge } from '../../components/StatusBadge'
import { dateOf } from '../../lib/time'
import { KIND_NAMES } from '../../lib/words'
import { useAction } from '../../state/useAction'
import { ProblemFix } from './ProblemFix'
import { RenewToken } from './RenewToken'
import { TokenMenu } from './TokenMenu'
import { CopyControls } from './CopyControls'
import { WhereUsed } from './deliveries/WhereUsed'

interface Props {
  token: TokenSummary
  parentName: string | null
  now: number
  onBack: () => void
}

/** Everything about one token: facts, why it stopped and its fix, both clocks in full, copy, check, manage. */
export function TokenDetail({ token, parentName, now, onBack }: Props) {
  const check = useAction('checkNow')
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [token.id])

  return (
    <section className="token-detail" aria-labelledby="detail-title">
      <button type="button" className="link back" onClick={onBack}>
        <span aria-hidden="true">← </span>All tokens
      </button>
      <div className={`card token-row status-${token.status}`}>
        <div className="token-head">
          <h2 id="detail-title" ref={heading} tabIndex={-1}>
            {token.name}
          </h2>
          <StatusBadge status={token.status} />
        </div>
        <p className="note">
          {KIND_NAMES[token.kind]} <span className="mono">…{token.last4}</span>
          {token.kind === 'PAGE' && token.profileId && ` · Page ${token.profileId}`}
          {parentName && ` · made from “${parentName}”`}
          {token.appId && ` · app ${token.appId}`}
          {token.clientBusinessId && ` · business ${token.clientBusinessId}`}
          {token.configId && ` · Login for Business configuration ${token.configId}`}
        </p>
        {token.scopes.length > 0 && <p className="note">Permissions: {token.scopes.join(', ')}</p>}
        {token.problem && (
          <div className="problem">
            <p>
              <strong>Why it stopped: </strong>
              {token.problem.message}
            </p>
            <ProblemFix id={token.id} problem={token.problem} />
          </div>
        )}
        <Clocks token={token} now={now} />
        <RenewToken token={token} />
        <div className="row-actions detail-actions">
          <CopyControls id={token.id} only="token" />
          <button type="button" className="secondary" onClick={() => void check.run({ id: token.id })} disabled={check.pending}>
            {check.pending ? 'Checking…' : 'Check now'}
          </button>
          <span className="note" role="status">
            {token.lastCheckedAt ? `Last checked ${dateOf(token.lastCheckedAt)}` : 'Not checked yet'}
          </span>
        </div>
        <ErrorText error={check.error} />
        <WhereUsed token={token} />
        <h3 className="menu-title">Manage</h3>
        <TokenMenu token={token} open />
      </div>
    </section>
  )
}
