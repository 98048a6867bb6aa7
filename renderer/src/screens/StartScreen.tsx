import { useAction } from '../state/useAction'
import { ErrorText } from '../components/ErrorText'
import { OwnAppForm } from './OwnAppForm'
import { BusinessPracticeOption } from './BusinessPracticeOption'

export function StartScreen() {
  const practice = useAction('startPractice')
  return (
    <div className="start">
      <p className="lead">
        Token Desk gets the access tokens your ad tools need from Facebook, keeps them encrypted on this computer,
        and warns you before one stops working. Choose how to begin.
      </p>
      <div className="start-options">
        <section className="card" aria-labelledby="practice-title">
          <h2 id="practice-title">Practice with a simulated Facebook</h2>
          <p>
            No setup and no real account. Walk through getting a token, then make things go wrong on purpose (a
            password change, a lost Page role) to see how Token Desk warns you.
          </p>
          <button type="button" className="primary" onClick={() => void practice.run({ app: 'classic' })} disabled={practice.pending}>
            {practice.pending ? 'Starting…' : 'Start practising'}
          </button>
          <BusinessPracticeOption run={() => void practice.run({ app: 'business' })} pending={practice.pending} />
          <ErrorText error={practice.error} />
        </section>
        <section className="card" aria-labelledby="own-app-title">
          <h2 id="own-app-title">Use my Meta app</h2>
          <OwnAppForm />
        </section>
      </div>
    </div>
  )
}
