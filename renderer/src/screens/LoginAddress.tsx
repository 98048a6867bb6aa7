import { useDesk } from '../state/desk'

/**
 * In the web host: the address the browser login returns to, to register in the App Dashboard.
 * Strict Mode compares it whole, the port included (login-for-business.md §6), so a port that
 * changes each launch is said too. The desktop app uses the Redirect URI field instead.
 */
export function LoginAddress() {
  const { state } = useDesk()
  const host = state.loginHost
  if (!host?.browser || !host.redirectUri) return null
  return (
    <div className="field login-address">
      <p>
        <strong>Where the login returns:</strong> <code className="mono">{host.redirectUri}</code>
      </p>
      <p className="hint">
        Register this exact address under Valid OAuth Redirect URIs (for an app with Facebook Login for Business, under
        Facebook Login for Business &gt; Settings). Facebook allows plain http only for localhost, and whether a Business
        app accepts it is not confirmed: if Facebook refuses it, paste a token instead.
        {!host.fixed && ' This port changes each time token-desk serve starts: start it once with --port N (it is remembered) before you register the address.'}
      </p>
    </div>
  )
}
