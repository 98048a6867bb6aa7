import { useState, type FormEvent } from 'react'
import type { AppState } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Field } from '../../components/Field'
import { useAction } from '../../state/useAction'

const FORMAT = /^[0-9a-f]{32}$/i

/**
 * A new App Secret for the app Token Desk is set up with (after a reset in the App Dashboard, or
 * a mistyped one): checked with Facebook before it replaces the old one, which stays if it fails.
 */
export function AppSecretForm({ app }: { app: NonNullable<AppState['app']> }) {
  const configure = useAction('configureApp')
  const [secret, setSecret] = useState('')
  const [tried, setTried] = useState(false)
  const [done, setDone] = useState(false)
  const wrong = tried && !FORMAT.test(secret.trim()) ? 'An App Secret is 32 characters, 0-9 and a-f. Press Show next to it in the App Dashboard and copy it whole.' : null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    setDone(false)
    if (!FORMAT.test(secret.trim())) return
    const typed = secret.trim()
    void configure.run({ appId: app.appId, appSecret: typed, redirectUri: app.redirectUri, apiVersion: app.apiVersion }).then((r) => {
      if (!r) return
      setSecret('')
      setTried(false)
      setDone(true)
    })
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="app-secret-title">
      <h3 id="app-secret-title">New App Secret</h3>
      <p>
        For app {app.appId}. Reset the secret in the App Dashboard, or found it mistyped? Paste the new one: Token Desk
        checks it with Facebook first and keeps the old one if the new one is refused.
      </p>
      <Field
        id="new-app-secret"
        label="App Secret"
        type="password"
        autoComplete="off"
        spellCheck={false}
        hint="App settings > Basic > App secret: press Show, confirm your password, copy it."
        value={secret}
        error={wrong}
        onChange={(e) => setSecret(e.target.value)}
      />
      <button type="submit" className="primary" disabled={configure.pending}>
        {configure.pending ? 'Checking with Facebook…' : 'Check and use this secret'}
      </button>
      <p className="note" role="status">
        {done && 'Saved: Facebook accepted the new App Secret.'}
      </p>
      <ErrorText error={configure.error} />
    </form>
  )
}
