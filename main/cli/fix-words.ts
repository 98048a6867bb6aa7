import type { DeathReason } from '../../preload/api'

/**
 * What a person at a terminal does about each cause. The command line has no Facebook login of
 * its own (the window's words say "Log in again"), so a new login points at the app, in either
 * of its forms, and everything else at the command that helps.
 */
const IN_THE_APP = 'in the Token Desk app (the desktop app, or npx token-desk serve)'

export const CLI_FIX: Readonly<Record<DeathReason, string>> = {
  expired: `Log in with Facebook again ${IN_THE_APP} to get a new token.`,
  'password-changed': `Log in with Facebook again ${IN_THE_APP} to get a new token.`,
  'logged-out': `Log in with Facebook again ${IN_THE_APP} to get a new token.`,
  invalidated: `Log in with Facebook again ${IN_THE_APP} to get a new token.`,
  'app-removed': `Log in with Facebook again ${IN_THE_APP} and allow the app.`,
  'permission-removed': `Log in with Facebook again ${IN_THE_APP} and allow the missing permission.`,
  checkpoint: `Log in at facebook.com and follow the steps shown, then log in again ${IN_THE_APP}.`,
  'unconfirmed-user': `Confirm the account at facebook.com, then log in again ${IN_THE_APP}.`,
  'no-page-role': 'Ask an admin of the Page to give you a role again, then get a new Page token: token-desk pages < user-token.txt.',
  invalid: `Store a fresh token with token-desk add --name NAME < token.txt, or log in again ${IN_THE_APP}.`,
  'wrong-app': 'Use a token made for the app in TOKEN_DESK_APP_ID, or set TOKEN_DESK_APP_ID to the app the token belongs to.',
  unreadable: 'Store it again: token-desk add --name NAME < token.txt.',
}
