import type { GrantReport } from '../../../../preload/api'

const PAGE_SCOPE = /^pages_/
const ADS_SCOPE = /^ads_/

/** What the dialog's asset picker gave, from `target_ids`: a count, not limited, or none. */
function chosen(grant: GrantReport, matches: RegExp): string | null {
  const entry = grant.targets.find((t) => matches.test(t.scope))
  if (!entry) return null
  if (entry.ids === null) return 'Not limited to chosen ones'
  return entry.ids.length === 0 ? 'None chosen' : `${entry.ids.length} chosen`
}

/**
 * The Login for Business part of the token card: the configuration decided the permissions
 * (the card's lists say which), and the Pages and ad accounts were picked in Facebook's dialog.
 */
export function GrantSummary({ grant }: { grant: GrantReport }) {
  const pages = chosen(grant, PAGE_SCOPE)
  const accounts = chosen(grant, ADS_SCOPE)
  return (
    <dl className="facts grant-summary" aria-label="What the configuration granted">
      <div>
        <dt>Configuration</dt>
        <dd>
          <span className="mono">{grant.configId}</span>
          <span className="note"> (Facebook Login for Business decides the permissions)</span>
        </dd>
      </div>
      {pages && (
        <div>
          <dt>Pages</dt>
          <dd>{pages}</dd>
        </div>
      )}
      {accounts && (
        <div>
          <dt>Ad accounts</dt>
          <dd>{accounts}</dd>
        </div>
      )}
    </dl>
  )
}
