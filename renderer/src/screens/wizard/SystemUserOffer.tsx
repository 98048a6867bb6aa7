import { ErrorText } from '../../components/ErrorText'
import { Progress } from '../../components/Progress'
import { useAction } from '../../state/useAction'

/** On the Connect step: the other kind of token, for a server that never signs in. */
export function SystemUserOffer() {
  const start = useAction('startSystemUser')
  return (
    <div className="card offer">
      <h3>For a server or script that never signs in</h3>
      <p>
        A system-user token belongs to your business, not to a person: it keeps working when someone changes their
        password or leaves. Log in as an admin of the business; Token Desk lists its system users and makes the token
        for the one you choose.
      </p>
      {start.pending ? (
        <Progress label="Waiting for you to log in as an admin of the business…" hint="Can't see the Facebook window? It may be behind this one." />
      ) : (
        <button type="button" className="secondary" onClick={() => void start.run({})}>
          Make a system-user token
        </button>
      )}
      <ErrorText error={start.error} />
    </div>
  )
}
