import type { CSSProperties, Ref } from 'react'
import type { TokenSummary } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { StatusBadge } from '../../components/StatusBadge'
import { shortClocks } from '../../lib/time'
import { KIND_NAMES } from '../../lib/words'
import { useAction } from '../../state/useAction'
import { CopyControls } from './CopyControls'
import { TokenFix } from './TokenFix'
import { TokenMenu } from './TokenMenu'

export const openerId = (tokenId: string): string => `open-${tokenId}`

/** Where a row sits in a long list only part of which is drawn (MemberList). */
export interface RowPlace {
  index: number
  setSize: number
  style: CSSProperties
  ref: Ref<HTMLLIElement>
}

/** One token in a few words: name (to its detail view), kind, state, both clocks, its own fix, copy, check, menu. */
export function MemberRow({ token, now, onOpen, place }: { token: TokenSummary; now: number; onOpen: (id: string) => void; place?: RowPlace }) {
  const check = useAction('checkNow')
  return (
    <li
      className={`member status-${token.status}`}
      {...(place ? { ref: place.ref, style: place.style, 'data-index': place.index, 'aria-setsize': place.setSize, 'aria-posinset': place.index + 1 } : {})}
    >
      <div className="member-main">
        <button type="button" id={openerId(token.id)} className="link member-name" onClick={() => onOpen(token.id)}>
          <span className="visually-hidden">Details of </span>
          {token.name}
        </button>
        <span className="note">
          {KIND_NAMES[token.kind]} <span className="mono">…{token.last4}</span>
        </span>
      </div>
      <StatusBadge status={token.status} />
      <span className="note member-clocks">{token.problem ? token.problem.message : shortClocks(token, now)}</span>
      <div className="member-actions">
        <TokenFix token={token} />
        <CopyControls id={token.id} only="token" name={token.name} />
        <button type="button" className="secondary" onClick={() => void check.run({ id: token.id })} disabled={check.pending}>
          {check.pending ? 'Checking…' : 'Check'}
          <span className="visually-hidden"> {token.name}</span>
        </button>
        <TokenMenu token={token} />
      </div>
      <ErrorText error={check.error} />
    </li>
  )
}
