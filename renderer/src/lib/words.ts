import type { Purpose, TokenKind, TokenStatus } from '../../../preload/api'

export const KIND_NAMES: Record<TokenKind, string> = {
  USER: 'User token',
  PAGE: 'Page token',
  SYSTEM_USER: 'System-user token',
  APP: 'App token',
  BUSINESS_INTEGRATION: 'Business integration token',
}

/** Icon plus words: the colour is never the only signal. */
export const STATUS_WORDS: Record<TokenStatus, { icon: string; label: string }> = {
  valid: { icon: '✓', label: 'Working' },
  expiring: { icon: '!', label: 'Expiring soon' },
  dead: { icon: '✕', label: 'Stopped working' },
  unknown: { icon: '?', label: 'Not checked yet' },
  'needs-relogin': { icon: '↻', label: 'Needs a new login' },
}

export const PURPOSE_WORDS: Record<Purpose, { title: string; body: string }> = {
  'manage-ads': {
    title: 'Manage ads',
    body: 'Create, change and pause campaigns, ad sets and ads in your ad accounts.',
  },
  'read-insights': {
    title: 'Read insights',
    body: 'Pull spend, reach and results into reports and dashboards, without changing anything.',
  },
  'manage-pages': {
    title: 'Manage Pages',
    body: 'Post to your Facebook Pages and read their comments, with a token for each Page.',
  },
}

/**
 * The honest meaning of "never": why a token with no expiry date can still stop working (users
 * report each of these killing "never-expiring" tokens). The causes differ by kind. Each text
 * follows the words "No expiry date", so none of them says it again.
 */
const NEVER_CAVEATS: Record<TokenKind, { full: string; short: string }> = {
  USER: {
    full: 'It still stops working if the Facebook password is changed, the person removes the app from their account, or Facebook asks them for a security check. Token Desk checks for all three.',
    short: 'Still ends on a password change, app removal or security check.',
  },
  PAGE: {
    full: 'It still stops working if the Facebook password is changed, the person loses their role on the Page, or the app is removed from the account. Token Desk checks for all three.',
    short: 'Still ends on a password change, a lost Page role or app removal.',
  },
  SYSTEM_USER: {
    full: 'There is no password to change, but it still stops working if the system user is deleted, its tokens are revoked in Business Settings, or the app is removed from it. Token Desk checks for all three.',
    short: 'Still ends if the system user is deleted, revoked or loses the app.',
  },
  APP: {
    full: 'It still stops working when the App Secret is reset in the App Dashboard. Token Desk checks for that.',
    short: 'Still ends when the App Secret is reset.',
  },
  BUSINESS_INTEGRATION: {
    full: 'No expiry date, but it stops working when the business removes the app under Business Settings > Integrations > Connected apps. Token Desk checks for that.',
    short: 'Still ends when the business removes the app.',
  },
}

export const neverCaveat = (kind: TokenKind = 'PAGE', compact = false): string => (compact ? NEVER_CAVEATS[kind].short : NEVER_CAVEATS[kind].full)

/** The dashboard's legend speaks of the most common never-expiring token, the Page token. */
export const NEVER_CAVEAT = NEVER_CAVEATS.PAGE.full

export const DATA_ACCESS_NOTE =
  'A separate clock, for user tokens only: 90 days after the last login through the app, Facebook stops sharing data behind some permissions while the token itself keeps working. Ads, insights and Page permissions are exempt. Logging in again restarts it.'

/** A short-lived user token (Graph API Explorer's, or a login's before the exchange), said one way everywhere. */
export const SHORT_LIVED = '1 to 2 hours'
