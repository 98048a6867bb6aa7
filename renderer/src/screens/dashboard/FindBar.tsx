import type { FamilySort } from '../../../../main/core/families'
import type { Finding, Show } from '../../lib/find'

const SHOW: { value: Show; label: string }[] = [
  { value: 'all', label: 'All tokens' },
  { value: 'attention', label: 'Needs attention' },
  { value: 'USER', label: 'User tokens' },
  { value: 'PAGE', label: 'Page tokens' },
  { value: 'SYSTEM_USER', label: 'System-user tokens' },
  { value: 'BUSINESS_INTEGRATION', label: 'Business integration tokens' },
  { value: 'APP', label: 'App tokens' },
]

/** Search by token name, Page name or id, or app; filter by attention or kind; sort. */
export function FindBar({ finding, onChange }: { finding: Finding; onChange: (next: Finding) => void }) {
  return (
    <div className="find-bar" role="search" aria-label="Search, filter and sort the list">
      <span className="find-field grow">
        <label htmlFor="find-query">Find a token</label>
        <input
          id="find-query"
          type="search"
          placeholder="Token or Page name, Page id, app id"
          value={finding.query}
          onChange={(e) => onChange({ ...finding, query: e.target.value })}
        />
      </span>
      <span className="find-field">
        <label htmlFor="find-show">Show</label>
        <select id="find-show" value={finding.show} onChange={(e) => onChange({ ...finding, show: e.target.value as Show })}>
          {SHOW.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </span>
      <span className="find-field">
        <label htmlFor="find-sort">Sort by</label>
        <select id="find-sort" value={finding.sort} onChange={(e) => onChange({ ...finding, sort: e.target.value as FamilySort })}>
          <option value="deadline">Nearest deadline</option>
          <option value="name">Name</option>
        </select>
      </span>
    </div>
  )
}
