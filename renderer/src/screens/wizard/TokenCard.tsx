import type { InspectedToken } from '../../../../preload/api'
import { Clocks } from '../../components/Clocks'
import { KIND_NAMES, SHORT_LIVED } from '../../lib/words'
import { GrantSummary } from './GrantSummary'

function ScopeList({ title, icon, scopes, tone }: { title: string; icon: string; scopes: string[]; tone: string }) {
  if (scopes.length === 0) return null
  return (
    <div className={`scope-group scope-${tone}`}>
      <h4>
        <span aria-hidden="true">{icon} </span>
        {title}
      </h4>
      <ul className="chips">
        {scopes.map((scope) => (
          <li key={scope}>
            <code>{scope}</code>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** What Facebook says about the token the wizard holds, without its value. */
export function TokenCard({ token, now }: { token: InspectedToken; now: number }) {
  const who = token.kind === 'PAGE' ? 'Page' : token.kind === 'SYSTEM_USER' || token.kind === 'BUSINESS_INTEGRATION' ? 'System user' : 'Person'
  return (
    <article className="card token-card" aria-labelledby="token-card-title">
      <h3 id="token-card-title">
        {KIND_NAMES[token.kind]} <span className="mono">…{token.last4}</span>
      </h3>
      <dl className="facts">
        <div>
          <dt>App</dt>
          <dd>{token.application ?? 'Unknown app'}{token.appId && <span className="note"> ({token.appId})</span>}</dd>
        </div>
        <div>
          <dt>{who}</dt>
          <dd>
            {token.userName ?? token.userId ?? token.profileId ?? 'Not stated'}
            {token.kind === 'PAGE' && token.profileId && <span className="note"> (Page {token.profileId})</span>}
          </dd>
        </div>
        <div>
          <dt>Lifetime</dt>
          <dd>
            {token.neverExpires
              ? 'No expiry date'
              : token.longLived
                ? 'Long-lived: about 60 days'
                : `Short-lived: ${SHORT_LIVED}`}
          </dd>
        </div>
      </dl>
      {token.clientBusinessId && (
        <p className="note">For the business {token.clientBusinessId}, through a Login for Business configuration.</p>
      )}
      <Clocks token={token} now={now} />
      {token.grant && <GrantSummary grant={token.grant} />}
      <div className="scope-report">
        <ScopeList title="Granted" icon="✓" tone="ok" scopes={token.scopes.granted} />
        <ScopeList title="Declined in the Facebook window" icon="✕" tone="bad" scopes={token.scopes.declined} />
        <ScopeList title="Missing for this purpose" icon="!" tone="warn" scopes={token.scopes.missing} />
      </div>
      {token.advice.length > 0 && (
        <ul className="advice">
          {token.advice.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </article>
  )
}
