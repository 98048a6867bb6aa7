import type { SandboxContext } from './context'
import { errorPage } from './consent-page'
import { DIALOG_PAGES, type DialogPageName } from './dialog-pages'
import type { Reply } from './errors'
import { htmlHeaders } from './html'

/** The login dialog's answers: pages, Facebook's refusals and the redirect back to the app. */

export const page = (status: number, body: string, formTargets: string[] = []): Reply => ({ status, headers: htmlHeaders(formTargets), body })
export const refuse = (title: string, message: string): Reply => page(400, errorPage(title, message))
/**
 * Facebook's own refusal pages (graph-api-doctor.md §1.6), word for word. Their HTTP status is
 * not confirmed: the sandbox answers 400, and a client reads the page, never the status.
 */
export const facebookRefusal = (name: DialogPageName): Reply => refuse(DIALOG_PAGES[name].title, DIALOG_PAGES[name].text)

export function invalidScopes(invalid: string[]): Reply {
  const { title, text } = DIALOG_PAGES['invalid-scopes']
  return refuse(title, text.replace('{list}', invalid.join(', ')))
}

/** "Blank due to the absence of config_id" (simi/omniauth-facebook#386): a page with no words at all, 200 like a real one. */
export const blankPage = (): Reply => page(200, '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"></head><body></body></html>\n')

export function redirect(ctx: SandboxContext, base: string, fragment: boolean, fields: [string, string][]): Reply {
  const encoded = new URLSearchParams(fields).toString()
  let location: string
  if (fragment) location = `${base}#${encoded}`
  else {
    location = `${base}${base.includes('?') ? '&' : '?'}${encoded}`
    // Real code-flow redirects end in `#_=_` (§1.2); clients must ignore it.
    if (ctx.state.behaviour.appendHashUnderscore) location += '#_=_'
  }
  return { status: 302, headers: { location, 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' }, body: '' }
}

/** The denial redirect (graph-api.md §1.3), with the observed error_code and the state. */
export function denied(ctx: SandboxContext, redirectUri: string, fragment: boolean, state: string | null): Reply {
  return redirect(ctx, redirectUri, fragment, [
    ['error', 'access_denied'],
    ['error_code', '200'],
    ['error_description', 'Permissions error'],
    ['error_reason', 'user_denied'],
    ...(state === null ? [] : [['state', state] as [string, string]]),
  ])
}
