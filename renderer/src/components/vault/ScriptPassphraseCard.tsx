import { useState, type FormEvent } from 'react'
import type { AppState } from '../../../../preload/api'
import { schemas } from '../../../../preload/api'
import { ErrorText } from '../ErrorText'
import { Field } from '../Field'
import { fieldErrors } from '../../lib/validate'
import { useAction } from '../../state/useAction'

const WORDS = { passphrase: 'Choose a passphrase of 8 to 1024 characters.' }

/**
 * Settings' storage card: a vault this computer keeps only in its own secret storage cannot be
 * opened by `token-desk` where there is no OS keyring, so a passphrase can be added for it.
 */
export function ScriptPassphraseCard({ storage }: { storage: AppState['storage'] }) {
  if (storage.scriptPassphrase === null) return null
  return (
    <section className="card" aria-labelledby="script-passphrase-title">
      <h3 id="script-passphrase-title">Passphrase for scripts</h3>
      {storage.scriptPassphrase === 'set' ? (
        <p>
          A passphrase opens this vault for the command line: scripts and cron jobs run <code>token-desk</code> with it
          in <code>TOKEN_DESK_PASSPHRASE</code>.
        </p>
      ) : (
        <AddPassphraseForm />
      )}
    </section>
  )
}

function AddPassphraseForm() {
  const add = useAction('addVaultPassphrase')
  const [form, setForm] = useState({ passphrase: '', repeat: '' })
  const [tried, setTried] = useState(false)
  const errors: Record<string, string> = tried ? fieldErrors(schemas.addVaultPassphrase, { passphrase: form.passphrase }, WORDS) : {}
  const mismatch = tried && !errors.passphrase && form.repeat !== form.passphrase ? 'The two passphrases are not the same.' : null
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    if (!schemas.addVaultPassphrase.safeParse({ passphrase: form.passphrase }).success || form.repeat !== form.passphrase) return
    const typed = form.passphrase
    setForm({ passphrase: '', repeat: '' })
    setTried(false)
    void add.run({ passphrase: typed })
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-passphrase-title">
      <h4 id="add-passphrase-title">Add a passphrase so scripts can read this vault</h4>
      <p>
        Your tokens are kept with this computer’s own secret storage, which the <code>token-desk</code> command line
        cannot open here. Add a passphrase, then run <code>token-desk</code> with it in{' '}
        <code>TOKEN_DESK_PASSPHRASE</code> to use the same tokens from scripts and cron. Token Desk does not store the
        passphrase itself, and cannot show it again.
      </p>
      <Field
        id="new-passphrase"
        label="Passphrase"
        hint="At least 8 characters."
        type="password"
        autoComplete="off"
        value={form.passphrase}
        error={errors.passphrase}
        onChange={set('passphrase')}
      />
      <Field
        id="repeat-passphrase"
        label="Repeat the passphrase"
        type="password"
        autoComplete="off"
        value={form.repeat}
        error={mismatch}
        onChange={set('repeat')}
      />
      <button type="submit" className="primary" disabled={add.pending}>
        {add.pending ? 'Adding…' : 'Add the passphrase'}
      </button>
      <ErrorText error={add.error} />
    </form>
  )
}
