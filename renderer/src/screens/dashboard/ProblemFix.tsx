import type { Problem } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Progress } from '../../components/Progress'
import { useDesk } from '../../state/desk'
import { useAction } from '../../state/useAction'

const LOGIN_FIX: Record<'reauthorize' | 'rerequest' | 'reauthenticate', { button: string; why: string }> = {
  reauthorize: {
    button: 'Log in again to renew',
    why: 'Facebook asks you to confirm access once more; the token comes back with the same permissions.',
  },
  rerequest: {
    button: 'Ask again for the missing permission',
    why: 'Facebook shows the permission that was turned off. Leave it switched on this time.',
  },
  reauthenticate: {
    button: 'Log in again',
    why: 'Facebook asks for the password again, then Token Desk gets a fresh token.',
  },
}

function facebookStep(problem: Problem): string {
  if (problem.fix === 'fix-page-role')
    return 'Ask an admin of this Page to give you access again (on the Page: Settings > Page access, or Business Settings > Accounts > Pages). Then press the button below.'
  if (problem.reason === 'checkpoint')
    return 'Open facebook.com in your browser, log in and complete the security check Facebook shows. Then press the button below.'
  if (problem.reason === 'unconfirmed-user')
    return 'Open facebook.com and confirm the account’s email address or phone number. Then press the button below.'
  return 'Open facebook.com in your browser, log in and follow what Facebook asks. Then press the button below.'
}

/** The one thing that brings this token back, and only that. */
export function ProblemFix({ id, problem }: { id: string; problem: Problem }) {
  const { go } = useDesk()
  const reauthorize = useAction('reauthorize')
  const check = useAction('checkNow')

  if (problem.fix === 'reauthorize' || problem.fix === 'rerequest' || problem.fix === 'reauthenticate') {
    const fix = LOGIN_FIX[problem.fix]
    return (
      <div className="fix">
        <p>{fix.why}</p>
        {reauthorize.pending ? (
          <Progress label="Waiting for you to finish in the Facebook window…" />
        ) : (
          <button type="button" className="primary" onClick={() => void reauthorize.run({ id })}>
            {fix.button}
          </button>
        )}
        <ErrorText error={reauthorize.error} />
      </div>
    )
  }
  if (problem.fix === 'repaste') {
    return (
      <div className="fix">
        <p>Get a new token the way you got this one, and paste it.</p>
        <button type="button" className="primary" onClick={() => go('wizard')}>
          Paste a new token
        </button>
      </div>
    )
  }
  return (
    <div className="fix">
      <p>{facebookStep(problem)}</p>
      <button type="button" className="primary" onClick={() => void check.run({ id })} disabled={check.pending}>
        {check.pending ? 'Checking…' : 'I have done it: check again'}
      </button>
      <ErrorText error={check.error} />
    </div>
  )
}
