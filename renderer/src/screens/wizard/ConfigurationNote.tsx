/**
 * The Connect step for an app with Facebook Login for Business: no permissions to pick, since
 * the configuration decides them (login-for-business.md §2); what it granted shows after.
 */
export function ConfigurationNote({ configId }: { configId: string }) {
  return (
    <div className="card configuration-note">
      <h3>Facebook Login for Business</h3>
      <p>
        This app logs in through its configuration <span className="mono">{configId}</span>: the configuration decides the
        token type, the expiry and the permissions, so there is nothing to choose here. Allow all of them in the Facebook
        window (declining one grants nothing), and choose the Pages and ad accounts the token may reach. Token Desk then
        shows what the configuration granted, against what this purpose needs.
      </p>
    </div>
  )
}
