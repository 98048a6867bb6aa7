import { dateOf, inDays } from '../lib/time'
import type { TokenKind } from '../../../preload/api'
import { DATA_ACCESS_NOTE, neverCaveat } from '../lib/words'

interface ClockInput {
  /** Which causes can still end a token with no expiry date; Page token causes when unknown. */
  kind?: TokenKind
  expiresAt: string | null
  neverExpires: boolean
  dataAccessExpiresAt: string | null
}

/**
 * Token expiry and data-access expiry: two separate deadlines, each with its own countdown.
 * `compact` drops the long explanations, for lists where they are given once above.
 */
export function Clocks({ token, now, compact = false }: { token: ClockInput; now: number; compact?: boolean }) {
  return (
    <dl className={compact ? 'clocks compact' : 'clocks'}>
      <div className="clock">
        <dt>Token works until</dt>
        <dd>
          {token.neverExpires ? (
            <>
              <strong>No expiry date</strong>
              <span className="note">{neverCaveat(token.kind, compact)}</span>
            </>
          ) : token.expiresAt ? (
            <>
              <strong>{inDays(token.expiresAt, now)}</strong>
              <span className="note">{dateOf(token.expiresAt)}</span>
            </>
          ) : (
            <strong>Not known yet</strong>
          )}
        </dd>
      </div>
      <div className="clock">
        <dt>Data access until</dt>
        <dd>
          {token.dataAccessExpiresAt ? (
            <>
              <strong>{inDays(token.dataAccessExpiresAt, now)}</strong>
              <span className="note">{dateOf(token.dataAccessExpiresAt)}</span>
            </>
          ) : (
            <strong>No limit reported</strong>
          )}
          {!compact && <span className="note">{DATA_ACCESS_NOTE}</span>}
        </dd>
      </div>
    </dl>
  )
}
