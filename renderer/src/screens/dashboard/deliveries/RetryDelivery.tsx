import type { Notice } from '../../../../../preload/api'
import { ErrorText } from '../../../components/ErrorText'
import { useAction } from '../../../state/useAction'

/** A failed delivery's notice ends in one step: deliver that token to its destinations again. */
export function RetryDelivery({ notice }: { notice: Notice }) {
  const retry = useAction('deliverNow')
  if (notice.retry !== 'deliver' || !notice.tokenId) return null
  return (
    <>
      <button type="button" className="secondary" disabled={retry.pending} onClick={() => void retry.run({ id: notice.tokenId! })}>
        {retry.pending ? 'Trying again…' : 'Try again'}
      </button>
      <ErrorText error={retry.error} />
    </>
  )
}
