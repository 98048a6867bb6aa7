/** The web host: the renderer and the bridge over HTTP on 127.0.0.1, for `token-desk serve`. */
export type { CoreFactory, WebHost, WebHostOptions } from './host'
export { startWebHost } from './host'
export type { LoginPopupHost, PopupAnswer, WebLoginWindow, WebLoginWindowOptions } from './login-popups'
export { LOGIN_CALLBACK_PATH, createWebLoginWindow, refusalText, webLoginRedirectUri } from './login-popups'
export { RENDERER_CSP } from './csp'
