import type { TokenSummary } from '../../../../preload/api'
import { CopyControls } from './CopyControls'
import { LeakControls } from './LeakControls'
import { RenameForm } from './ManageControls'
import { RemoveWithRevoke } from './RemoveWithRevoke'
import { UsedInEditor } from './UsedInEditor'

/**
 * The per-token menu: the things done to a token now and then. It is shown closed in each
 * member row and open in the detail view. Removing offers the revoke at Facebook.
 */
export function TokenMenu({ token, open = false }: { token: TokenSummary; open?: boolean }) {
  const body = (
    <div className="menu-body">
      {/* Open in the detail view, whose "Where it is used" shows the note beside the destinations. */}
      {!open && <UsedInEditor token={token} />}
      <CopyControls id={token.id} only="snippet" />
      <div className="row-actions">
        <RenameForm id={token.id} name={token.name} />
        <LeakControls token={token} />
        <RemoveWithRevoke token={token} />
      </div>
    </div>
  )
  if (open) return body
  return (
    <details className="token-menu">
      <summary>
        More<span className="visually-hidden"> for {token.name}</span>
      </summary>
      {body}
    </details>
  )
}
