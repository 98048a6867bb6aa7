import { useState, type FormEvent } from 'react'
import { schemas, type WizardState } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Field } from '../../components/Field'
import { Progress } from '../../components/Progress'
import { fieldErrors } from '../../lib/validate'
import { useAction } from '../../state/useAction'
import { PasteForm } from './PasteForm'

type Step = Extract<WizardState, { step: 'system-users' }>

const ROLE_WORDS: Record<string, string> = { ADMIN: 'admin system user', EMPLOYEE: 'system user' }

function Steps({ title, steps }: { title: string; steps: string[] }) {
  return (
    <details className="howto-steps">
      <summary>{title}</summary>
      <ol>
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </details>
  )
}

/** Pick a system user, an expiry, then one button: install, mint, check, save. */
export function SystemUserStep({ wizard }: { wizard: Step }) {
  const mint = useAction('mintSystemUser')
  const back = useAction('resetWizard')
  const choices = wizard.businesses.flatMap((b) => (b.admin ? b.systemUsers.map((u) => ({ business: b, user: u, key: `${b.id}:${u.id}` })) : []))
  const [chosen, setChosen] = useState<string | null>(choices.length === 1 ? (choices[0]?.key ?? null) : null)
  const [sixtyDays, setSixtyDays] = useState(false)
  const [name, setName] = useState('')
  const [usedIn, setUsedIn] = useState('')
  const pick = choices.find((c) => c.key === chosen) ?? null
  const input = {
    businessId: pick?.business.id ?? '',
    systemUserId: pick?.user.id ?? '',
    expiresIn60Days: sixtyDays,
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(usedIn.trim() ? { usedIn: usedIn.trim() } : {}),
  }
  const errors = fieldErrors(schemas.mintSystemUser, input, { name: 'A name is at most 120 characters.' })
  const blocked = wizard.allowance.apiMinting === false

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (pick && !errors.name && !errors.usedIn) void mint.run(input)
  }

  return (
    <section aria-labelledby="system-users-title">
      <h2 id="system-users-title">Choose a system user</h2>
      <p className="lead">
        {wizard.adminName ? `Logged in as ${wizard.adminName}. ` : ''}Token Desk installs your app for the system user
        if it needs to, makes its token with {wizard.scopes.join(', ')}, and checks it with Facebook before saving it.
      </p>
      <p className={blocked ? 'warning-box' : 'note-box'}>{wizard.allowance.words}</p>
      {blocked && (
        <div className="warning-box">
          <p>
            Your app has Limited Marketing API access, and Facebook lets only apps with Full access make system-user
            tokens through the API. Make the token in Business Settings instead, then paste it below.
          </p>
          <ol>
            {wizard.tokenSteps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        {wizard.businesses.length === 0 && <p className="note-box">You are not in any business yet. Create one at business.facebook.com, then a system user in it.</p>}
        {wizard.businesses.map((b) => (
          <fieldset key={b.id} className="choice-group">
            <legend>{b.name}</legend>
            {b.note && <p className="note">{b.note}</p>}
            <ul className="checklist">
              {b.systemUsers.map((u) => {
                const key = `${b.id}:${u.id}`
                return (
                  <li key={key}>
                    <label className="check">
                      <input type="radio" name="system-user" value={key} checked={chosen === key} onChange={() => setChosen(key)} />{' '}
                      {u.name} <span className="note">({ROLE_WORDS[u.role] ?? u.role.toLowerCase()})</span>
                    </label>
                  </li>
                )
              })}
            </ul>
          </fieldset>
        ))}
        <fieldset className="choice-group">
          <legend>How long should it work?</legend>
          <label className="check">
            <input type="radio" name="expiry" checked={!sixtyDays} onChange={() => setSixtyDays(false)} /> Never expires (Facebook’s default).
            Still ends if the system user is removed or its tokens are revoked.
          </label>
          <label className="check">
            <input type="radio" name="expiry" checked={sixtyDays} onChange={() => setSixtyDays(true)} /> 60 days: less harm if it leaks.
            Token Desk reminds you and renews it with one click.
          </label>
        </fieldset>
        <details>
          <summary>Name and where it is used (optional)</summary>
          <Field id="su-name" label="Name" autoComplete="off" value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
          <Field
            id="su-used-in"
            label="Used in"
            autoComplete="off"
            hint="Where you will put it, for example “n8n production” or “~/ads/.env”. Shown when it has to be replaced."
            value={usedIn}
            error={errors.usedIn}
            onChange={(e) => setUsedIn(e.target.value)}
          />
        </details>
        {mint.pending ? (
          <Progress label="Making the token and checking it with Facebook…" />
        ) : (
          <div className="actions">
            <button type="submit" className="primary" disabled={!pick}>
              {pick ? `Make a token for ${pick.user.name}` : 'Choose a system user first'}
            </button>
            <button type="button" className="link" onClick={() => void back.run({ askPurpose: true })} disabled={back.pending}>
              Start over
            </button>
          </div>
        )}
        <ErrorText error={mint.error ?? back.error} />
      </form>
      <Steps title="No suitable system user? Create one in Business Settings" steps={wizard.createSteps} />
      <Steps title="Or make the token in Business Settings yourself" steps={wizard.tokenSteps} />
      {blocked && <PasteForm open />}
    </section>
  )
}
