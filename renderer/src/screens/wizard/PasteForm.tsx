import { useState, type FormEvent } from 'react'
import { schemas } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Field } from '../../components/Field'
import { Progress } from '../../components/Progress'
import { fieldErrors } from '../../lib/validate'
import { useAction } from '../../state/useAction'
import { SHORT_LIVED } from '../../lib/words'

const WORDS = {
  token: 'That does not look like a whole token: copy it again, without spaces or line breaks.',
  name: 'A name is at most 120 characters.',
}

export function PasteForm({ open = false, explorerUrl = null }: { open?: boolean; explorerUrl?: string | null }) {
  const paste = useAction('pasteToken')
  const [token, setToken] = useState('')
  const [name, setName] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const input = { token: token.trim(), ...(name.trim() ? { name: name.trim() } : {}) }
  const errors = submitted ? fieldErrors(schemas.pasteToken, input, WORDS) : {}

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    if (Object.keys(fieldErrors(schemas.pasteToken, input)).length > 0) return
    void paste.run(input).then((ok) => ok && setToken(''))
  }

  return (
    <details className="paste" open={open}>
      <summary>Or paste a token you already have</summary>
      <div className="howto">
        <div>
          <h3>From Graph API Explorer</h3>
          <ol>
            <li>
              Open{' '}
              <a href={explorerUrl ?? 'https://developers.facebook.com/tools/explorer/'} target="_blank" rel="noreferrer noopener">
                {explorerUrl ?? 'developers.facebook.com/tools/explorer'}
              </a>
              {explorerUrl ? ' (the practice copy of Graph API Explorer)' : ''}.
            </li>
            <li>
              Under <strong>Meta App</strong>, choose your app.
            </li>
            <li>
              Under <strong>User or Page</strong>, choose <strong>Get User Access Token</strong>.
            </li>
            <li>Tick the permissions listed above, then press <strong>Generate Access Token</strong>.</li>
            <li>
              Copy the <strong>Access Token</strong> field. It lasts {SHORT_LIVED}: Token Desk makes it last 60 days.
            </li>
          </ol>
        </div>
        <div>
          <h3>A system-user token from Business Settings</h3>
          <ol>
            <li>
              Open <strong>business.facebook.com/settings</strong>, then <strong>Users &gt; System users</strong>.
            </li>
            <li>Pick a system user (or Add one), then <strong>Assign assets</strong>: your ad accounts and Pages.</li>
            <li>
              Press <strong>Generate new token</strong>, choose your app and an expiry (Never or 60 days).
            </li>
            <li>Tick the permissions listed above and press <strong>Generate token</strong>.</li>
            <li>Copy it now: Facebook shows it only once.</li>
          </ol>
        </div>
      </div>
      <form onSubmit={submit} noValidate>
        <Field
          id="paste-token"
          label="Token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          hint="Hidden as you paste. Token Desk asks Facebook what it is before saving anything."
          value={token}
          error={errors.token}
          onChange={(e) => setToken(e.target.value)}
        />
        <Field
          id="paste-name"
          label="Name (optional)"
          autoComplete="off"
          hint="So you recognise it later, for example “Reporting script”."
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        {paste.pending ? (
          <Progress label="Asking Facebook about this token…" />
        ) : (
          <button type="submit" className="primary">
            Check this token
          </button>
        )}
        <ErrorText error={paste.error} />
      </form>
    </details>
  )
}
