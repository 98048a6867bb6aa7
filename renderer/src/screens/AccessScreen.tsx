import type { AccessInfo, AccessLevelName } from '../../../preload/api'
import { ErrorText } from '../components/ErrorText'
import { Progress } from '../components/Progress'
import { dateOf } from '../lib/time'
import { useAction } from '../state/useAction'
import { NotInList } from '../components/doctor/NotInList'

interface TierRow {
  level: AccessLevelName
  title: string
  header: string
  accounts: string
  rate: string
  business: string
  systemUsers: string
}

/**
 * Meta's two access tiers since May 2026 (graph-api.md §8.1), as Facebook reports them in the
 * `ads_api_access_tier` header. Both reach any number of ad accounts; the old 5 and 25 account
 * caps belong to the levels before 2018, said once below the table.
 */
const TIERS: TierRow[] = [
  {
    level: 'development',
    title: 'Limited',
    header: 'development_access',
    accounts: 'No limit',
    rate: 'Heavy, per ad account: for development and a few scripts',
    business: 'No',
    systemUsers: '1 + 1 admin',
  },
  {
    level: 'standard',
    title: 'Full',
    header: 'standard_access',
    accounts: 'No limit, for accounts that granted ads_read or ads_management',
    rate: 'Light',
    business: 'Yes',
    systemUsers: '10 + 1 admin',
  },
]

function LevelTable({ current }: { current: AccessLevelName | null }) {
  return (
    <table className="levels">
      <caption>Marketing API access tiers</caption>
      <thead>
        <tr>
          <th scope="col">Tier</th>
          <th scope="col">Facebook’s header</th>
          <th scope="col">Ad accounts</th>
          <th scope="col">Rate limits</th>
          <th scope="col">Business Manager APIs</th>
          <th scope="col">System users</th>
        </tr>
      </thead>
      <tbody>
        {TIERS.map((row) => (
          <tr key={row.level} className={row.level === current ? 'current' : undefined}>
            <th scope="row">
              {row.title}
              {row.level === current && <span className="tag"> ◀ your app</span>}
            </th>
            <td className="mono">{row.header}</td>
            <td>{row.accounts}</td>
            <td>{row.rate}</td>
            <td>{row.business}</td>
            <td>{row.systemUsers}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function AccountMeter({ access }: { access: AccessInfo }) {
  const count = access.adAccounts.length
  return (
    <div className="meter-block">
      <p>
        Ad accounts this token reaches: <strong>{count}</strong>. Neither tier limits how many.
      </p>
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
        {access && <NotInList kind="ad-account" listed={access.adAccounts.length > 0} />}
        <h3>Latest usage</h3>
        <UsageMeters usage={access?.usage ?? []} />
      </div>
      <LevelTable current={access?.level ?? null} />
      <p className="note">
        Before 2018 Meta had three levels, Development (up to 5 ad accounts), Basic (up to 25) and Standard; older
        guides still quote those caps, which no longer apply. Your tier is under App Dashboard &gt; App Review &gt;
        Permissions and Features.
      </p>
    </section>
  )
}
