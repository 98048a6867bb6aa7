import { useCallback, useMemo, useState } from 'react'
import type { AppState, TokenDeskApi } from '../../preload/api'
import { AlarmLine, isAlarm, Notices, OfflineBanner, StorageBanner } from './components/Banners'
import { Nav } from './components/Nav'
import { AccessScreen } from './screens/AccessScreen'
import { DashboardScreen } from './screens/dashboard/DashboardScreen'
import { PracticeScreen } from './screens/PracticeScreen'
import { OWN_APP_TITLE, SettingsScreen } from './screens/SettingsScreen'
import { StartScreen } from './screens/StartScreen'
import { WizardScreen } from './screens/wizard/WizardScreen'
import { DeskContext, type Desk, type View } from './state/desk'
import { useAppState } from './state/useAppState'

/** With no choice made, a wizard in progress or an empty vault means the wizard is what matters. */
const defaultView = (state: AppState): View =>
  (state.wizard.step !== 'purpose' && state.wizard.step !== 'connect') || state.tokens.length === 0 ? 'wizard' : 'dashboard'

/** A wizard that has ended (saved, or failed): "Add token" starts a fresh one instead of showing it again. */
const wizardEnded = (state: AppState): boolean => state.wizard.step === 'saved' || state.wizard.step === 'failed'

function Screen({ view, state }: { view: View; state: AppState }) {
  switch (view) {
    case 'dashboard':
      return <DashboardScreen state={state} />
    case 'wizard':
      return <WizardScreen state={state} />
    case 'access':
      return <AccessScreen access={state.access} />
    case 'settings':
      return <SettingsScreen state={state} />
    case 'practice':
      return state.mode === 'practice' ? <PracticeScreen state={state} /> : <DashboardScreen state={state} />
  }
}

function ModeLine({ state, onOwnApp }: { state: AppState; onOwnApp: () => void }) {
  if (state.mode === 'practice')
    return (
      <p className="mode mode-line">
        <span className="mode-practice">Practice mode: simulated Facebook</span>
        <button type="button" className="link" onClick={onOwnApp}>
          Use my own app
        </button>
      </p>
    )
  if (state.app) return <p className="mode">App {state.app.appId} · {state.app.apiVersion}</p>
  return null
}

export function App({ api }: { api: TokenDeskApi }) {
  const { state, setState, loadError } = useAppState(api)
  const [chosen, setChosen] = useState<View | null>(null)
  const ended = state ? wizardEnded(state) : false
  const go = useCallback(
    (next: View) => {
      // The old Saved screen is never shown again, not even for a moment: the reset comes first.
      if (next !== 'wizard' || !ended) return setChosen(next)
      void api.resetWizard({}).then((reply) => {
        if (reply.ok) setState(reply.value)
        setChosen(next)
      })
    },
    [api, ended, setState],
  )
  const toOwnApp = useCallback(() => {
    setChosen('settings')
    requestAnimationFrame(() => document.getElementById(OWN_APP_TITLE)?.focus())
  }, [])
  const desk = useMemo<Desk | null>(
    () => (state ? { api, state, apply: setState, go } : null),
    [api, state, setState, go],
  )

  if (!state || !desk) {
    return (
      <main className="loading">
        <h1>Token Desk</h1>
        {loadError ? <p role="alert">{loadError}</p> : <p role="status">Loading…</p>}
      </main>
    )
  }

  // After "delete everything" the next start begins from its own default screen.
  if (state.mode === 'none' && chosen !== null) setChosen(null)
  const view = state.mode === 'none' ? null : (chosen ?? defaultView(state))
  const alarms = state.notices.filter(isAlarm)
  const general = state.notices.filter((n) => !isAlarm(n))

  return (
    <DeskContext.Provider value={desk}>
      <div className="app">
        <header className="top">
          <h1>Token Desk</h1>
          <ModeLine state={state} onOwnApp={toOwnApp} />
          {view && <Nav current={view} practice={state.mode === 'practice'} attention={alarms.length} onGo={go} />}
        </header>
        <main>
          <div className="banners">
            {view && <StorageBanner storage={state.storage} />}
            <OfflineBanner online={state.online} />
            <Notices notices={general} />
            {view !== 'dashboard' && <AlarmLine count={alarms.length} onGo={() => setChosen('dashboard')} />}
          </div>
          {view ? <Screen view={view} state={state} /> : <StartScreen storage={state.storage} />}
        </main>
      </div>
    </DeskContext.Provider>
  )
}
