/**
 * Where each thing is fixed in Meta's App Dashboard (developers.facebook.com/apps), in the
 * dashboard's own words, so a person can click along.
 */
export const PLACES = {
  appId: 'App Dashboard > your app: the App ID is at the top of the page (also App settings > Basic)',
  appSecret: 'App Dashboard > App settings > Basic > App secret (press Show)',
  appDashboardAlerts: 'App Dashboard > your app: the alert at the top of the page (also App settings > Basic > Verification, and Data Use Checkup)',
  nativeDesktop: 'App Dashboard > App settings > Advanced > Native or desktop app',
  business: 'App Dashboard > App settings > Basic > Business portfolio, or Business Settings > Accounts > Apps > Add',
  privacyPolicy: 'App Dashboard > App settings > Basic > Privacy policy URL',
  restrictions: 'App Dashboard > App settings > Advanced > App restrictions',
  ipAllowList: 'App Dashboard > App settings > Advanced > Security > Server IP allowlist',
  requireAppSecret: 'App Dashboard > App settings > Advanced > Security > Require app secret',
  roles: 'App Dashboard > App roles > Roles > Add people (for an app connected to a business portfolio: Business Settings > Apps > your app > Add people)',
  appMode: 'App Dashboard > the App mode switch at the top (Development / Live)',
  appReview: 'App Dashboard > App Review > Permissions and features (request Advanced access)',
  redirectUris: 'App Dashboard > Facebook Login > Settings > Valid OAuth Redirect URIs',
  /** Facebook Login for Business has its own Client OAuth settings (login-for-business.md §6; the page is /apps/{id}/business-login/settings/). */
  businessRedirectUris: 'App Dashboard > Facebook Login for Business > Settings > Client OAuth settings > Valid OAuth Redirect URIs',
  businessClientOAuth: 'App Dashboard > Facebook Login for Business > Settings > Client OAuth settings: Client OAuth login, Web OAuth login and Embedded Browser OAuth Login',
  businessEnforceHttps: 'App Dashboard > Facebook Login for Business > Settings > Client OAuth settings > Enforce HTTPS',
  configurations: 'App Dashboard > Facebook Login for Business > Configurations',
  clientOAuth: 'App Dashboard > Facebook Login > Settings > Client OAuth login, Web OAuth login and Embedded browser OAuth login',
  appDomains: 'App Dashboard > App settings > Basic > App domains',
  enforceHttps: 'App Dashboard > Facebook Login > Settings > Enforce HTTPS',
  upgradeVersion: 'App Dashboard > App settings > Advanced > Upgrade API version',
  adsVersionSettings: 'App Dashboard > Marketing API > Settings > Ads API version settings',
} as const
