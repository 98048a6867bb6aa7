import type { TokenSummary } from '../../../../preload/api'
import { CopyControls } from './CopyControls'
import { RemoveButton, RenameForm } from './ManageControls'

/**
 * The per-token menu: the things done to a token now and then. More manage controls belong
 * here (and in the detail view, which shows this same menu open).
 */
export function TokenMenu({ token, open = false }: { token: TokenSummary; open?: boolean }) {
  const body = (
    <div className="menu-body">
      <CopyControls id={token.id} only="snippet" />
      <div className="row-actions">
        <RenameForm id={token.id} name={token.name} />
        <RemoveButton id={token.id} name={token.name} />
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
