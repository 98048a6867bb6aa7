import type { ReactNode } from 'react'
import type { Input } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { useAction } from '../../state/useAction'

const AFTER = 'Done. Token Desk notices at its next check: press Check all now on the dashboard to see it at once.'

interface EventButtonProps {
  event: Input<'practice'>
  label: string
  why: string
  onDone: (text: string) => void
  /** What follows "label: " once it is done; by default, how to see the effect at once. */
  after?: string
  children?: ReactNode
}

/** One practice event: a button, why it matters, and what happened once it is done. */
export function EventButton({ event, label, why, onDone, after = AFTER, children }: EventButtonProps) {
  const practice = useAction('practice')
  return (
    <li>
      {children}
      <button
        type="button"
        className="secondary"
        disabled={practice.pending}
        onClick={() => void practice.run(event).then((r) => r && onDone(`${label}: ${after}`))}
      >
        {label}
      </button>
      <span className="note"> {why}</span>
      <ErrorText error={practice.error} />
    </li>
  )
}
