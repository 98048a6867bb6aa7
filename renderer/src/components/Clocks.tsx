import { dataClockApplies, dateOf, inDays } from '../lib/time'
import type { TokenKind } from '../../../preload/api'
import { DATA_ACCESS_NOTE, neverCaveat } from '../lib/words'

interface ClockInput {
  /** Which causes can still end a token with no expiry date, and whether the data clock applies; a user token's when unknown. */
  kind?: TokenKind
  expiresAt: string | null
  neverExpires: boolean
  dataAccessExpiresAt: string | null
}

/**
 * Token expiry and, for user tokens, data-access expiry: two separate deadlines, each with its
 * own countdown. `compact` drops the long explanations, for lists where they are given once above.
 */
export function Clocks({ token, now, compact = false }: { token: ClockInput; now: number; compact?: boolean }) {
  const ended = (iso: string) => Date.parse(iso) <= now
  return (
    <dl className={compact ? 'clocks compact' : 'clocks'}>
      <div className="clock">
        <dt>{token.expiresAt && !token.neverExpires && ended(token.expiresAt) ? 'Stopped working' : 'Stops working'}</dt>
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
      {dataClockApplies(token.kind) && (
        <div className="clock">
          <dt>{token.dataAccessExpiresAt && ended(token.dataAccessExpiresAt) ? 'Data access ended' : 'Data access ends'}</dt>
          <dd>
            {token.dataAccessExpiresAt ? (
              <>
                <strong>{inDays(token.dataAccessExpiresAt, now)}</strong>
                <span className="note">{dateOf(token.dataAccessExpiresAt)}</span>
              </>
            ) : (
              <strong>No date given by Facebook</strong>
            )}
            {!compact && <span className="note">{DATA_ACCESS_NOTE}</span>}
          </dd>
        </div>
      )}
    </dl>
  )
}
