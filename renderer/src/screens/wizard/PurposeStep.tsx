import { PURPOSES, type AppState } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Progress } from '../../components/Progress'
import { PURPOSE_WORDS } from '../../lib/words'
import { useAction } from '../../state/useAction'
import { PasteForm } from './PasteForm'
import { SystemUserOffer } from './SystemUserOffer'

/**
 * One click picks what the token is for and opens the Facebook login for it: the purpose is the
 * question that decides the permissions, so answering it is the start of the login. It is
 * remembered: the next token starts at Connect for the same purpose. An app with a system-user
 * configuration as well has two logins to choose from: there the card opens Connect, which
 * offers both (login-for-business.md), instead of starting one of them unasked.
 */
export function PurposeStep({ mode, explorerUrl, twoLogins = false }: { mode: AppState['mode']; explorerUrl: string | null; twoLogins?: boolean }) {
  const login = useAction('login')
  const choose = useAction('choosePurpose')
  return (
    <section aria-labelledby="purpose-title">
      <h2 id="purpose-title">What is the token for?</h2>
      <p className="lead">
        {twoLogins
          ? 'Pick one, then choose how to log in: through your user-token configuration, or the system-user one.'
          : 'Pick one, and Token Desk opens the Facebook login asking for exactly the permissions it needs, nothing more.'}{' '}
        {mode === 'practice'
          ? 'This is the simulated Facebook: in the small window that opens, press Continue. No real account is used.'
          : 'Log in and allow the permissions there. Token Desk never sees your password.'}
      </p>
      {login.pending ? (
        <Progress label="Waiting for you to finish in the Facebook window…" hint="Can't see it? It may be behind this window." />
      ) : (
        <div className="purpose-cards">
          {PURPOSES.map((purpose) => (
            <button key={purpose} type="button" className="purpose-card" disabled={choose.pending} onClick={() => void (twoLogins ? choose.run({ purpose }) : login.run({ purpose }))}>
              <span className="purpose-title">{PURPOSE_WORDS[purpose].title}</span>
              <span className="purpose-body">{PURPOSE_WORDS[purpose].body}</span>
              <span className="purpose-go">{twoLogins ? 'Choose how to log in' : 'Log in with Facebook'}</span>
            </button>
          ))}
        </div>
      )}
      <ErrorText error={login.error ?? choose.error} />
      {!login.pending && (
        <>
          <details className="scopes">
            <summary>Choose the permissions yourself first</summary>
            <p>Start from one purpose’s permissions, change them, then log in.</p>
            <div className="actions">
              {PURPOSES.map((purpose) => (
                <button key={purpose} type="button" className="secondary" disabled={choose.pending} onClick={() => void choose.run({ purpose })}>
                  {PURPOSE_WORDS[purpose].title}: choose permissions
                </button>
              ))}
            </div>
          </details>
          <SystemUserOffer />
          <PasteForm explorerUrl={explorerUrl} />
        </>
      )}
    </section>
  )
}
