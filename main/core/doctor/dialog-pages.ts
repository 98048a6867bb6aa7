import type { DialogExplanation, DialogPage } from '../../../preload/api'
import { inContext, type DialogContext } from './business-pages'
import { PLACES } from './places'

export type { DialogContext } from './business-pages'

/**
 * What a login window saw: its address, its title, and any text it could read. The desktop
 * window reads no page text (it never injects script): it feeds the title, the address and the
 * phrases it found with the browser's find-in-page. The web host feeds a page it fetched itself.
 */
export interface DialogObservation {
  url?: string
  title?: string
  text?: string
}

interface PageRule {
  page: DialogPage
  /** A phrase of Facebook's page without quote marks, for windows that can only search the page for it. */
  probe: string
  /** More words of the page (graph-api-doctor.md §1.6); the probe or any one of these identifies it. */
  phrases: readonly string[]
  /** Facebook's title for it. */
  shown: string
  reason: string
  fix: string
  where: string
  canPaste: boolean
}

/**
 * Longest, most specific phrases first within each page; the pages in the order the dialog
 * checks them, so a page that quotes another's words cannot be mistaken for it.
 */
const RULES: readonly PageRule[] = [
  {
    page: 'embedded-browser',
    probe: 'from an embedded browser is disabled',
    phrases: ['logging in to facebook from an embedded browser is disabled', 'logging into facebook from an embedded browser is disabled'],
    shown: 'Embedded browser blocked',
    reason: 'Facebook refuses logins from a window inside another app (an “embedded browser”) for this account.',
    fix: 'Paste a token from Graph API Explorer instead: the wizard shows the steps. In the App Dashboard, check that Embedded browser OAuth login is on.',
    where: PLACES.clientOAuth,
    canPaste: true,
  },
  {
    page: 'url-blocked',
    probe: 'redirect URI is not whitelisted',
    phrases: ['url blocked: this redirect failed', 'this redirect failed because the redirect uri'],
    shown: 'URL Blocked',
    reason: 'Facebook refused to send the login back to Token Desk: the redirect address is not on the app’s list of Valid OAuth Redirect URIs (Facebook compares the whole address, exactly).',
    fix: 'Add the exact redirect address Token Desk uses to Valid OAuth Redirect URIs, check that Client OAuth login and Web OAuth login are on, save, and log in again.',
    where: PLACES.redirectUris,
    canPaste: true,
  },
  {
    page: 'cant-load-url',
    probe: 'App Domains field in your app settings',
    phrases: ["the domain of this url isn't included in the app's domains", "can't load url"],
    shown: "Can't load URL",
    reason: 'The redirect address’s domain is not one of the app’s App domains.',
    fix: 'Add the domain of the redirect address (and its subdomains) to App domains, save, and log in again.',
    where: PLACES.appDomains,
    canPaste: true,
  },
  {
    page: 'insecure-login',
    probe: 'Insecure Login Blocked',
    phrases: ["you can't get an access token or log in to this app from an insecure page"],
    shown: 'Insecure Login Blocked',
    reason: 'The redirect address starts with http:// and the app has Enforce HTTPS on, so Facebook refuses it.',
    fix: 'Use an https:// redirect address (the default https://www.facebook.com/connect/login_success.html works for the desktop app), or the paste path.',
    where: PLACES.enforceHttps,
    canPaste: true,
  },
  {
    page: 'app-not-setup',
    probe: 'still in development mode',
    phrases: ['app not setup', 'your app is not configured'],
    shown: 'App Not Setup',
    reason: 'The app is in Development mode and the person logging in has no role on it, so Facebook does not let them in.',
    fix: 'Ask an app admin to add this Facebook account under App roles (as an administrator, developer or tester), or switch the app to Live.',
    where: PLACES.roles,
    canPaste: false,
  },
  {
    page: 'app-not-active',
    probe: 'App not active',
    phrases: ['this app is not accessible right now', 'this app is not currently accessible'],
    shown: 'App not active',
    reason: 'Facebook is not letting anyone log in to this app now. Reported causes: the app is in Development mode for someone without a role, or the app is restricted or inactive (unused for 90 days).',
    fix: 'Open the app in the App Dashboard: resolve any alert it shows, reactivate it if it is inactive, check that your account has a role, or switch it to Live.',
    where: PLACES.appDashboardAlerts,
    canPaste: false,
  },
  {
    page: 'feature-unavailable',
    probe: 'Facebook Login is currently unavailable for this app',
    phrases: ['feature unavailable: facebook login'],
    shown: 'Feature Unavailable',
    reason: 'Facebook has paused Facebook Login for this app while it updates the app’s details. People reported it fixed by completing Data Use Checkup or Business Verification, or by requesting the missing permissions in App Review.',
    fix: 'Open the app in the App Dashboard and complete what its alerts ask for (Data Use Checkup, Business Verification, App Review), then try again.',
    where: PLACES.appDashboardAlerts,
    canPaste: false,
  },
  {
    page: 'not-available',
    probe: 'needs at least one supported permission',
    phrases: ["it looks like this app isn't available"],
    shown: "App isn't available",
    reason: 'None of the permissions asked for is available to this person: they have no role on the app and the app is not approved (Advanced access) for them.',
    fix: 'Give this Facebook account a role on the app, or get the permissions approved in App Review.',
    where: PLACES.roles,
    canPaste: false,
  },
  {
    page: 'invalid-scopes',
    probe: 'Invalid Scopes',
    phrases: ['this message is only shown to developers'],
    shown: 'Invalid Scopes',
    reason: 'The login asked for a permission that does not exist or that this type of app cannot ask for.',
    fix: 'Choose the token’s purpose again so Token Desk asks only for permissions it knows, or remove the permission named on Facebook’s page.',
    where: PLACES.appReview,
    canPaste: true,
  },
  // Login for Business (login-for-business.md §1, §3): Meta lists these errors; the words on screen are not confirmed.
  {
    page: 'config-invalid',
    probe: 'Config ID is invalid',
    phrases: ['invalid config id', 'configuration id is invalid'],
    shown: 'Config ID is invalid',
    reason: 'Facebook does not know the Configuration ID the login sent for this app: it is mistyped, belongs to another app, or the configuration was deleted.',
    fix: 'Copy the Configuration ID again from the app’s Configurations page and enter it in Token Desk under Settings > Your Meta app.',
    where: PLACES.configurations,
    canPaste: true,
  },
  {
    page: 'config-required',
    probe: 'config_id is required',
    phrases: ['invalid parameter: config_id'],
    shown: 'config_id is required',
    reason: 'The app uses Facebook Login for Business, whose login asks for a configuration, and the login sent none (or one Facebook does not know).',
    fix: 'Create a configuration (Configurations > Create configuration, or Create from template), then enter its Configuration ID in Token Desk under Settings > Your Meta app.',
    where: PLACES.configurations,
    canPaste: true,
  },
  {
    page: 'wrong-response-type',
    probe: 'incorrect response_type',
    phrases: ['set up with incorrect response_type'],
    shown: 'Incorrect response type',
    reason: 'The configuration makes system-user access tokens, which Facebook gives only through an authorization code (response_type=code), and the login asked for a token directly.',
    fix: 'Log in again from Token Desk: with a configuration it always asks for a code. If another tool started this login, make it send response_type=code.',
    where: PLACES.configurations,
    canPaste: true,
  },
]

/**
 * A blank page has no words to recognise it by: only a window that reads the whole page (the
 * doctor's look at the dialog, the web host's) can tell it apart. Reported for Business apps
 * given no `config_id`, and after a rollback from Login for Business (login-for-business.md §1).
 */
const BLANK: Omit<PageRule, 'probe' | 'phrases'> = {
  page: 'blank',
  shown: 'A blank login page',
  reason: 'Facebook’s login page came back empty. That is reported for Business apps whose login asks with a list of permissions instead of a configuration, and for apps that rolled back from Facebook Login for Business but still get one.',
  fix: 'If the app uses Facebook Login for Business, enter its Configuration ID in Token Desk (Settings > Your Meta app); if it rolled back to Facebook Login, clear the Configuration ID.',
  where: PLACES.configurations,
  canPaste: true,
}

/** Lower case, curly quotes made straight, runs of space made one. */
function normal(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ')
}

/** Facebook's refusal for embedded browsers, told by its address alone (the window's did-navigate). */
const EMBEDDED_PATH = /unsupported_?browser|embedded_?browser/i
const FACEBOOK_HOSTS = new Set(['www.facebook.com', 'facebook.com', 'm.facebook.com', 'web.facebook.com'])

/** Pure: which refusal page this is, from whatever the window could see; null when none. */
export function recogniseDialogPage(seen: DialogObservation): DialogPage | null {
  const haystack = normal(`${seen.title ?? ''}\n${seen.text ?? ''}`)
  for (const rule of RULES) if ([rule.probe, ...rule.phrases].some((p) => haystack.includes(normal(p)))) return rule.page
  if (seen.title && /embedded browser/i.test(seen.title)) return 'embedded-browser'
  if (seen.url) {
    try {
      const url = new URL(seen.url)
      if (FACEBOOK_HOSTS.has(url.hostname) && EMBEDDED_PATH.test(url.pathname)) return 'embedded-browser'
    } catch {
      // Not an address: nothing to recognise in it.
    }
  }
  return null
}

/** The refusals that are about the redirect address: their fix names the one the login used. */
const ABOUT_REDIRECT = new Set<DialogPage>(['url-blocked', 'cant-load-url', 'insecure-login'])

/**
 * What a refusal page means, with its fix. `context` says how the login asked (a configuration
 * or a scope list) and where it returns (a browser's loopback address or the desktop window):
 * the same page then has other likely causes and is fixed in another place (business-pages.ts).
 */
export function explainDialogPage(page: DialogPage, redirectUri: string | null = null, context: DialogContext = {}): DialogExplanation {
  const base = page === 'blank' ? BLANK : RULES.find((r) => r.page === page)!
  const rule = { ...base, ...inContext(page, context) }
  const about = redirectUri !== null && ABOUT_REDIRECT.has(page)
  const fix = about ? `${rule.fix} Token Desk logs in with ${redirectUri}` : rule.fix
  return { page, shown: rule.shown, reason: rule.reason, fix: about && !/[.!?]$/.test(fix) ? `${fix}.` : fix, where: rule.where, canPaste: rule.canPaste, redirectUri: about ? redirectUri : null }
}

/** The phrases a window without access to the page's text can look for (Electron's findInPage). */
export const DIALOG_PAGE_PHRASES: readonly string[] = RULES.map((r) => r.probe)

/** One sentence for a log or a notice: what Facebook showed and the fix. */
export function dialogPageMessage(page: DialogPage, context: DialogContext = {}): string {
  const e = explainDialogPage(page, null, context)
  return `Facebook showed “${e.shown}”. ${e.reason} ${e.fix}`
}
