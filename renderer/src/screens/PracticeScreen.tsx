import { useState, type FormEvent } from 'react'
import type { AppState, Input } from '../../../preload/api'
import { ErrorText } from '../components/ErrorText'
import { Field } from '../components/Field'
import { dateOf } from '../lib/time'
import { useAction } from '../state/useAction'
import { EventButton } from './practice/EventButton'
import { SystemUserPractice } from './practice/SystemUserPractice'
import { BreakMyApp } from '../components/doctor/BreakMyApp'
import { Scenarios } from './practice/Scenarios'

type Event = Input<'practice'>

/** One whole number from 1 to `max`, then one practice action with it. */
function CountForm(props: {
  id: string
  label: string
  initial: string
  max: number
  button: string
  primary?: boolean
  event: (n: number) => Event
  done: (n: number) => string
  onDone: (text: string) => void
}) {
  const practice = useAction('practice')
  const [count, setCount] = useState(props.initial)
  const n = Number(count)
  const valid = Number.isInteger(n) && n >= 1 && n <= props.max
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (valid) void practice.run(props.event(n)).then((r) => r && props.onDone(props.done(n)))
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <Field
        id={props.id}
        label={props.label}
        inputMode="numeric"
        value={count}
        error={valid ? null : `A whole number from 1 to ${props.max}.`}
        onChange={(e) => setCount(e.target.value)}
      />
      <button type="submit" className={props.primary ? 'primary' : 'secondary'} disabled={!valid || practice.pending}>
        {props.button}
      </button>
      <ErrorText error={practice.error} />
    </form>
  )
}

const TimeForm = ({ onDone }: { onDone: (text: string) => void }) => (
  <CountForm
    id="advance-days"
    label="Days to move forward"
    initial="7"
    max={400}
    button="Move time forward"
    primary
    event={(days) => ({ action: 'advance-time', days })}
    done={(days) => `Moved ${days} days forward. Reminders due by then show at the top of the window.`}
    onDone={onDone}
  />
)

const MorePagesForm = ({ onDone }: { onDone: (text: string) => void }) => (
  <CountForm
    id="more-pages"
    label="Pages to add"
    initial="54"
    max={100}
    button="Add Pages"
    event={(count) => ({ action: 'add-pages', count })}
    done={(count) => `Added ${count} Pages. Choose Add token and log in again to keep tokens for them.`}
    onDone={onDone}
  />
)

export function PracticeScreen({ state }: { state: AppState }) {
  const [result, setResult] = useState<string | null>(null)

  return (
    <section aria-labelledby="practice-title" className="stack">
      <h2 id="practice-title">Practice: see what happens</h2>
      <p className="lead">
        Each story sets up the simulated Facebook in one click and says what to watch for; its result shows in its card.
        Nothing here touches a real account.
      </p>
      <Scenarios state={state} />
      <details className="more-practice">
        <summary>More practice controls</summary>
        <div className="card">
          <h3>Simulated clock</h3>
          <p>
            Now in the simulation: <strong>{state.practiceNow ? dateOf(state.practiceNow) : 'not started'}</strong>
          </p>
          <TimeForm onDone={setResult} />
        </div>
        <div className="card">
          <h3>More things that end tokens</h3>
          <ul className="event-list">
            <EventButton
              event={{ action: 'remove-app' }}
              label="Remove the app"
              why="As if the app were removed under Settings > Apps and websites: every token of the login stops."
              onDone={setResult}
            />
          </ul>
        </div>
        <div className="card">
          <h3>Any number of Pages</h3>
          <MorePagesForm onDone={setResult} />
        </div>
        <SystemUserPractice switches={state.practiceSwitches ?? null} onDone={setResult} />
        <BreakMyApp state={state} />
        <p className="note" role="status" aria-live="polite">
          {result}
        </p>
      </details>
    </section>
  )
}
