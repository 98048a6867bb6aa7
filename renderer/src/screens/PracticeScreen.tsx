import { useState, type FormEvent } from 'react'
import type { AppState, Input } from '../../../preload/api'
import { ErrorText } from '../components/ErrorText'
import { Field } from '../components/Field'
import { dateOf } from '../lib/time'
import { useAction } from '../state/useAction'
import { EventButton } from './practice/EventButton'
import { SystemUserPractice } from './practice/SystemUserPractice'
import { BreakMyApp } from '../components/doctor/BreakMyApp'

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
    done={(days) => `Moved ${days} days forward. Reminders due by then appear as notices.`}
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
  const pages = state.tokens.filter((t) => t.kind === 'PAGE' && t.profileId)
  const [pageId, setPageId] = useState('')
  const chosenPage = pageId || pages[0]?.profileId || undefined

  return (
    <section aria-labelledby="practice-title" className="stack">
      <h2 id="practice-title">Practice: make things happen</h2>
      <p className="lead">
        These change the simulated Facebook, so you can see how Token Desk warns you before you meet it for real.
      </p>
      <div className="card">
        <h3>Simulated clock</h3>
        <p>
          Now in the simulation: <strong>{state.practiceNow ? dateOf(state.practiceNow) : 'not started'}</strong>
        </p>
        <TimeForm onDone={setResult} />
      </div>
      <div className="card">
        <h3>Things that end tokens</h3>
        <ul className="event-list">
          <EventButton
            event={{ action: 'change-password' }}
            label="Change the password"
            why="Ends every token, even those with no expiry date."
            onDone={setResult}
          />
          <EventButton
            event={{ action: 'remove-app' }}
            label="Remove the app"
            why="As if the app were removed under Settings > Apps and websites."
            onDone={setResult}
          />
          <EventButton
            event={chosenPage ? { action: 'remove-page-role', pageId: chosenPage } : { action: 'remove-page-role' }}
            label="Remove a Page role"
            why="The person loses their role on the Page, so its token stops working."
            onDone={setResult}
          >
            {pages.length > 0 && (
              <span className="snippet">
                <label htmlFor="practice-page">Page</label>
                <select id="practice-page" value={chosenPage} onChange={(e) => setPageId(e.target.value)}>
                  {pages.map((p) => (
                    <option key={p.id} value={p.profileId ?? ''}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </span>
            )}
          </EventButton>
        </ul>
      </div>
      <div className="card">
        <h3>A bigger business</h3>
        <p>
          Give the practice login more Pages, as someone who runs ads for a few brands has. Past 25, Facebook lists them
          a page at a time, sometimes with an empty page in between; Token Desk reads them all.
        </p>
        <MorePagesForm onDone={setResult} />
      </div>
      <div className="card">
        <h3>Busy Facebook</h3>
        <ul className="event-list">
          <EventButton
            event={{ action: 'throttle', on: true }}
            label="Throttle on"
            why="Facebook answers “too many calls”. Token Desk waits and never marks a token dead for it."
            onDone={setResult}
          />
          <EventButton event={{ action: 'throttle', on: false }} label="Throttle off" why="Back to normal." onDone={setResult} />
        </ul>
      </div>
      <SystemUserPractice onDone={setResult} />
      <BreakMyApp state={state} />
      <p className="note" role="status" aria-live="polite">
        {result}
      </p>
    </section>
  )
}
