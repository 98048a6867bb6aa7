import type { TokenKind } from '../../../preload/api'

/** How the replacement after a leak goes, for each kind of token. */
export function rotationSteps(kind: TokenKind, systemUserName: string | null): string[] {
  if (kind === 'BUSINESS_INTEGRATION') {
    return ['Token Desk cannot end a business integration token, so it cannot rotate one: log in again through its configuration for a new one, and have the business remove the app under Business Settings > Integrations > Connected apps to end the old.']
  }
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
