import type { TokenKind } from './api'

/**
 * What a revoke at Facebook ends, said before it happens (graph-api.md §10.2, §11). Here beside
 * the contract so the core (the CLI's revoke) and the renderer (the Remove dialog) say the same.
 */
export function revokeEffect(kind: TokenKind, permission?: string | null): string {
  if (kind === 'APP') return 'An app token cannot be revoked: resetting the App Secret (App Dashboard > Settings > Basic) ends it.'
  if (kind === 'SYSTEM_USER') return 'Ends every token of this system user for this app, including any other copy stored here.'
  // login-for-business.md §4: tokens "cannot be invalided via the System User tab"; the client removes the app.
  if (kind === 'BUSINESS_INTEGRATION')
    return 'Token Desk cannot end a business integration token: the business ends it by removing the app under Business Settings > Integrations > Connected apps, which deletes its system user and tokens. Removing it here only forgets it.'
  if (permission) return `Takes back only ${permission}: the token keeps working without it, and so do the Page tokens made from the same login.`
  return 'Ends the whole login: this token, every other user token of the same person for this app, and every Page token made from them. The person has to log in again to use the app.'
}
