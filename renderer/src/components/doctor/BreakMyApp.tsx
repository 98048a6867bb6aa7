import { useState } from 'react'
import type { AppState, Break, Input } from '../../../../preload/api'
import { useAction } from '../../state/useAction'
import { ErrorText } from '../ErrorText'
import { DoctorReportView } from './DoctorReportView'

const BREAK_WORDS: Record<Break, { label: string; why: string }> = {
  'redirect-uri': { label: 'Wrong redirect URI', why: 'The app lists another address: the next login shows “URL Blocked”.' },
  'development-mode': { label: 'Development mode, no role', why: 'You lose your role on an app in Development mode: the login shows “App Not Setup”.' },
  blocked: { label: 'API access blocked', why: 'Facebook answers every call with “API access blocked.”.' },
  'native-desktop': { label: 'Native or desktop app', why: 'Facebook ignores the app token: Token Desk checks with your own.' },
  'wrong-secret': { label: 'Wrong App Secret', why: 'As if the secret were mistyped in Token Desk.' },
  'ip-allow-list': { label: 'Server IP allowlist', why: 'Calls signed with the secret must come from another computer.' },
  'login-unavailable': { label: 'Login unavailable', why: 'Facebook pauses Facebook Login for the app: “Feature Unavailable”.' },
  'business-without-config': {
    label: 'Login for Business without a configuration',
    why: 'The app uses Facebook Login for Business and Token Desk forgets its Configuration ID: the login asks with permissions and Facebook refuses it.',
  },
}

function ActionButton({ input, label, why, onDone, broken = false }: { input: Input<'practice'>; label: string; why: string; onDone: (text: string) => void; broken?: boolean }) {
  const practice = useAction('practice')
  return (
    <li>
      <button type="button" className="secondary" disabled={practice.pending} onClick={() => void practice.run(input).then((r) => r && onDone(label))}>
        {label}
      </button>
      {broken && <span className="tag">Broken now</span>}
      <span className="note"> {why}</span>
      <ErrorText error={practice.error} />
    </li>
  )
}

/** Practice: break the simulated app on purpose, and see what the doctor and a login say. */
export function BreakMyApp({ state }: { state: AppState }) {
  const [done, setDone] = useState<string | null>(null)
  const after = (label: string) => setDone(`${label}: done. The app check below shows what it means; try a login to see what it does.`)
  return (
    <>
      <div className="card">
        <h3>Break my app</h3>
        <p>Each one is a real misconfiguration of a Meta app. Token Desk checks the app right after, as Settings &gt; Check my app does.</p>
        <ul className="event-list">
          {(Object.keys(BREAK_WORDS) as Break[]).map((what) => (
            <ActionButton key={what} input={{ action: 'break-app', what }} label={BREAK_WORDS[what].label} why={BREAK_WORDS[what].why} onDone={after} broken={state.practiceSwitches?.broken.includes(what) ?? false} />
          ))}
          <ActionButton input={{ action: 'repair-app' }} label="Repair my app" why="Everything back as it was." onDone={after} />
        </ul>
        <p className="note" role="status" aria-live="polite">
          {done}
        </p>
        {state.doctor && <DoctorReportView report={state.doctor} only={['failure', 'warning']} headingLevel={4} />}
      </div>
      <div className="card">
        <h3>Missing Pages and ad accounts</h3>
        <p>Make something go missing, then ask “Not in the list?” on the Pages step or the Access screen.</p>
        <ul className="event-list">
          <ActionButton input={{ action: 'add-business-page' }} label="Add a business Page" why="Your business owns it and assigned it to you: Facebook leaves it out of its list." onDone={after} />
          <ActionButton input={{ action: 'disable-ad-account' }} label="Disable an ad account" why="Its status becomes Disabled, for a payment risk." onDone={after} />
        </ul>
        <p className="note">To leave a Page out at login, untick it in the simulated Facebook’s “Choose the Pages” list.</p>
      </div>
    </>
  )
}
