import { useState, type FormEvent } from 'react'
import type { AppState, LoginConfigs } from '../../../../preload/api'
import { schemas } from '../../../../preload/api'
import { CONFIG_WHERE, CONFIG_WHY } from '../../../../preload/configuration-words'
import { ErrorText } from '../../components/ErrorText'
import { Field } from '../../components/Field'
import { fieldErrors } from '../../lib/validate'
import { useAction } from '../../state/useAction'

const WORD = 'A Configuration ID is the number shown under the configuration, digits only. Leave it empty for none.'
const WORDS = { all: WORD, ads: WORD, pages: WORD, systemUser: WORD }

const FIELDS: { key: keyof LoginConfigs; label: string; hint: string }[] = [
  { key: 'all', label: 'Configuration ID', hint: 'Used for every purpose unless one below is set.' },
  { key: 'ads', label: 'Configuration ID for ads only (optional)', hint: 'For Manage ads and Read insights.' },
  { key: 'pages', label: 'Configuration ID for Pages only (optional)', hint: 'For Manage Pages.' },
  { key: 'systemUser', label: 'System-user configuration ID (optional)', hint: 'A configuration of the System-user access token type: business integration tokens.' },
]

/** Settings > Facebook Login for Business: the app's configurations (login-for-business.md §2). */
export function LoginConfigsCard({ state }: { state: AppState }) {
  const save = useAction('setLoginConfigs')
  const current = state.app?.loginConfigs
  const [form, setForm] = useState<Record<keyof LoginConfigs, string>>({
    all: current?.all ?? '',
    ads: current?.ads ?? '',
    pages: current?.pages ?? '',
    systemUser: current?.systemUser ?? '',
  })
  const [saved, setSaved] = useState(false)
  if (!state.app) return null
  const input = Object.fromEntries(FIELDS.map(({ key }) => [key, form[key].trim()])) as Record<keyof LoginConfigs, string>
  const errors = fieldErrors(schemas.setLoginConfigs, input, WORDS)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (Object.keys(errors).length === 0) void save.run(input).then((r) => setSaved(r !== null))
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="login-configs-title">
      <h3 id="login-configs-title">Facebook Login for Business</h3>
      <p>
        {CONFIG_WHY} Find them under {CONFIG_WHERE}. With none, Token Desk logs in with the classic dialog and a list of
        permissions.
      </p>
      {FIELDS.map(({ key, label, hint }) => (
        <Field
          key={key}
          id={`config-${key}`}
          label={label}
          inputMode="numeric"
          autoComplete="off"
          hint={hint}
          value={form[key]}
          error={errors[key]}
          onChange={(e) => {
            setSaved(false)
            setForm((f) => ({ ...f, [key]: e.target.value }))
          }}
        />
      ))}
      <button type="submit" className="primary" disabled={save.pending || Object.keys(errors).length > 0}>
        Save configurations
      </button>
      <p className="note" role="status">
        {saved && 'Saved. The next login goes through these.'}
      </p>
      <ErrorText error={save.error} />
    </form>
  )
}
