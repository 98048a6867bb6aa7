import { EventButton } from './EventButton'

const AFTER = 'done. Try the system-user path in Add a token.'

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
        <EventButton after={AFTER} event={{ action: 'access-tier', tier: 'limited' }} label="Limited access" why="Facebook then refuses to install apps for system users or mint their tokens through the API." onDone={onDone} />
        <EventButton after={AFTER} event={{ action: 'access-tier', tier: 'full' }} label="Full access" why="Back to minting through the API." onDone={onDone} />
        <EventButton after={AFTER} event={{ action: 'system-user-allowance', level: 'development' }} label="Development allowance" why="One system user and one admin system user: Night Batch holds the only place." onDone={onDone} />
        <EventButton after={AFTER} event={{ action: 'system-user-allowance', level: 'tier' }} label="Allowance of the tier" why="Back to what the access tier allows." onDone={onDone} />
        <EventButton after={AFTER} event={{ action: 'business-admin', admin: false }} label="Make me an employee" why="You are then no admin of the business, so you cannot manage its system users." onDone={onDone} />
        <EventButton after={AFTER} event={{ action: 'business-admin', admin: true }} label="Make me an admin again" why="Back to admin." onDone={onDone} />
        <EventButton after={AFTER} event={{ action: 'limit-approval', on: true }} label="App Review without ads_management" why="Minting a token with ads_management is then refused." onDone={onDone} />
        <EventButton after={AFTER} event={{ action: 'limit-approval', on: false }} label="Every permission approved" why="Back to normal." onDone={onDone} />
      </ul>
    </div>
  )
}
