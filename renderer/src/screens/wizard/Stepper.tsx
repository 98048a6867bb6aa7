export const STEPS = ['purpose', 'connect', 'inspect', 'pages', 'saved'] as const
export type StepName = (typeof STEPS)[number]

const LABELS: Record<StepName, string> = {
  purpose: 'Purpose',
  connect: 'Connect',
  inspect: 'Inspect',
  pages: 'Pages',
  saved: 'Saved',
}

export function Stepper({ current }: { current: StepName }) {
  const at = STEPS.indexOf(current)
  return (
    <ol className="stepper" aria-label="Steps to add a token">
      {STEPS.map((step, index) => {
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
