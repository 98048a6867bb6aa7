import type { AppState } from '../../../../preload/api'
import { PassphraseForm } from './PassphraseForm'

/**
 * Settings' passphrase card: where nothing else can keep the vault's key, a passphrase keeps it
 * (and the tokens are then saved); where this computer's own secret storage keeps it, which the
 * `token-desk` command line cannot open here, a passphrase can be added for scripts.
 */
export function ScriptPassphraseCard({ storage }: { storage: AppState['storage'] }) {
  if (storage.scriptPassphrase === null) return null
  return (
    <section className="card" aria-labelledby="script-passphrase-title">
      <h3 id="script-passphrase-title">{storage.scriptPassphrase === 'can-create' ? 'Keep your tokens with a passphrase' : 'Passphrase for scripts'}</h3>
      {storage.scriptPassphrase === 'set' && (
        <p>
          A passphrase opens this vault for the command line: scripts and cron jobs run <code>token-desk</code> with it
          in <code>TOKEN_DESK_PASSPHRASE</code>.
        </p>
      )}
      {storage.scriptPassphrase === 'can-create' && (
        <>
          <p>
            Your tokens are in memory only: this computer has nothing Token Desk can keep them in safely. Choose a
            passphrase and Token Desk saves them encrypted with it, now and from then on. Scripts then read the same
            tokens with <code>token-desk</code> and the passphrase in <code>TOKEN_DESK_PASSPHRASE</code>.
          </p>
          <PassphraseForm id="settings-passphrase" keeps submitLabel="Save my tokens with this passphrase" />
        </>
      )}
      {storage.scriptPassphrase === 'can-add' && (
        <>
          <h4>Add a passphrase so scripts can read this vault</h4>
          <p>
            Your tokens are kept with this computer’s own secret storage, which the <code>token-desk</code> command line
            cannot open here. Add a passphrase, then run <code>token-desk</code> with it in{' '}
            <code>TOKEN_DESK_PASSPHRASE</code> to use the same tokens from scripts and cron.
          </p>
          <PassphraseForm id="script-passphrase" keeps={false} submitLabel="Add the passphrase" />
        </>
      )}
    </section>
  )
}
