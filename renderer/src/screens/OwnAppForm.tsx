import { useState, type FormEvent } from 'react'
import { DEFAULT_API_VERSION, schemas, type AppState } from '../../../preload/api'
import { Field } from '../components/Field'
import { ErrorText } from '../components/ErrorText'
import { useAction } from '../state/useAction'
import { fieldErrors } from '../lib/validate'
import { useDesk } from '../state/desk'
import { CONFIG_WHERE, CONFIG_WHY } from '../../../preload/configuration-words'
import { LoginAddress } from './LoginAddress'

export const DEFAULT_REDIRECT = 'https://www.facebook.com/connect/login_success.html'

const WORDS = {
  appId: 'An App ID is the number at the top of your app in the App Dashboard, digits only.',
  appSecret: 'An App Secret is 32 characters, 0-9 and a-f. Press Show next to it in the App Dashboard and copy it whole.',
  redirectUri: 'This must be a full web address starting with https://.',
  apiVersion: `Write the version like ${DEFAULT_API_VERSION}, or leave it empty.`,
  configId: 'A Configuration ID is the number shown under the configuration, digits only. Leave it empty if the app has none.',
}

/** The secret's keeping, said as it is: in the vault, encrypted only where the vault can encrypt. */
const secretKept = (storage: AppState['storage']): string =>
  storage.persisting && storage.protection === 'os-keystore'
    ? 'keeps it only in encrypted storage'
    : storage.persisting
      ? 'keeps it only in the vault, with the weak protection you allowed'
      : 'keeps it in memory until it can save it encrypted'

export function OwnAppForm({ storage, practice = false }: { storage: AppState['storage']; practice?: boolean }) {
  const configure = useAction('configureApp')
  // In a browser the login returns to the web host itself (LoginAddress), never to the Redirect URI field.
  const browser = useDesk().state.loginHost?.browser === true
  const [form, setForm] = useState({ appId: '', appSecret: '', redirectUri: DEFAULT_REDIRECT, apiVersion: '', configId: '' })
  const [touched, setTouched] = useState<Record<string, boolean>>({})
  const [submitted, setSubmitted] = useState(false)

  const input = {
    appId: form.appId.trim(),
    appSecret: form.appSecret.trim(),
    ...(form.redirectUri.trim() && !browser ? { redirectUri: form.redirectUri.trim() } : {}),
    ...(form.apiVersion.trim() ? { apiVersion: form.apiVersion.trim() } : {}),
    ...(form.configId.trim() ? { configId: form.configId.trim() } : {}),
  }
  const errors = fieldErrors(schemas.configureApp, input, WORDS)
  const shown = (key: keyof typeof form) => ((submitted || touched[key]) && errors[key]) || null

  const bind = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
    onBlur: () => setTouched((t) => ({ ...t, [key]: true })),
  })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    if (Object.keys(errors).length === 0) void configure.run(input)
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>
        Connect Token Desk to your own app from the{' '}
        <a href="https://developers.facebook.com/apps/" target="_blank" rel="noreferrer noopener">
          Meta App Dashboard
        </a>
        . Token Desk checks the secret with Facebook at once and {secretKept(storage)}.
        {practice && ' Your practice tokens stay apart, not mixed with your own, until you clear them.'}
      </p>
      <Field
        id="app-id"
        label="App ID"
        inputMode="numeric"
        autoComplete="off"
        hint="App Dashboard, pick your app: the App ID is at the top of the page (also under App settings > Basic)."
        error={shown('appId')}
        {...bind('appId')}
      />
      <Field
        id="app-secret"
        label="App Secret"
        type="password"
        autoComplete="off"
        spellCheck={false}
        hint="App settings > Basic > App secret: press Show, confirm your password, copy it."
        error={shown('appSecret')}
        {...bind('appSecret')}
      />
      <Field
        id="config-id"
        label="Configuration ID (optional)"
        inputMode="numeric"
        autoComplete="off"
        hint={`${CONFIG_WHY} Find it under ${CONFIG_WHERE}. Leave it empty for an app that uses the classic Facebook Login.`}
        error={shown('configId')}
        {...bind('configId')}
      />
      {browser ? (
        <LoginAddress />
      ) : (
        <Field
          id="redirect-uri"
          label="Redirect URI"
          type="url"
          autoComplete="off"
          hint="Facebook Login > Settings (or Facebook Login for Business > Settings) > Valid OAuth Redirect URIs must list this exact address. The default works for desktop apps."
          error={shown('redirectUri')}
          {...bind('redirectUri')}
        />
      )}
      <Field
        id="api-version"
        label="API version (optional)"
        autoComplete="off"
        placeholder={DEFAULT_API_VERSION}
        hint={`App settings > Advanced > Upgrade API version shows your app's version. Leave empty for Token Desk's default, ${DEFAULT_API_VERSION}.`}
        error={shown('apiVersion')}
        {...bind('apiVersion')}
      />
      <p className="warning-box">
        <strong>
          <span aria-hidden="true">⚠ </span>Real data:
        </strong>{' '}
        with your own app, every call works on your real ad accounts and Pages, whatever access level the app has.
        There is no test copy. Use practice mode to try things out.
      </p>
      <button type="submit" className="primary" disabled={configure.pending}>
        {configure.pending ? 'Checking with Facebook…' : 'Check and use this app'}
      </button>
      <ErrorText error={configure.error} />
    </form>
  )
}
