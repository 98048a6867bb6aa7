import type { FamilyFix } from '../../../../main/core/families'
import { ErrorText } from '../../components/ErrorText'
import { Progress } from '../../components/Progress'
import { useDesk } from '../../state/desk'
import { useAction } from '../../state/useAction'

function loginLabel(fix: FamilyFix): string {
  const all = fix.covers > 1 ? ` all ${fix.covers}` : ''
  switch (fix.kind) {
    case 'rerequest':
      return 'Log in again and allow the missing permission'
    case 'renew':
      return `Renew${all}`
    default:
      return `Log in again to renew${all}`
  }
}

/**
 * A family's one fix. A login renews the user token and every Page token made from it, so
 * one button serves a whole family; steps on facebook.com end with a check.
 */
export function FixButton({ fix, name }: { fix: FamilyFix; name?: string }) {
  // In a member row the token's name, for screen readers: "Renew “Practice Bakery”".
  const which = name ? <span className="visually-hidden"> “{name}”</span> : null
  const { go } = useDesk()
  const reauthorize = useAction('reauthorize')
  const check = useAction('checkNow')

  if (fix.kind === 'repaste')
    return (
      <button type="button" className="secondary" onClick={() => go('wizard')}>
        Paste a new token{which && <span className="visually-hidden"> for “{name}”</span>}
      </button>
    )
  if (fix.kind === 'visit-facebook' || fix.kind === 'fix-page-role')
    return (
      <span className="fix-slot">
        <button type="button" className="secondary" onClick={() => void check.run({ id: fix.tokenId })} disabled={check.pending}>
          {check.pending ? 'Checking…' : fix.kind === 'fix-page-role' ? 'Role given back? Check again' : 'Done on facebook.com? Check again'}
          {which}
        </button>
        <ErrorText error={check.error} />
      </span>
    )
  return (
    <span className="fix-slot">
      {reauthorize.pending ? (
        <Progress label="Waiting for you in the Facebook window…" />
      ) : (
        <button type="button" className={fix.kind === 'renew' ? 'secondary' : 'primary'} onClick={() => void reauthorize.run({ id: fix.tokenId })}>
          {loginLabel(fix)}
          {which}
        </button>
      )}
      <ErrorText error={reauthorize.error} />
    </span>
  )
}
