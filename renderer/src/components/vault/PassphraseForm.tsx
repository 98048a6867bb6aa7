import { useState, type FormEvent } from 'react'
import { schemas } from '../../../../preload/api'
import { ErrorText } from '../ErrorText'
import { Field } from '../Field'
import { fieldErrors } from '../../lib/validate'
import { useAction } from '../../state/useAction'

const WORDS = { passphrase: 'Choose a passphrase of 8 to 1024 characters.' }

/**
 * A new vault passphrase, typed twice; it goes to the host once and is cleared here. `keeps`:
 * the vault has no key yet and this passphrase will hold it (storage 'can-create'); otherwise it
 * is added beside the key the vault has (for the command line).
 */
export function PassphraseForm({ id, keeps, submitLabel, focus = false }: { id: string; keeps: boolean; submitLabel: string; focus?: boolean }) {
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
    <form className="passphrase-form" onSubmit={submit} noValidate>
      <Field
        id={`${id}-new`}
        label="Passphrase"
        hint={
          keeps
            ? 'At least 8 characters. Token Desk asks for it each time it starts, and scripts use it as TOKEN_DESK_PASSPHRASE. It is not stored anywhere: keep it in your password manager.'
            : 'At least 8 characters. Token Desk does not store it and cannot show it again.'
        }
        type="password"
        autoComplete="off"
        autoFocus={focus}
        value={form.passphrase}
        error={errors.passphrase}
        onChange={set('passphrase')}
      />
      <Field id={`${id}-repeat`} label="Repeat the passphrase" type="password" autoComplete="off" value={form.repeat} error={mismatch} onChange={set('repeat')} />
      <button type="submit" className="primary" disabled={add.pending}>
        {add.pending ? (keeps ? 'Encrypting…' : 'Adding…') : submitLabel}
      </button>
      <ErrorText error={add.error} />
    </form>
  )
}
