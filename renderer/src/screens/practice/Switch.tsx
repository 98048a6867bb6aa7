import type { Input } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { useAction } from '../../state/useAction'

interface SwitchProps {
  label: string
  on: boolean
  /** The practice action that sets it to `next`. */
  event: (next: boolean) => Input<'practice'>
  why: string
  onDone?: (text: string) => void
}

/** A practice setting that stays as set: its state shown on it (On/Off, aria-pressed), one click to flip. */
export function Switch({ label, on, event, why, onDone }: SwitchProps) {
  const practice = useAction('practice')
  return (
    <li>
      <button
        type="button"
        className="secondary switch"
        aria-pressed={on}
        disabled={practice.pending}
        onClick={() => void practice.run(event(!on)).then((r) => r && onDone?.(`${label}: now ${on ? 'off' : 'on'}.`))}
      >
        {label}
        <span className="switch-state" aria-hidden="true">: {on ? 'On' : 'Off'}</span>
      </button>
      <span className="note"> {why}</span>
      <ErrorText error={practice.error} />
    </li>
  )
}
