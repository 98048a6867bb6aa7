import type { TokenSummary } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Progress } from '../../components/Progress'
import { useAction } from '../../state/useAction'

const WORDS = {
  SYSTEM_USER: {
    waiting: 'Waiting for you to log in as an admin of the business…',
    button: 'Renew now',
    why: 'Makes a new 60-day token for the same system user; this one keeps working until it expires.',
  },
  USER: {
    waiting: 'Waiting for you to finish in the Facebook window…',
    button: 'Log in again to renew',
    why: 'A new login gives a fresh 60-day token, with its data access renewed too, and renews the Page tokens made from it.',
  },
  PAGE: {
    waiting: 'Waiting for you to finish in the Facebook window…',
    button: 'Log in again to renew',
    why: 'A new login renews the user token this Page token was made from, and this Page token with it.',
  },
} as const

/**
 * The renewal a working token can have before it stops: a user token (and a Page token that
 * expires) through a new login; a 60-day system-user token Token Desk made, by an admin's login.
 * A stopped token's fix is its problem's (ProblemFix) instead.
 */
export function RenewToken({ token }: { token: TokenSummary }) {
  const renew = useAction('reauthorize')
  const kind = token.kind
  // A business integration token is renewed by the business, not here (login-for-business.md).
  if (token.problem || kind === 'APP' || kind === 'BUSINESS_INTEGRATION') return null
  if (kind === 'SYSTEM_USER' && (token.neverExpires || !token.systemUser)) return null
  if (kind === 'PAGE' && token.status !== 'expiring') return null
  const words = WORDS[kind]
  return (
    <div className="fix">
      {renew.pending ? (
        <Progress label={words.waiting} />
      ) : (
        <button type="button" className={token.status === 'expiring' ? 'primary' : 'secondary'} onClick={() => void renew.run({ id: token.id })}>
          {words.button}
          <span className="visually-hidden"> “{token.name}”</span>
        </button>
      )}
      <span className="note"> {words.why}</span>
      <ErrorText error={renew.error} />
    </div>
  )
}
