import type { PracticeSwitches } from '../../../../preload/api'
import { Switch } from './Switch'

const OFF: PracticeSwitches = { busy: false, limitedAccess: false, employee: false, smallAllowance: false, approvalLimited: false, broken: [] }

/** The practice business: rehearse each way Facebook can refuse a system-user token. */
export function SystemUserPractice({ switches, onDone }: { switches: PracticeSwitches | null; onDone: (text: string) => void }) {
  const now = switches ?? OFF
  return (
    <div className="card">
      <h3>System users and the practice business</h3>
      <p className="note">
        The practice business has an admin system user and two employee ones; Night Batch already has the app
        installed. Practice starts with Full access, so making a token through the API works. After a change, try
        Add token &gt; Make a system-user token.
      </p>
      <ul className="event-list">
        <Switch label="Limited access" on={now.limitedAccess} event={(on) => ({ action: 'access-tier', tier: on ? 'limited' : 'full' })} why="Facebook then refuses to install apps for system users or make their tokens through the API." onDone={onDone} />
        <Switch label="Development allowance" on={now.smallAllowance} event={(on) => ({ action: 'system-user-allowance', level: on ? 'development' : 'tier' })} why="One system user and one admin system user: Night Batch holds the only place." onDone={onDone} />
        <Switch label="I am an employee, not an admin" on={now.employee} event={(on) => ({ action: 'business-admin', admin: !on })} why="You then cannot manage the business’s system users." onDone={onDone} />
        <Switch label="App Review without ads_management" on={now.approvalLimited} event={(on) => ({ action: 'limit-approval', on })} why="Making a token with ads_management is then refused." onDone={onDone} />
      </ul>
    </div>
  )
}
