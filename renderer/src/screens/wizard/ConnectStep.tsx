import type { AppState, Purpose } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Progress } from '../../components/Progress'
import { PURPOSE_WORDS } from '../../lib/words'
import { useAction } from '../../state/useAction'
import { PasteForm } from './PasteForm'
import { ScopePicker } from './ScopePicker'
import { SystemUserOffer } from './SystemUserOffer'
import { BusinessIntegrationOffer } from './BusinessIntegrationOffer'
import { ConfigurationNote } from './ConfigurationNote'
import { SwitchUser } from './SwitchUser'
import { useDesk } from '../../state/desk'

export function ConnectStep({ mode, purpose, scopes, explorerUrl }: { mode: AppState['mode']; purpose: Purpose; scopes: string[]; explorerUrl: string | null }) {
  const login = useAction('login')
  const back = useAction('resetWizard')
  const { state } = useDesk()
  const configId = state.wizard.step === 'connect' ? state.wizard.configId : undefined
  return (
    <section aria-labelledby="connect-title">
      <h2 id="connect-title">Connect to Facebook</h2>
      <p className="lead">
        For <strong>{PURPOSE_WORDS[purpose].title.toLowerCase()}</strong>.{' '}
        {mode === 'practice'
          ? 'This is the simulated Facebook: a small window opens, press Continue in it. No real account is used.'
          : configId
            ? 'A Facebook window opens: log in and allow what the configuration asks for. Token Desk never sees your password.'
            : 'A Facebook window opens: log in and allow the permissions below. Token Desk never sees your password.'}
      </p>
      {configId ? <ConfigurationNote configId={configId} /> : <ScopePicker purpose={purpose} scopes={scopes} />}
      {login.pending ? (
        <Progress
          label="Waiting for you to finish in the Facebook window…"
          hint="Can't see it? It may be behind this window."
        />
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void login.run({})}>
            Log in with Facebook
          </button>
          <button type="button" className="link" onClick={() => void back.run({ askPurpose: true })} disabled={back.pending}>
            Choose a different purpose
          </button>
        </div>
      )}
      {!login.pending && <SwitchUser browser={state.loginHost?.browser === true} onSwitch={() => void login.run({ switchUser: true })} disabled={login.pending} />}
      <ErrorText error={login.error ?? back.error} />
      {!login.pending && <SystemUserOffer />}
      {!login.pending && <BusinessIntegrationOffer />}
      <PasteForm explorerUrl={explorerUrl} />
    </section>
  )
}
