import { useState } from 'react'
import type { TokenSummary } from '../../../../../preload/api'
import { ErrorText } from '../../../components/ErrorText'
import { useAction } from '../../../state/useAction'
import { UsedInEditor } from '../UsedInEditor'
import { AddDestinationForm } from './AddDestinationForm'
import { DestinationItem } from './DestinationItem'

/**
 * "Where it is used": the places that get the token after every renewal, each with its last
 * delivery, and the person's own note of other places (shown as a note: Token Desk cannot reach those).
 */
export function WhereUsed({ token }: { token: TokenSummary }) {
  const deliver = useAction('deliverNow')
  const [adding, setAdding] = useState(false)
  const destinations = token.destinations ?? []
  const usable = destinations.filter((d) => !d.refused)
  return (
    <section className="where-used" aria-labelledby={`where-${token.id}`}>
      <h3 id={`where-${token.id}`} className="menu-title">
        Where it is used
      </h3>
      {destinations.length === 0 ? (
        <p className="note">No destinations yet. Add a .env file or a secret store, and Token Desk puts the new token there after every renewal.</p>
      ) : (
        <ul className="destinations" aria-label={`Where “${token.name}” is delivered`}>
          {destinations.map((d, i) => (
            <DestinationItem key={d.id ?? `refused-${i}`} tokenId={token.id} destination={d} />
          ))}
        </ul>
      )}
      <div className="row-actions">
        {usable.length > 0 && (
          <button type="button" className="secondary" disabled={deliver.pending} onClick={() => void deliver.run({ id: token.id })}>
            {deliver.pending ? 'Delivering…' : usable.length === 1 ? 'Deliver now' : `Deliver now to all ${usable.length}`}
          </button>
        )}
        {!adding && (
          <button type="button" className="secondary" onClick={() => setAdding(true)}>
            Add a destination
          </button>
        )}
      </div>
      <ErrorText error={deliver.error} />
      {adding && <AddDestinationForm tokenId={token.id} tokenName={token.name} onDone={() => setAdding(false)} />}
      <UsedInEditor token={token} />
    </section>
  )
}
