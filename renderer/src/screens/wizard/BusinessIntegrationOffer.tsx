import { ErrorText } from '../../components/ErrorText'
import { useDesk } from '../../state/desk'
import { useAction } from '../../state/useAction'

/**
 * Beside the system-user offer, when the app has a Login for Business configuration of the
 * system-user token type: a business integration system-user token (login-for-business.md §4,
 * §5). Meta meant those for tech providers serving other businesses; for one advertiser who owns
 * the app and the business, a system user from Business Settings is the permanent path.
 */
export function BusinessIntegrationOffer() {
  const { state } = useDesk()
  const login = useAction('login')
  const configId = state.app?.loginConfigs?.systemUser ?? null
  if (!configId) return null
  return (
    <div className="card offer">
      <h3>A business integration token, through your system-user configuration</h3>
      <p>
        Meta made these for tech providers who serve other businesses: a business connects your app and gets a system
        user of its own for it, with the assets it chooses. If you own both the app and the business, choose the
        system-user token above instead: it is made in your own Business Settings and is the path Meta documents for
        your own data. Whether Facebook lets a business connect an app it owns is not confirmed.
      </p>
      <button type="button" className="secondary" onClick={() => void login.run({ configuration: 'system-user' })} disabled={login.pending}>
        {login.pending ? 'Waiting for the Facebook window…' : 'Log in through the system-user configuration'}
      </button>
      <ErrorText error={login.error} />
    </div>
  )
}
