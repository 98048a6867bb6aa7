import type { TokenKind } from '../../../preload/api'

/** What a revoke at Facebook ends, said before it happens (graph-api.md §10.2, §11). */
export function revokeEffect(kind: TokenKind, permission: string | null): string {
  if (kind === 'APP') return 'An app token cannot be revoked: resetting the App Secret (App Dashboard > Settings > Basic) ends it.'
  if (kind === 'SYSTEM_USER') return 'Ends every token of this system user for this app, including any other copy stored here.'
  if (permission) return `Takes back only ${permission}: the token keeps working without it, and so do the Page tokens made from the same login.`
  return 'Ends the whole login: this token, every other user token of the same person for this app, and every Page token made from them. The person has to log in again to use the app.'
}

/** How the replacement after a leak goes, for each kind of token. */
export function rotationSteps(kind: TokenKind, systemUserName: string | null): string[] {
  if (kind === 'SYSTEM_USER') {
    return [
      `You log in once as an admin of the business; Token Desk makes a new token for ${systemUserName ?? 'the same system user'}, of the same kind and with the same permissions, and checks it with Facebook.`,
      'It stores the new token in place of this one, then revokes this one at Facebook and checks that it no longer works.',
      'Facebook ends every token of the system user for this app at once, the first new one too, so Token Desk makes one more at once. Nothing else to do.',
    ]
  }
  return [
    'You log in; Token Desk gets a new token for the same person, with the same permissions, and checks it with Facebook. If that fails, nothing changes.',
    'It stores the new token in place of this one, then revokes this one at Facebook and checks that it no longer works.',
    'Revoking a login ends every token of it, the new one too: press Log in again once more to finish, and the Page tokens made from it are renewed with it.',
  ]
}
