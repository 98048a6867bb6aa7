/**
 * The way through Business Settings when the API path is closed (Limited access, the allowance
 * used up) or the person prefers it. Both the wizard and the CLI show these same lines.
 */
export const CREATE_SYSTEM_USER_STEPS: readonly string[] = [
  'Open business.facebook.com/settings and choose the business.',
  'Go to Users > System users and press Add.',
  'Give it a name (for example “Ads server”) and the role Employee (Admin only if it must manage other system users), then press Create system user.',
  'With it selected, press Assign assets: choose your ad accounts and Pages, and switch on what it may do with them.',
  'Come back here and choose Refresh: the new system user is listed.',
]

export const GENERATE_TOKEN_STEPS: readonly string[] = [
  'In Business Settings, go to Users > System users and choose the system user.',
  'Press Assign assets > Apps, choose your app and give it full control (this installs the app for the system user).',
  'Press Generate new token, choose your app and an expiry: Never, or 60 days.',
  'Tick the permissions the token needs and press Generate token.',
  'Copy it at once (Facebook shows it only once) and paste it into Token Desk.',
]
