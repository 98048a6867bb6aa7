import { isStopped, type Family } from '../../../../main/core/families'
import { StatusBadge } from '../../components/StatusBadge'

/**
 * A family's badge says what is true of the family: "1 of 58 stopped" where one Page lost its
 * role and 57 tokens work; "Stopped working" only when every one of them did.
 */
export function FamilyBadge({ family }: { family: Family }) {
  const stopped = family.members.filter(isStopped).length
  const total = family.members.length
  if (stopped > 0 && stopped < total) {
    return (
      <span className={`badge badge-${family.status}`}>
        <span aria-hidden="true">✕</span> {stopped} of {total} stopped
      </span>
    )
  }
  return <StatusBadge status={family.status} />
}
