import { useState } from 'react'
import type { AppState } from '../../../../preload/api'
import { Progress } from '../../components/Progress'
import { nowOf } from '../../lib/time'
import { ConnectStep } from './ConnectStep'
import { FailedStep } from './FailedStep'
import { InspectStep } from './InspectStep'
import { PagesStep } from './PagesStep'
import { PurposeStep } from './PurposeStep'
import { SavedStep } from './SavedStep'
import { STEPS, Stepper, type StepName } from './Stepper'
import { SystemUserStep } from './SystemUserStep'

const isStep = (step: string): step is StepName => (STEPS as readonly string[]).includes(step)

export function WizardScreen({ state }: { state: AppState }) {
  const wizard = state.wizard
  const now = nowOf(state.practiceNow)
  // 'working' and 'failed' belong to the step that started them: keep showing that one.
  const [place, setPlace] = useState<StepName>(isStep(wizard.step) ? wizard.step : 'connect')
  if (isStep(wizard.step) && wizard.step !== place) setPlace(wizard.step)
  // The system-user path has its own middle step; it stays shown until the wizard starts over.
  const [systemUserPath, setSystemUserPath] = useState(wizard.step === 'system-users')
  if (wizard.step === 'system-users' && !systemUserPath) setSystemUserPath(true)
  if (wizard.step === 'purpose' && systemUserPath) setSystemUserPath(false)

  return (
    <div className="wizard">
      <Stepper current={place} systemUser={systemUserPath} />
      {/* No app report here: one from before (a failed login, a broken practice app) would be stale. Settings shows the latest. */}
      {wizard.step === 'purpose' && <PurposeStep mode={state.mode} explorerUrl={state.practiceExplorerUrl} twoLogins={Boolean(state.app?.loginConfigs?.systemUser)} />}
      {wizard.step === 'connect' && <ConnectStep mode={state.mode} purpose={wizard.purpose} scopes={wizard.scopes} explorerUrl={state.practiceExplorerUrl} />}
      {wizard.step === 'working' && (
        <section aria-labelledby="working-title">
          <h2 id="working-title" className="visually-hidden">
            Working
          </h2>
          <Progress label={wizard.label} />
        </section>
      )}
      {wizard.step === 'inspect' && <InspectStep token={wizard.token} now={now} />}
      {wizard.step === 'pages' && (
        // Keyed by the token so a new login starts with its own Pages all selected.
        <PagesStep key={wizard.token.last4} token={wizard.token} pages={wizard.pages} now={now} known={state.tokens.filter((t) => t.kind === 'PAGE').map((t) => t.name)} />
      )}
      {wizard.step === 'system-users' && <SystemUserStep wizard={wizard} />}
      {wizard.step === 'saved' && (
        <SavedStep saved={wizard.saved} renewed={wizard.renewed ?? []} tokens={state.tokens} storage={state.storage} reminderDays={state.settings.reminderDays} />
      )}
      {wizard.step === 'failed' && (
        <FailedStep
          purpose={wizard.purpose}
          message={wizard.message}
          canPaste={wizard.canPaste}
          explorerUrl={state.practiceExplorerUrl}
          dialog={wizard.dialog}
          doctor={state.doctor}
        />
      )}
    </div>
  )
}
