import { useState, type FormEvent } from 'react'
import { schemas } from '../../../../../preload/api'
import { DEFAULT_ENV_KEY, type DestinationInput } from '../../../../../preload/destinations'
import { ErrorText } from '../../../components/ErrorText'
import { Field } from '../../../components/Field'
import { fieldErrors } from '../../../lib/validate'
import { useAction } from '../../../state/useAction'

type Kind = DestinationInput['kind']

const KINDS: Record<Kind, string> = {
  'env-file': 'A .env file',
  github: 'A GitHub Actions secret (gh)',
  aws: 'AWS Secrets Manager (aws)',
  gcloud: 'Google Secret Manager (gcloud)',
  vault: 'HashiCorp Vault (vault kv patch)',
}

/** The fields of each kind: its label, hint, and whether it may stay empty. */
const FIELDS: Record<Kind, { name: string; label: string; hint?: string; optional?: boolean }[]> = {
  'env-file': [
    { name: 'path', label: 'File', hint: 'The full path, for example ~/ads/.env. The line is replaced or added; the rest of the file stays as it is.' },
    { name: 'key', label: 'Variable', hint: `Default ${DEFAULT_ENV_KEY}.`, optional: true },
  ],
  github: [
    { name: 'name', label: 'Secret name', hint: 'For example FB_ACCESS_TOKEN.' },
    { name: 'repo', label: 'Repository', hint: 'OWNER/REPO. gh must be logged in (gh auth login) with access to its secrets.' },
    { name: 'env', label: 'Environment', hint: 'Only for an environment secret.', optional: true },
  ],
  aws: [
    { name: 'secretId', label: 'Secret name or ARN', hint: 'The secret must exist; the AWS CLI uses your own login (aws configure).' },
    { name: 'region', label: 'Region', hint: 'For example eu-west-1; empty: your default.', optional: true },
  ],
  gcloud: [
    { name: 'secret', label: 'Secret', hint: 'The secret must exist; gcloud uses your own login.' },
    { name: 'project', label: 'Project', hint: 'Empty: your default project.', optional: true },
  ],
  vault: [
    { name: 'path', label: 'KV path', hint: 'For example secret/ads: an existing secret of a KV version 2 engine.' },
    { name: 'field', label: 'Key', hint: `Default ${DEFAULT_ENV_KEY}.`, optional: true },
  ],
}

/**
 * Adds a place the token is delivered to after every renewal. The token reaches a program only
 * on its standard input; a destination keeps no credential. Free commands are added with
 * `token-desk deliver add … --command` (see preload/destinations.ts for why).
 */
export function AddDestinationForm({ tokenId, tokenName, onDone }: { tokenId: string; tokenName: string; onDone: () => void }) {
  const add = useAction('addDestination')
  const [kind, setKind] = useState<Kind>('env-file')
  const [values, setValues] = useState<Record<string, string>>({})
  const fields = FIELDS[kind]
  const destination = Object.fromEntries([['kind', kind], ...fields.flatMap((f) => (values[f.name]?.trim() ? [[f.name, values[f.name]!.trim()]] : []))]) as DestinationInput
  const errors = fieldErrors(schemas.addDestination.shape.destination, destination)
  const missing = fields.some((f) => !f.optional && !values[f.name]?.trim())
  const prefix = `dest-${tokenId}`

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (missing || Object.keys(errors).length > 0) return
    void add.run({ id: tokenId, destination }).then((r) => {
      if (!r) return
      setValues({})
      onDone()
    })
  }

  return (
    <form className="card add-destination" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>Deliver “{tokenName}” to another place</h4>
      <div className="field">
        <label htmlFor={`${prefix}-kind`}>Deliver to</label>
        <select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {Object.entries(KINDS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {fields.map((f) => (
        <Field
          key={`${kind}-${f.name}`}
          id={`${prefix}-${f.name}`}
          label={f.optional ? `${f.label} (optional)` : f.label}
          hint={f.hint}
          autoComplete="off"
          spellCheck={false}
          value={values[f.name] ?? ''}
          error={values[f.name]?.trim() ? errors[f.name] : null}
          onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
        />
      ))}
      <div className="row-actions">
        <button type="submit" className="primary" disabled={add.pending || missing || Object.keys(errors).length > 0}>
          {add.pending ? 'Adding…' : 'Add this place'}
        </button>
        <button type="button" className="link" onClick={onDone}>
          Cancel
        </button>
      </div>
      <ErrorText error={add.error} />
    </form>
  )
}
