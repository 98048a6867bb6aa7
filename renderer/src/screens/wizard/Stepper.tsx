export const STEPS = ['purpose', 'connect', 'inspect', 'pages', 'system-users', 'saved'] as const
export type StepName = (typeof STEPS)[number]

const LABELS: Record<StepName, string> = {
  purpose: 'Purpose',
  connect: 'Connect',
  inspect: 'Inspect',
  pages: 'Pages',
  'system-users': 'System user',
  saved: 'Saved',
}

const USER_PATH: readonly StepName[] = STEPS.filter((s) => s !== 'system-users')
const SYSTEM_USER_PATH: readonly StepName[] = STEPS.filter((s) => s !== 'inspect' && s !== 'pages')

export function Stepper({ current, systemUser = false }: { current: StepName; systemUser?: boolean }) {
  const steps = systemUser ? SYSTEM_USER_PATH : USER_PATH
  const at = steps.indexOf(current)
  return (
    <ol className="stepper" aria-label="Steps to add a token">
      {steps.map((step, index) => {
        const state = index < at ? 'done' : index === at ? 'current' : 'todo'
        return (
          <li key={step} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="step-mark" aria-hidden="true">
              {state === 'done' ? '✓' : index + 1}
            </span>
            {LABELS[step]}
            {state === 'done' && <span className="visually-hidden"> (done)</span>}
          </li>
        )
      })}
    </ol>
  )
}
