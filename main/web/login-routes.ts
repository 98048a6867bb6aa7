import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from '../core/ports'
import type { LoginPopupHost } from './login-popups'
import { LOGIN_CALLBACK_PATH } from './login-popups'
import { CLOSE_SCRIPT, LOGIN_DONE_HTML, NOT_FOUND, NO_LOGIN_WAITING, POPUP_STYLE, popupPage } from './pages'
import { redirect, sendHtml, sendText, setSecurityHeaders } from './respond'

export const LOGIN_START_WAIT_MS = 10_000

export interface LoginRoutes {
  popups: LoginPopupHost
  log: Logger
  /** How long /login/start waits for the core to ask for a login. */
  startWaitMs: number
}

/** GET /login/*: the popup's start, the dialog's return, the closing page and its script. */
export async function handleLoginRoute(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  routes: LoginRoutes,
): Promise<void> {
  switch (pathname) {
    case '/login/start': {
      const answer = await routes.popups.claim(routes.startWaitMs)
      if (answer === null) return sendHtml(res, 404, popupPage('No login is waiting', NO_LOGIN_WAITING))
      // Facebook's refusal page is cross-origin: the popup shows its explanation instead.
      if (answer.kind === 'refused') return sendHtml(res, 200, popupPage('Facebook refused this login', answer.text))
      return redirect(res, 302, answer.url)
    }
    case LOGIN_CALLBACK_PATH: {
      // The host header was checked to be ours; the query is passed on whole, for the core to
      // check its state and read its code. It is never logged.
      const received = `http://${req.headers.host ?? ''}${req.url ?? ''}`
      if (!routes.popups.complete(received)) return sendHtml(res, 404, popupPage('No login is waiting', NO_LOGIN_WAITING))
      routes.log.info('the login popup came back')
      // A redirect takes the code out of the popup's address bar and history.
      return redirect(res, 303, '/login/done')
    }
    case '/login/done':
      return sendHtml(res, 200, LOGIN_DONE_HTML)
    case '/login/close.js':
      return sendAsset(res, 'text/javascript; charset=utf-8', CLOSE_SCRIPT)
    case '/login/page.css':
      return sendAsset(res, 'text/css; charset=utf-8', POPUP_STYLE)
    default:
      return sendText(res, 404, NOT_FOUND)
  }
}

/** A fixed script or style of the popup's pages, under the host's security headers. */
function sendAsset(res: ServerResponse, type: string, body: string): void {
  setSecurityHeaders(res)
  res.setHeader('Cache-Control', 'no-cache')
  res.setHeader('Content-Type', type)
  res.statusCode = 200
  res.end(body)
}
