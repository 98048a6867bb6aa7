import { useState, type FormEvent } from 'react'
import { ErrorText } from '../ErrorText'
import { Field } from '../Field'
import { useAction } from '../../state/useAction'

/**
 * Shown while the vault is locked here and its passphrase opens it (a vault `token-desk` made
 * where there is no OS keyring). The passphrase goes to the host once and is cleared here.
 */
export function UnlockVaultForm() {
  const unlock = useAction('unlockVault')
  const [passphrase, setPassphrase] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (passphrase.length === 0) return
    const typed = passphrase
    setPassphrase('')
    void unlock.run({ passphrase: typed })
  }
  return (
    <form className="card unlock-vault" onSubmit={submit} noValidate aria-labelledby="unlock-vault-title">
      <h2 id="unlock-vault-title">Unlock with your passphrase</h2>
      <Field
        id="unlock-passphrase"
        label="Vault passphrase"
        hint="The passphrase your scripts use as TOKEN_DESK_PASSPHRASE. It opens your saved tokens for this session; Token Desk does not store it."
        type="password"
        autoComplete="off"
        value={passphrase}
        maxLength={1024}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <button type="submit" className="primary" disabled={unlock.pending || passphrase.length === 0}>
        {unlock.pending ? 'Unlocking…' : 'Unlock'}
      </button>
      <ErrorText error={unlock.error} />
    </form>
  )
}
