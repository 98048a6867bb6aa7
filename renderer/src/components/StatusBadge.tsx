import type { TokenStatus } from '../../../preload/api'
import { STATUS_WORDS } from '../lib/words'

export function StatusBadge({ status }: { status: TokenStatus }) {
  const { icon, label } = STATUS_WORDS[status]
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{icon}</span> {label}
    </span>
  )
}
