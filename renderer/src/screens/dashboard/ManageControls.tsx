import { useState, type FormEvent } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { useAction } from '../../state/useAction'

export function RenameForm({ id, name }: { id: string; name: string }) {
  const rename = useAction('renameToken')
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState(name)
  const inputId = `rename-${id}`

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void rename.run({ id, name: value }).then((r) => r && setEditing(false))
  }

  if (!editing)
    return (
      <button type="button" className="link" onClick={() => { setValue(name); setEditing(true) }}>
        Rename
      </button>
    )
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={inputId}>New name</label>
      <input id={inputId} value={value} maxLength={120} required onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="secondary" disabled={rename.pending || !value.trim()}>
        Save name
      </button>
      <button type="button" className="link" onClick={() => setEditing(false)}>
        Cancel
      </button>
      <ErrorText error={rename.error} />
    </form>
  )
}
