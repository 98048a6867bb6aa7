import type { DialogPage } from '../../../preload/api'
import { PLACES } from './places'

/** How the login that met a refusal page asked, and where it returns: the same page then means other things. */
export interface DialogContext {
  /** True: the dialog was given a Login for Business configuration; false: a list of permissions. Absent: not known. */
  configUsed?: boolean
  /** 'browser': the web host's http://localhost redirect; 'window': the desktop window's login_success page. */
  host?: 'browser' | 'window'
}

interface Words {
  reason?: string
  fix?: string
  where?: string
  canPaste?: boolean
}

const CONFIG_HINT = 'enter the app’s Configuration ID in Token Desk (Settings > Your Meta app; it is under App Dashboard > Facebook Login for Business > Configurations)'

/**
 * The Login for Business readings of the classic refusal pages (login-for-business.md §1, §6,
 * graph-api-doctor.md §1.6). "It looks like this app isn't available" has two reported causes:
 * a Business app asked with `scope` instead of `config_id` (laravel/socialite#716,
 * capacitor-community/facebook-login#173), and a person without a role on the app
 * (facebook/facebook-ios-sdk#2454). Which comes first depends on how the login asked: without a
 * configuration the first is likelier, since a new Marketing API app gets Login for Business
 * automatically; with one, only the second is left.
 */
export function inContext(page: DialogPage, context: DialogContext): Words {
  const { configUsed, host } = context
  switch (page) {
    case 'not-available':
      if (configUsed === true) {
        return {
          reason: 'The Facebook account logging in most likely has no role on the app, and the configuration’s permissions lack Advanced access for people without one (a community diagnosis).',
          fix: 'Log in with an account that has a role on the app (App roles), or give this account a role. Serving people without a role needs Advanced access from App Review.',
        }
      }
      return {
        reason:
          'Two causes are reported, the likelier first. 1. The app is a Business app with Facebook Login for Business, and the login asked with a list of permissions instead of a configuration. 2. The Facebook account logging in has no role on the app, and the permissions lack Advanced access.',
        fix: `For the first, ${CONFIG_HINT}, and log in again. For the second, give this Facebook account a role on the app.`,
        where: PLACES.configurations,
      }
    case 'invalid-scopes':
      if (configUsed === true) return {}
      return {
        reason:
          'Facebook refused permissions it would normally know. A Business app with Facebook Login for Business refuses even public_profile and email when the login asks with a list of permissions; otherwise a permission is misspelled or not available to this app type.',
        fix: `If the app uses Facebook Login for Business, ${CONFIG_HINT}. Otherwise choose the token’s purpose again, so Token Desk asks only for permissions it knows.`,
        where: PLACES.configurations,
      }
    case 'url-blocked':
      return configUsed === true
        ? {
            fix: 'Facebook Login for Business keeps its own list: add the exact redirect address Token Desk uses to its Valid OAuth Redirect URIs (Strict Mode compares it whole, the port included), save, and log in again.',
            where: PLACES.businessRedirectUris,
          }
        : host === 'browser'
          ? { fix: 'Add the exact redirect address Token Desk uses to Valid OAuth Redirect URIs (Strict Mode compares it whole, the port included; with Facebook Login for Business, the list under its own Settings), save, and log in again.' }
          : {}
    case 'insecure-login':
      if (host !== 'browser') return configUsed === true ? { where: PLACES.businessEnforceHttps } : {}
      return {
        reason:
          'Facebook refused the http://localhost address the browser login returns to. Meta allows http://localhost only while an app is in development mode; whether a Business app accepts it is not confirmed.',
        fix: 'Paste a token instead (the steps are below), or use the desktop app, whose login returns to Facebook’s own https page.',
        where: configUsed === true ? PLACES.businessEnforceHttps : PLACES.enforceHttps,
      }
    case 'embedded-browser':
      return configUsed === true ? { where: PLACES.businessClientOAuth, fix: 'Paste a token from Graph API Explorer instead: the wizard shows the steps. In the App Dashboard, check that Embedded Browser OAuth Login is on under Facebook Login for Business > Settings.' } : {}
    default:
      return {}
  }
}
