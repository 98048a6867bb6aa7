import { useState, type FormEvent } from 'react'
import type { AppState, Settings } from '../../../preload/api'
import { schemas } from '../../../preload/api'
import { ErrorText } from '../components/ErrorText'
import { Field } from '../components/Field'
import { fieldErrors } from '../lib/validate'
import { useAction } from '../state/useAction'
import { CheckMyApp } from '../components/doctor/CheckMyApp'
import { DiagnosticsCard } from './settings/DiagnosticsCard'
import { AlertCommandCard } from './settings/AlertCommandCard'
import { LoginConfigsCard } from './settings/LoginConfigsCard'
import { ScriptPassphraseCard } from '../components/vault/ScriptPassphraseCard'
import { AppSecretForm } from './settings/AppSecretForm'
import { PracticeKept } from './settings/PracticeKept'
import { OwnAppForm } from './OwnAppForm'
import { storageNow } from '../lib/storage-words'

/** The "Use my own app" card's heading: the practice badge's link lands on it. */
export const OWN_APP_TITLE = 'use-own-app-title'

const WORDS = {
  reminderDays: 'Write up to 8 whole numbers from 1 to 60, separated by commas, for example 14, 7, 3, 1.',
  dataAccessReminderDays: 'Write up to 8 whole numbers from 1 to 89, separated by commas, for example 14, 3.',
  checkIntervalHours: 'Write a whole number of hours from 1 to 168 (one week).',
}

const listOf = (text: string): number[] =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)

function ReminderForm({ settings }: { settings: Settings }) {
  const update = useAction('updateSettings')
  const [form, setForm] = useState({
    reminderDays: settings.reminderDays.join(', '),
    dataAccessReminderDays: settings.dataAccessReminderDays.join(', '),
    checkIntervalHours: String(settings.checkIntervalHours),
  })
  const [saved, setSaved] = useState(false)
  const input = {
    reminderDays: listOf(form.reminderDays),
    dataAccessReminderDays: listOf(form.dataAccessReminderDays),
    checkIntervalHours: Number(form.checkIntervalHours),
  }
  const errors = fieldErrors(schemas.updateSettings, input, WORDS)
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    setSaved(false)
    setForm((f) => ({ ...f, [key]: e.target.value }))
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (Object.keys(errors).length === 0) void update.run(input).then((r) => setSaved(r !== null))
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="reminders-title">
      <h3 id="reminders-title">Reminders and checks</h3>
      <Field
        id="reminder-days"
        label="Remind me this many days before a token expires"
        hint="Each number is one reminder, shown once."
        value={form.reminderDays}
        error={errors.reminderDays}
        onChange={set('reminderDays')}
      />
      <Field
        id="data-reminder-days"
        label="Remind me this many days before data access expires"
        value={form.dataAccessReminderDays}
        error={errors.dataAccessReminderDays}
        onChange={set('dataAccessReminderDays')}
      />
      <Field
        id="check-interval"
        label="Check every token with Facebook every … hours"
        inputMode="numeric"
        hint="Also checked at start, when the computer wakes and when the network comes back."
        value={form.checkIntervalHours}
        error={errors.checkIntervalHours}
        onChange={set('checkIntervalHours')}
      />
      <button type="submit" className="primary" disabled={update.pending || Object.keys(errors).length > 0}>
        Save reminders
      </button>
      <p className="note" role="status">
        {saved && 'Saved.'}
      </p>
      <ErrorText error={update.error} />
    </form>
  )
}

function Toggles({ state }: { state: AppState }) {
  const update = useAction('updateSettings')
  const { settings, storage } = state
  // Only the desktop app can start itself at login; `token-desk serve` runs when it is run.
  const startAtLogin = state.host?.startAtLogin ?? true
  return (
    <div className="card">
      <h3>This computer</h3>
      {startAtLogin && (
        <label className="check">
          <input
            type="checkbox"
            checked={settings.startAtLogin}
            disabled={update.pending}
            onChange={(e) => void update.run({ startAtLogin: e.target.checked })}
          />{' '}
          Start Token Desk when I log in, so it can warn me in the background
        </label>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={settings.allowWeakSecretStorage}
          disabled={update.pending}
          onChange={(e) => void update.run({ allowWeakSecretStorage: e.target.checked })}
        />{' '}
        Save tokens even when this computer has no secure keyring
      </label>
      <p className={settings.allowWeakSecretStorage ? 'warning-box' : 'note'}>
        {settings.allowWeakSecretStorage && <span aria-hidden="true">⚠ </span>}
        {settings.allowWeakSecretStorage
          ? 'Allowed: without a keyring, anyone who can read your files can recover your tokens. Turn this off again once a keyring is set up.'
          : 'Off: without a keyring Token Desk keeps tokens in memory only and forgets them when it quits.'}{' '}
        {storageNow(storage)}
      </p>
      <p className="note">{KEYRING_TRADE_OFF}</p>
      <ErrorText error={update.error} />
    </div>
  )
}

function SignOut() {
  const signOut = useAction('signOutFacebook')
  const [done, setDone] = useState(false)
  return (
    <div className="card">
      <h3>Facebook login window</h3>
      <p>Forget the Facebook session the login window remembers, for example before someone else uses this computer. Saved tokens keep working.</p>
      <button
        type="button"
        className="secondary"
        disabled={signOut.pending}
        onClick={() => void signOut.run({}).then((r) => setDone(r !== null))}
      >
        Sign out of Facebook in Token Desk
      </button>
      <p className="note" role="status">
        {done && 'Signed out. The next login asks for your Facebook password.'}
      </p>
      <ErrorText error={signOut.error} />
    </div>
  )
}

function DeleteEverything() {
  const wipe = useAction('deleteEverything')
  const [typed, setTyped] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (typed === 'DELETE') void wipe.run({ confirm: 'DELETE' })
  }
  return (
    <form className="card danger-zone" onSubmit={submit} aria-labelledby="delete-title">
      <h3 id="delete-title">Delete everything</h3>
      <p>
        Removes every saved token, the app secret and all settings from this computer. Tokens are not switched off at
        Facebook: revoke them there too if one may have leaked.
      </p>
      <Field
        id="confirm-delete"
        label="Type DELETE to confirm"
        autoComplete="off"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
      />
      <button type="submit" className="danger" disabled={typed !== 'DELETE' || wipe.pending}>
        Delete everything
      </button>
      <ErrorText error={wipe.error} />
    </form>
  )
}

/** The trade-off of the keyring slot, said where the choice is (README says the same). */
const KEYRING_TRADE_OFF =
  'The OS keyring holds the vault’s key itself, so any program running as you can read it and decrypt every saved token (the usual trade-off of a login keyring). For a vault only a passphrase opens, use token-desk with TOKEN_DESK_PASSPHRASE (at least 8 characters) and TOKEN_DESK_KEYRING=off; this app adds its own secure-storage slot when it opens the vault.'

/** Practice mode: the way to the person's own app, without deleting anything. */
function UseOwnApp({ state }: { state: AppState }) {
  return (
    <section className="card" aria-labelledby={OWN_APP_TITLE}>
      <h3 id={OWN_APP_TITLE} tabIndex={-1}>
        Use my own app
      </h3>
      <OwnAppForm storage={state.storage} practice />
    </section>
  )
}

export function SettingsScreen({ state }: { state: AppState }) {
  return (
    <section aria-labelledby="settings-title" className="stack">
      <h2 id="settings-title">Settings</h2>
      {state.mode === 'practice' && <UseOwnApp state={state} />}
      <CheckMyApp state={state} />
      <LoginConfigsCard key={JSON.stringify(state.app?.loginConfigs ?? null)} state={state} />
      {state.mode === 'production' && state.app && <AppSecretForm app={state.app} />}
      <PracticeKept count={state.practiceTokensKept ?? 0} />
      <ReminderForm settings={state.settings} />
      <AlertCommandCard settings={state.settings} />
      <Toggles state={state} />
      <ScriptPassphraseCard storage={state.storage} />
      <SignOut />
      <DiagnosticsCard />
      <DeleteEverything />
    </section>
  )
}
