import { useState } from 'react'
import { KNOWN_SCOPES, type Input, type TokenSummary } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { revokeEffect } from '../../../../preload/revoke-effect'
import { useAction } from '../../state/useAction'

/** Remove, with "Also revoke it at Facebook" on by default wherever Facebook can revoke it. */
export function RemoveWithRevoke({ token }: { token: TokenSummary }) {
  const remove = useAction('removeToken')
  const [asking, setAsking] = useState(false)
  // An app token is ended by resetting the secret, a business integration token by the business (revoke-effect.ts).
  const revocable = token.kind !== 'APP' && token.kind !== 'BUSINESS_INTEGRATION'
  const [revoke, setRevoke] = useState(revocable)
  const [permission, setPermission] = useState<Input<'removeToken'>['permission'] | ''>('')
  const onePermission = token.kind === 'USER' || token.kind === 'PAGE'
  const scopes = token.scopes.filter((s): s is NonNullable<Input<'removeToken'>['permission']> => s !== 'public_profile' && (KNOWN_SCOPES as readonly string[]).includes(s))
  const ids = { revoke: `revoke-${token.id}`, scope: `revoke-scope-${token.id}` }

  if (!asking)
    return (
      <button type="button" className="link danger" onClick={() => setAsking(true)}>
        Remove
      </button>
    )
  const run = () =>
    void remove.run({ id: token.id, ...(revoke ? { revoke: true } : {}), ...(revoke && permission ? { permission } : {}) })
  return (
    <div className="confirm" role="group" aria-label={`Remove ${token.name}?`}>
      <p>Remove “{token.name}” from Token Desk?</p>
      {revocable ? (
        <>
          <label className="check" htmlFor={ids.revoke}>
            <input id={ids.revoke} type="checkbox" checked={revoke} onChange={(e) => setRevoke(e.target.checked)} /> Also revoke it at Facebook
          </label>
          {revoke && onePermission && scopes.length > 0 && (
            <p>
              <label htmlFor={ids.scope}>What to revoke </label>
              <select id={ids.scope} value={permission} onChange={(e) => setPermission(scopes.find((s) => s === e.target.value) ?? '')}>
                <option value="">The whole login</option>
                {scopes.map((s) => (
                  <option key={s} value={s}>
                    Only {s}
                  </option>
                ))}
              </select>
            </p>
          )}
          <p className="note">
            {revoke
              ? `${revokeEffect(token.kind, permission || null)} Token Desk then asks Facebook whether it still works and tells you.`
              : 'Without revoking, it keeps working wherever it is used until it expires.'}
          </p>
        </>
      ) : (
        <p className="note">{revokeEffect(token.kind, null)}</p>
      )}
      <button type="button" className="danger" onClick={run} disabled={remove.pending}>
        {remove.pending ? 'Working…' : revoke ? 'Revoke and remove' : 'Yes, remove it'}
      </button>
      <button type="button" className="link" onClick={() => setAsking(false)}>
        Keep it
      </button>
      <ErrorText error={remove.error} />
    </div>
  )
}
