import { KNOWN_SCOPES, type Purpose, type Scope } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { useAction } from '../../state/useAction'

const isKnown = (scope: string): scope is Scope => (KNOWN_SCOPES as readonly string[]).includes(scope)

/** The purpose picked these; each change goes to the host at once so Connect always asks for what is shown. */
export function ScopePicker({ purpose, scopes }: { purpose: Purpose; scopes: string[] }) {
  const choose = useAction('choosePurpose')
  const chosen = scopes.filter(isKnown)

  const toggle = (scope: Scope, on: boolean) => {
    const next = on ? [...chosen, scope] : chosen.filter((s) => s !== scope)
    if (next.length > 0) void choose.run({ purpose, scopes: next })
  }

  return (
    <details className="scopes">
      <summary>
        Permissions Facebook will ask for ({chosen.length}): {chosen.join(', ')}
      </summary>
      <fieldset disabled={choose.pending}>
        <legend>Change the permissions to ask for</legend>
        <ul className="checklist">
          {KNOWN_SCOPES.map((scope) => {
            const on = chosen.includes(scope)
            return (
              <li key={scope}>
                <label>
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={on && chosen.length === 1}
                    onChange={(e) => toggle(scope, e.target.checked)}
                  />{' '}
                  <code>{scope}</code>
                </label>
              </li>
            )
          })}
        </ul>
      </fieldset>
      <ErrorText error={choose.error} />
    </details>
  )
}
