import { useState, type FormEvent } from 'react'
import { schemas, USED_IN_MAX, type TokenSummary } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Field } from '../../components/Field'
import { fieldErrors } from '../../lib/validate'
import { useAction } from '../../state/useAction'

/** The person's note of where a token is used, shown again when it has to be replaced. */
export function UsedInEditor({ token }: { token: TokenSummary }) {
  const save = useAction('setUsedIn')
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState(token.usedIn ?? '')
  const errors = fieldErrors(schemas.setUsedIn, { id: token.id, usedIn: value })
  const id = `used-in-${token.id}`

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!errors.usedIn) void save.run({ id: token.id, usedIn: value.trim() }).then((r) => r && setEditing(false))
  }

  if (!editing)
    return (
      <p className="note used-in">
        {token.usedIn ? (
          <>
            Used in: <strong>{token.usedIn}</strong>{' '}
          </>
        ) : (
          'Where is it used? '
        )}
        <button type="button" className="link" onClick={() => { setValue(token.usedIn ?? ''); setEditing(true) }}>
          {token.usedIn ? 'Edit' : 'Note it'}
          <span className="visually-hidden"> where “{token.name}” is used</span>
        </button>
      </p>
    )
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <Field
        id={id}
        label="Used in"
        hint="For example “n8n production” or “~/ads/.env”: where to update it after a renewal or a rotation."
        value={value}
        error={errors.usedIn ?? null}
        maxLength={USED_IN_MAX}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="secondary" disabled={save.pending || !!errors.usedIn}>
        Save note
      </button>
      <button type="button" className="link" onClick={() => setEditing(false)}>
        Cancel
      </button>
      <ErrorText error={save.error} />
    </form>
  )
}
