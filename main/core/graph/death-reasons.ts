import type { DeathReason, Problem } from '../../../preload/api'

/** 190 subcodes (graph-api.md §7.2, and 466 from real debug_token output). */
export const DEATH_BY_SUBCODE: Record<number, DeathReason> = {
  458: 'app-removed',
  459: 'checkpoint',
  460: 'password-changed',
  463: 'expired',
  464: 'unconfirmed-user',
  466: 'invalidated',
  467: 'logged-out',
  492: 'no-page-role',
}

// Some real 190s omit error_subcode (graph-api.md §7.2 caveat): read the message instead.
export const DEATH_BY_MESSAGE: [RegExp, DeathReason][] = [
  [/session has expired/i, 'expired'],
  [/changed (their|the) password|changed the session for security reasons|session does not match/i, 'password-changed'],
  [/has not authorized application/i, 'app-removed'],
  [/user logged out/i, 'logged-out'],
  [/invalidated explicitly/i, 'invalidated'],
  [/not a confirmed user/i, 'unconfirmed-user'],
  [/checkpoint/i, 'checkpoint'],
]

/** For each reason: what happened, what to do, and the fix the UI offers. */
export const DEATH_WORDS: Record<DeathReason, [string, string, Problem['fix']]> = {
  expired: ['The token has expired.', 'Sign in with Facebook again to get a new token.', 'reauthorize'],
  'password-changed': ['The token stopped working because the Facebook password was changed or Facebook reset the session.', 'Sign in with Facebook again.', 'reauthenticate'],
  'app-removed': ['The app was removed from the Facebook account, or was never authorised.', 'Sign in with Facebook again and allow the app.', 'reauthorize'],
  'logged-out': ['The token stopped working because the person logged out of Facebook.', 'Sign in with Facebook again.', 'reauthorize'],
  invalidated: ['The token was revoked.', 'Sign in with Facebook again.', 'reauthorize'],
  checkpoint: ['Facebook has put a security check on the account.', 'Log in at facebook.com and follow the steps shown, then sign in again.', 'visit-facebook'],
  'unconfirmed-user': ['The Facebook account is not confirmed yet.', 'Log in at facebook.com to confirm the account, then sign in again.', 'visit-facebook'],
  'no-page-role': ['The person no longer has a role on this Page.', 'Restore the Page role in the Page settings, then fetch a new Page token.', 'fix-page-role'],
  invalid: ['Facebook does not accept this token.', 'Sign in with Facebook again, or paste a fresh token.', 'reauthorize'],
  'wrong-app': ['The token belongs to a different app.', 'Use a token made for this app.', 'repaste'],
  'permission-removed': ['A permission this needs is missing or was removed.', 'Sign in again and grant the missing permission.', 'rerequest'],
  unreadable: ['The token could not be read.', 'Paste the token again.', 'repaste'],
}
