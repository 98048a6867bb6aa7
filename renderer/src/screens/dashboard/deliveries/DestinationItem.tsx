import type { DestinationSummary } from '../../../../../preload/destinations'
import { ErrorText } from '../../../components/ErrorText'
import { dateOf } from '../../../lib/time'
import { useAction } from '../../../state/useAction'

/** What the last delivery did, in words: when, and how it went. */
function lastWords(d: DestinationSummary): string {
  if (d.refused) return `Not delivered: ${d.refused}.`
  if (!d.last) return 'Not delivered yet: it gets the token at the next renewal, or now with Test.'
  return d.last.ok ? `Delivered ${dateOf(d.last.at)}.` : `Failed ${dateOf(d.last.at)}: ${d.last.message}`
}

/** One place the token is delivered to, with its last delivery, Test (deliver now) and Remove. */
export function DestinationItem({ tokenId, destination: d }: { tokenId: string; destination: DestinationSummary }) {
  const test = useAction('deliverNow')
  const remove = useAction('removeDestination')
  const failed = !!d.refused || d.last?.ok === false
  return (
    <li className={`destination${failed ? ' destination-failed' : ''}`}>
      <p>
        <strong className="mono">{d.where}</strong>
      </p>
      <p className={failed ? 'error-text' : 'note'} role="status">
        {failed && <span aria-hidden="true">✕ </span>}
        {lastWords(d)}
      </p>
      {d.id && (
        <div className="row-actions">
          {!d.refused && (
            <button type="button" className="secondary" disabled={test.pending} onClick={() => void test.run({ id: tokenId, destinationId: d.id! })}>
              {test.pending ? 'Delivering…' : 'Test'}
              <span className="visually-hidden"> delivery to {d.where}</span>
            </button>
          )}
          <button type="button" className="link" disabled={remove.pending} onClick={() => void remove.run({ id: tokenId, destinationId: d.id! })}>
            Remove<span className="visually-hidden"> {d.where}</span>
          </button>
        </div>
      )}
      <ErrorText error={test.error ?? remove.error} />
    </li>
  )
}
