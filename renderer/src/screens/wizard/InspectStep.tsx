import type { InspectedToken } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Progress } from '../../components/Progress'
import { useAction } from '../../state/useAction'
import { TokenCard } from './TokenCard'
import { SHORT_LIVED } from '../../lib/words'

export function InspectStep({ token, now }: { token: InspectedToken; now: number }) {
  const extend = useAction('extendToken')
  const save = useAction('savePages')
  // The host extends and lists Pages on its own when it can; a long-lived user token that lands
  // here has no Page permission, so saving is the only step left.
  const canExtend = token.kind === 'USER' && !token.longLived
  const busy = extend.pending || save.pending

  return (
    <section aria-labelledby="inspect-title">
      <h2 id="inspect-title">Here is what Facebook says about this token</h2>
      <p className="lead">
        {canExtend
          ? `It lasts only ${SHORT_LIVED}. Token Desk can swap it for one that lasts about 60 days and list the Pages it reaches.`
          : token.kind === 'USER'
            ? 'It is long-lived (about 60 days). It has no permission to list Pages, so there are none to pick: save it and Token Desk will watch it.'
            : 'Check the details, then save it. Token Desk will watch it and warn you before it stops working.'}
      </p>
      <TokenCard token={token} now={now} />
      {busy ? (
        <Progress label={extend.pending ? 'Making it long-lived and finding your Pages…' : 'Saving…'} />
      ) : (
        <div className="actions">
          {canExtend && (
            <button type="button" className="primary" onClick={() => void extend.run({})}>
              Make it last 60 days and find my Pages
            </button>
          )}
          <button
            type="button"
            className={canExtend ? 'secondary' : 'primary'}
            onClick={() => void save.run({ pageIds: [], saveUserToken: true })}
          >
            {canExtend ? 'Save just this token' : 'Save this token'}
          </button>
        </div>
      )}
      <ErrorText error={extend.error ?? save.error} />
    </section>
  )
}
