import type { AppState } from '../../../preload/api'
import { useAction } from '../state/useAction'
import { ErrorText } from '../components/ErrorText'
import { StorageBanner } from '../components/Banners'
import { PassphraseForm } from '../components/vault/PassphraseForm'
import { OwnAppForm } from './OwnAppForm'
import { BusinessPracticeOption } from './BusinessPracticeOption'

/** How tokens will be kept, said as it is now: "encrypted" only where they will be. */
function keptWords(storage: AppState['storage']): string {
  if (storage.persisting) return storage.protection === 'weak' ? 'keeps them on this computer with weak protection, as you allowed' : 'keeps them encrypted on this computer'
  if (storage.scriptPassphrase === 'can-create') return 'keeps them encrypted on this computer once you choose a passphrase'
  return 'keeps them while it runs'
}

/** Before the first token, where no keyring can keep tokens: the passphrase that will. */
function KeepTokensCard() {
  return (
    <section className="card keep-tokens" aria-labelledby="keep-title">
      <h2 id="keep-title">First, a passphrase for your tokens</h2>
      <p>
        This computer has no keyring Token Desk can keep tokens in. Choose a passphrase and every token you get is saved,
        encrypted with it. Without one, tokens last only until Token Desk stops.
      </p>
      <PassphraseForm id="start-passphrase" keeps submitLabel="Use this passphrase" />
    </section>
  )
}

export function StartScreen({ storage }: { storage: AppState['storage'] }) {
  const practice = useAction('startPractice')
  return (
    <div className="start">
      <p className="lead">
        Token Desk gets the access tokens your ad tools need from Facebook, {keptWords(storage)}, and warns you before
        one stops working. Choose how to begin.
      </p>
      {storage.scriptPassphrase === 'can-create' ? <KeepTokensCard /> : <StorageBanner storage={storage} />}
      <div className="start-options">
        <section className="card" aria-labelledby="practice-title">
          <h2 id="practice-title">Practice with a simulated Facebook</h2>
          <p>
            No setup and no real account. Walk through getting a token, then make things go wrong on purpose (a
            password change, a lost Page role) to see how Token Desk warns you.
          </p>
          <button type="button" className="primary" onClick={() => void practice.run({ app: 'classic' })} disabled={practice.pending}>
            {practice.pending ? 'Starting…' : 'Start practising'}
          </button>
          <BusinessPracticeOption run={() => void practice.run({ app: 'business' })} pending={practice.pending} />
          <ErrorText error={practice.error} />
        </section>
        <section className="card" aria-labelledby="own-app-title">
          <h2 id="own-app-title">Use my Meta app</h2>
          <OwnAppForm storage={storage} />
        </section>
      </div>
    </div>
  )
}
