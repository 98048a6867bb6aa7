import { useState, type FormEvent } from 'react'
import { schemas, type Settings } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { fieldErrors } from '../../lib/validate'
import { useAction } from '../../state/useAction'

const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')

/**
 * Alerts beyond the desktop: a program run (without a shell) with each grouped alert as one JSON
 * object on its standard input, to post it to Slack, email or a pager with one's own tool. One
 * word per line, since no shell splits them.
 */
export function AlertCommandCard({ settings }: { settings: Settings }) {
  const update = useAction('updateSettings')
  const test = useAction('sendTestAlert')
  const [text, setText] = useState((settings.alertCommand ?? []).join('\n'))
  const [saved, setSaved] = useState(false)
  const argv = linesOf(text)
  const error = fieldErrors(schemas.updateSettings, { alertCommand: argv }).alertCommand ?? null
  const stored = (settings.alertCommand ?? []).join('\n')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!error) void update.run({ alertCommand: argv }).then((r) => setSaved(r !== null))
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="alerts-title">
      <h3 id="alerts-title">Alerts</h3>
      <p>
        When tokens stop working or are about to, Token Desk can also run a command of yours with the alert as one JSON
        object on its standard input (the cause, the family, the tokens’ names and ids; never a token). One alert per cause:
        a password change that ends 58 tokens is one. From cron, <span className="mono">token-desk check --alert</span> does
        the same.
      </p>
      <div className="field">
        <label htmlFor="alert-command">Alert command, one word per line</label>
        <p id="alert-command-hint" className="hint">
          The program first, then each argument on its own line; no shell runs it. For Slack: curl, --data-binary, @-, -K,
          and a curl config file that holds the webhook address.
        </p>
        <textarea
          id="alert-command"
          rows={5}
          spellCheck={false}
          aria-describedby={error ? 'alert-command-hint alert-command-error' : 'alert-command-hint'}
          aria-invalid={error ? true : undefined}
          value={text}
          onChange={(e) => {
            setSaved(false)
            setText(e.target.value)
          }}
        />
        {error && (
          <p id="alert-command-error" className="error-text">
            <span aria-hidden="true">✕ </span>
            {error}
          </p>
        )}
      </div>
      <div className="row-actions">
        <button type="submit" className="primary" disabled={update.pending || !!error}>
          {argv.length === 0 ? 'Save: no alert command' : 'Save alert command'}
        </button>
        <button type="button" className="secondary" disabled={test.pending || stored === '' || stored !== argv.join('\n')} onClick={() => void test.run({})}>
          {test.pending ? 'Sending…' : 'Send a test alert'}
        </button>
      </div>
      <p className="note" role="status">
        {saved && 'Saved.'}
      </p>
      <ErrorText error={update.error ?? test.error} />
    </form>
  )
}
