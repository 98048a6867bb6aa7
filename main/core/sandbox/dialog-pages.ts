/**
 * The login dialog's refusal pages as reporters quoted them (graph-api-doctor.md §1.6). No Meta
 * doc lists them: every text is a capture from an issue thread, kept word for word.
 */
export const DIALOG_PAGES = {
  'url-blocked': {
    title: 'URL Blocked',
    text: "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs.",
  },
  'cant-load-url': {
    title: "Can't load URL",
    text: "The domain of this URL isn't included in the app's domains. To be able to load this URL, add all domains and sub-domains of your app to the App Domains field in your app settings.",
  },
  'insecure-login': {
    title: 'Insecure Login Blocked',
    text: "You can't get an access token or log in to this app from an insecure page. Try re-loading the page as https://",
  },
  'app-not-setup': {
    title: 'App Not Setup',
    text: "This app is still in development mode, and you don't have access to it. Switch to a registered test user or ask an app admin for permissions.",
  },
  'app-not-active': {
    title: 'App not active',
    text: 'This app is not accessible right now and the app developer is aware of the issue. You will be able to log in when the app is reactivated.',
  },
  'feature-unavailable': {
    title: 'Feature Unavailable',
    text: 'Facebook Login is currently unavailable for this app, since we are updating additional details for this app. Please try again later.',
  },
  'not-available': {
    title: "App isn't available",
    text: "It looks like this app isn't available. This app needs at least one supported permission.",
  },
  'invalid-scopes': {
    title: 'Invalid Scopes',
    text: 'Invalid Scopes: {list}. This message is only shown to developers. Users of your app will ignore these permissions if present. Please read the documentation for valid permissions at: https://developers.facebook.com/docs/facebook-login/permissions',
  },
  'embedded-browser': {
    title: 'Facebook',
    text: 'For your account security, logging in to Facebook from an embedded browser is disabled. To continue, download and log in to the Facebook app on your device and try again.',
  },
  // Login for Business (login-for-business.md §1, §3). Meta lists "Config ID is invalid" and a
  // system-user configuration "set up with incorrect response_type" as errors; the words on
  // screen are not confirmed. "config_id is required" is a third-party report [T].
  'config-invalid': {
    title: 'Error',
    text: 'Config ID is invalid. The configuration is not one of this app’s Facebook Login for Business configurations.',
  },
  'config-required': {
    title: 'Error',
    text: 'Invalid parameter: config_id is required.',
  },
  'wrong-response-type': {
    title: 'Error',
    text: 'This configuration is set up with incorrect response_type: system-user access tokens need response_type=code.',
  },
} as const

export type DialogPageName = keyof typeof DIALOG_PAGES
