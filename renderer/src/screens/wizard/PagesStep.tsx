import { useMemo, useState } from 'react'
import type { InspectedToken, PageChoice } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { Progress } from '../../components/Progress'
import { useAction } from '../../state/useAction'
import { TokenCard } from './TokenCard'
import { NotInList } from '../../components/doctor/NotInList'
import { KIND_NAMES } from '../../lib/words'

/** The login's own token beside its Pages: a person's lasts about 60 days; a business integration token as Facebook says. */
const keepWords = (token: InspectedToken): string =>
  token.kind === 'USER'
    ? 'Also keep the user token (lasts about 60 days; needed for ads and insights)'
    : `Also keep the ${KIND_NAMES[token.kind].toLowerCase()} (${token.neverExpires ? 'no expiry date' : 'it expires'}; needed for ads and insights)`

export function PagesStep({ token, pages, now, known = [] }: { token: InspectedToken; pages: PageChoice[]; now: number; known?: string[] }) {
  const save = useAction('savePages')
  const [query, setQuery] = useState('')
  // Everything starts selected: most people want a token for every Page they run.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(pages.map((p) => p.id)))
  const [keepUser, setKeepUser] = useState(true)

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase()
    return q ? pages.filter((p) => `${p.name} ${p.category ?? ''} ${p.id}`.toLowerCase().includes(q)) : pages
  }, [pages, query])

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  const setAll = (on: boolean) => setSelected(on ? new Set(pages.map((p) => p.id)) : new Set())

  const count = selected.size
  const nothing = count === 0 && !keepUser

  return (
    <section aria-labelledby="pages-title">
      <h2 id="pages-title">Choose the Pages to keep tokens for</h2>
      <TokenCard token={token} now={now} />
      {pages.length === 0 ? (
        <div className="note-box">
          <p>
            <strong>Facebook listed no Pages for this login.</strong> This happens when you only reach your Pages
            through Business Manager, or when you did not tick them in the Facebook window. To add them, log in again
            and tick every Page under “Choose the Pages”, or ask a Business admin to give you a role on each Page.
          </p>
        </div>
      ) : (
        <>
          <p className="lead">
            Page tokens made from this long-lived login have no expiry date. All {pages.length} are selected.
          </p>
          <div className="page-tools">
            <label htmlFor="page-search">Search Pages</label>
            <input id="page-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
            <button type="button" className="link" onClick={() => setAll(true)}>
              Select all
            </button>
            <button type="button" className="link" onClick={() => setAll(false)}>
              Select none
            </button>
          </div>
          <ul className="page-list" aria-label="Pages">
            {shown.map((page) => (
              <li key={page.id}>
                <label>
                  <input type="checkbox" checked={selected.has(page.id)} onChange={(e) => toggle(page.id, e.target.checked)} />
                  <span className="page-name">{page.name}</span>
                  {page.category && <span className="note"> · {page.category}</span>}
                </label>
                <span className="note page-tasks">
                  Your tasks: {page.tasks.length ? page.tasks.map((t) => t.toLowerCase().replace(/_/g, ' ')).join(', ') : 'none listed'}
                </span>
              </li>
            ))}
            {shown.length === 0 && <li className="note">No Page matches “{query}”.</li>}
          </ul>
        </>
      )}
      <NotInList kind="page" listed={pages.length > 0} suggestions={known.filter((name) => !pages.some((p) => p.name === name))} />
      <label className="check">
        <input type="checkbox" checked={keepUser} onChange={(e) => setKeepUser(e.target.checked)} /> {keepWords(token)}
      </label>
      {save.pending ? (
        <Progress label="Checking each Page token with Facebook and saving…" />
      ) : (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={nothing}
            onClick={() => void save.run({ pageIds: [...selected], saveUserToken: keepUser })}
          >
            {count > 0 ? `Save ${count} Page ${count === 1 ? 'token' : 'tokens'}` : `Save the ${token.kind === 'USER' ? 'user token' : KIND_NAMES[token.kind].toLowerCase()}`}
          </button>
        </div>
      )}
      {nothing && <p className="note">Pick at least one Page, or keep the user token.</p>}
      <ErrorText error={save.error} />
    </section>
  )
}
