import type { AccessInfo, AccessLevelName } from '../../../preload/api'
import { ErrorText } from '../components/ErrorText'
import { Progress } from '../components/Progress'
import { dateOf } from '../lib/time'
import { useAction } from '../state/useAction'
import { NotInList } from '../components/doctor/NotInList'

interface LevelRow {
  level: AccessLevelName
  title: string
  today: string
  accounts: string
  rate: string
  business: string
  systemUsers: string
  pages: string
}

/** The seed's three levels, kept as they were, with what Meta calls them since May 2026. */
const LEVELS: LevelRow[] = [
  {
    level: 'development',
    title: 'Development',
    today: 'Limited (header: development_access)',
    accounts: 'Up to 5',
    rate: 'Heavy',
    business: 'Limited',
    systemUsers: '1 + 1 admin',
    pages: 'No',
  },
  {
    level: 'basic',
    title: 'Basic',
    today: 'None: merged into the higher level in 2018',
    accounts: 'Up to 25',
    rate: 'Moderate',
    business: 'Not stated',
    systemUsers: '3 + 1 admin',
    pages: 'No',
  },
  {
    level: 'standard',
    title: 'Standard',
    today: 'Full (header: standard_access)',
    accounts: 'Unlimited',
    rate: 'Light',
    business: 'Full',
    systemUsers: '10 + 1 admin',
    pages: 'Yes',
  },
]

function LevelTable({ current }: { current: AccessLevelName | null }) {
  return (
    <table className="levels">
      <caption>Marketing API access levels</caption>
      <thead>
        <tr>
          <th scope="col">Level</th>
          <th scope="col">Name today</th>
          <th scope="col">Ad accounts</th>
          <th scope="col">Rate limits</th>
          <th scope="col">Business Manager</th>
          <th scope="col">System users</th>
          <th scope="col">Page creation</th>
        </tr>
      </thead>
      <tbody>
        {LEVELS.map((row) => (
          <tr key={row.level} className={row.level === current ? 'current' : undefined}>
            <th scope="row">
              {row.title}
              {row.level === current && <span className="tag"> ◀ your app</span>}
            </th>
            <td>{row.today}</td>
            <td>{row.accounts}</td>
            <td>{row.rate}</td>
            <td>{row.business}</td>
            <td>{row.systemUsers}</td>
            <td>{row.pages}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function AccountMeter({ access }: { access: AccessInfo }) {
  const count = access.adAccounts.length
  const limit = access.adAccountLimit
  const near = limit !== null && count >= limit * 0.8
  return (
    <div className="meter-block">
      {limit === null ? (
        <p>
          Ad accounts this token reaches: <strong>{count}</strong> (no limit at this level)
        </p>
      ) : (
        <>
          <label htmlFor="account-meter">
            Ad accounts this token reaches: <strong>{count}</strong> of {limit}
          </label>
          <meter id="account-meter" min={0} max={limit} high={limit * 0.8} value={count} />
        </>
      )}
      {near && (
        <p className="warning-box">
          <span aria-hidden="true">⚠ </span>Close to the level’s limit: more accounts may be refused.
        </p>
      )}
      {count > 0 && (
        <ul className="account-list">
          {access.adAccounts.map((account) => (
            <li key={account.id} className={account.canRun ? undefined : 'account-stopped'}>
              {account.name} <span className="note mono">act_{account.accountId}</span>{' '}
              <span className={account.canRun ? 'note' : 'account-status'}>
                · {!account.canRun && <span aria-hidden="true">✕ </span>}
                {account.statusWords}
              </span>
              {account.throughBusiness && <span className="note"> · through the business {account.throughBusiness}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function UsageMeters({ usage }: { usage: AccessInfo['usage'] }) {
  if (usage.length === 0)
    return <p className="note">No usage figures yet: Facebook adds them to its answers only after a number of calls.</p>
  return (
    <ul className="usage">
      {usage.map(({ name, percent }, index) => (
        <li key={name}>
          <label htmlFor={`usage-${index}`}>
            {name}: <strong>{Math.round(percent)} %</strong> of the limit
            {percent >= 80 && ' (near the limit: Token Desk slows its checks)'}
          </label>
          <meter id={`usage-${index}`} min={0} max={100} high={80} value={percent} />
        </li>
      ))}
    </ul>
  )
}

export function AccessScreen({ access }: { access: AccessInfo | null }) {
  const refresh = useAction('refreshAccess')
  return (
    <section aria-labelledby="access-title">
      <div className="screen-head">
        <h2 id="access-title">Access level</h2>
        {!refresh.pending && (
          <button type="button" className="secondary" onClick={() => void refresh.run({})}>
            Check again
          </button>
        )}
      </div>
      {refresh.pending && <Progress label="Asking Facebook for your access level and ad accounts…" />}
      <ErrorText error={refresh.error} />
      <div className="card">
        <h3>Your app right now</h3>
        {access?.liveTier ? (
          <p className="lead">
            <strong>{access.liveTierName} access</strong> <span className="mono note">({access.liveTier})</span>, read
            from Facebook’s own answers{access.checkedAt && ` on ${dateOf(access.checkedAt)}`}.{' '}
            {access.liveTierName === 'Limited'
              ? 'Heavily rate-limited per ad account: fine for a few scripts. Full access needs at least 500 Marketing API calls in 15 days with under 15 % errors, then App Review.'
              : 'Lightly rate-limited. To keep it: at least 500 Marketing API calls in 15 days with under 15 % errors.'}
          </p>
        ) : (
          <p className="lead">
            Not seen yet. Facebook reports the level only in answers to ads calls: press Check again after adding a
            token with ads permissions.
          </p>
        )}
        {access && <AccountMeter access={access} />}
        <NotInList kind="ad-account" />
        <h3>Latest usage</h3>
        <UsageMeters usage={access?.usage ?? []} />
      </div>
      <LevelTable current={access?.level ?? null} />
      <p className="note">
        The three levels are Meta’s earlier scheme; the 5 and 25 account caps come from it. Since May 2026 Meta calls
        them Limited and Full, and both allow unlimited ad accounts (Full: for accounts that granted ads_read or
        ads_management). Your level is under App Dashboard &gt; App Review &gt; Permissions and Features.
      </p>
    </section>
  )
}
