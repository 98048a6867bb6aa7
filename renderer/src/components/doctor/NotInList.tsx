import { useState, type FormEvent } from 'react'
import type { MissingDiagnosis } from '../../../../preload/api'
import { useDesk } from '../../state/desk'
import { useAction } from '../../state/useAction'
import { ErrorText } from '../ErrorText'
import { Field } from '../Field'

const WORDS = {
  page: {
    summary: 'Not in the list?',
    none: 'Expected a Page here?',
    label: 'Which Page is missing?',
    hint: 'Its name, its ID (Page > About > Page transparency) or its address on facebook.com.',
  },
  'ad-account': {
    summary: 'Not in the list?',
    none: 'Expected an ad account here?',
    label: 'Which ad account is missing?',
    hint: 'Its name, or act_ and the number Ads Manager shows in its account menu.',
  },
} as const

function FixButton({ diagnosis, onDone }: { diagnosis: MissingDiagnosis; onDone: () => void }) {
  const login = useAction('login')
  const add = useAction('addMissingPage')
  const { go } = useDesk()
  // The login starts inside the click: the web host opens its popup only on a click.
  const relogin = (addScopes: ('business_management')[] = []) => {
    go('wizard')
    void login.run({ authType: 'rerequest', ...(addScopes.length ? { addScopes } : {}) }).then((r) => r && onDone())
  }
  switch (diagnosis.action) {
    case 'rerequest':
      return (
        <>
          <button type="button" className="primary" disabled={login.pending} onClick={() => relogin()}>
            Log in again and tick it
          </button>
          <ErrorText error={login.error} />
        </>
      )
    case 'rerequest-business':
      return (
        <>
          <button type="button" className="primary" disabled={login.pending} onClick={() => relogin(['business_management'])}>
            Log in again with business_management
          </button>
          <ErrorText error={login.error} />
        </>
      )
    case 'add-page':
      return diagnosis.asset ? (
        <>
          <button type="button" className="primary" disabled={add.pending} onClick={() => void add.run({ pageId: diagnosis.asset!.id }).then((r) => r && onDone())}>
            Add this Page
          </button>
          <ErrorText error={add.error} />
        </>
      ) : null
    default:
      return null
  }
}

function Diagnosis({ diagnosis, onDone }: { diagnosis: MissingDiagnosis; onDone: () => void }) {
  const asset = diagnosis.asset ? `${diagnosis.asset.name ?? 'It'} (${diagnosis.asset.id})` : `“${diagnosis.query}”`
  return (
    <div className={diagnosis.case === 'listed' ? 'note-box' : 'warning-box'} role="status">
      <h4>
        {asset}: {diagnosis.title}
      </h4>
      <p>{diagnosis.reason}</p>
      {diagnosis.status && (
        <p>
          <strong>Status:</strong> {diagnosis.status}
        </p>
      )}
      <p>
        <strong>Fix:</strong> {diagnosis.fix}
      </p>
      <div className="actions">
        <FixButton diagnosis={diagnosis} onDone={onDone} />
      </div>
      <details>
        <summary>What Token Desk read</summary>
        <ul>
          {diagnosis.evidence.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
    </div>
  )
}

/**
 * "Not in the list?" (graph-api-doctor.md §2.6): the person names the Page or ad account they
 * expected, and Token Desk says which case it is and offers the fix it can make.
 */
export function NotInList({ kind, suggestions = [], listed = true }: { kind: 'page' | 'ad-account'; suggestions?: string[]; listed?: boolean }) {
  const why = useAction('whyMissing')
  const [query, setQuery] = useState('')
  const [diagnosis, setDiagnosis] = useState<MissingDiagnosis | null>(null)
  const words = WORDS[kind]
  const id = `missing-${kind}`
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const q = query.trim()
    if (q) void why.run({ kind, query: q }).then((d) => setDiagnosis(d))
  }
  return (
    <details className="not-in-list">
      {/* "Not in the list?" only after a list; with none shown, the question is what was expected. */}
      <summary>{listed ? words.summary : words.none}</summary>
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field id={id} label={words.label} hint={words.hint} autoComplete="off" list={suggestions.length ? `${id}-list` : undefined} value={query} onChange={(e) => setQuery(e.target.value)} />
        {suggestions.length > 0 && (
          <datalist id={`${id}-list`}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        )}
        <button type="submit" className="secondary" disabled={why.pending || query.trim() === ''}>
          {why.pending ? 'Asking Facebook…' : 'Find out why'}
        </button>
      </form>
      <ErrorText error={why.error} />
      {diagnosis && <Diagnosis diagnosis={diagnosis} onDone={() => setDiagnosis(null)} />}
    </details>
  )
}
