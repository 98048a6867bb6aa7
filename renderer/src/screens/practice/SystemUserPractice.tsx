import type { Input } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { useAction } from '../../state/useAction'

type Event = Input<'practice'>

function Action({ event, label, why, onDone }: { event: Event; label: string; why: string; onDone: (text: string) => void }) {
  const practice = useAction('practice')
  return (
    <li>
      <button type="button" className="secondary" disabled={practice.pending} onClick={() => void practice.run(event).then((r) => r && onDone(`${label}: done. Try the system-user path in Add a token.`))}>
        {label}
      </button>
      <span className="note"> {why}</span>
      <ErrorText error={practice.error} />
    </li>
  )
}

/** The practice business: rehearse each way Facebook can refuse a system-user token. */
export function SystemUserPractice({ onDone }: { onDone: (text: string) => void }) {
  return (
    <div className="card">
      <h3>System users and the practice business</h3>
      <p className="note">
        The practice business has an admin system user and two employee ones; Night Batch already has the app
        installed. Practice starts with Full access, so minting through the API works.
      </p>
      <ul className="event-list">
        <Action event={{ action: 'access-tier', tier: 'limited' }} label="Limited access" why="Facebook then refuses to install apps for system users or mint their tokens through the API." onDone={onDone} />
        <Action event={{ action: 'access-tier', tier: 'full' }} label="Full access" why="Back to minting through the API." onDone={onDone} />
        <Action event={{ action: 'system-user-allowance', level: 'development' }} label="Development allowance" why="One system user and one admin system user: Night Batch holds the only place." onDone={onDone} />
        <Action event={{ action: 'system-user-allowance', level: 'tier' }} label="Allowance of the tier" why="Back to what the access tier allows." onDone={onDone} />
        <Action event={{ action: 'business-admin', admin: false }} label="Make me an employee" why="You are then no admin of the business, so you cannot manage its system users." onDone={onDone} />
        <Action event={{ action: 'business-admin', admin: true }} label="Make me an admin again" why="Back to admin." onDone={onDone} />
        <Action event={{ action: 'limit-approval', on: true }} label="App Review without ads_management" why="Minting a token with ads_management is then refused." onDone={onDone} />
        <Action event={{ action: 'limit-approval', on: false }} label="Every permission approved" why="Back to normal." onDone={onDone} />
      </ul>
    </div>
  )
}
