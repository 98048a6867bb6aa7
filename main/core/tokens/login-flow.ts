import type { DialogPage } from '../../../preload/api'
import { dialogPageMessage } from '../doctor/dialog-pages'
import type { GraphClient, TokenGrant } from '../graph'
import { GraphError } from '../graph'
import type { Clock, LoginWindow, Logger } from '../ports'
import { dialogUrl } from './dialog-url'
import type { AuthType, LoginKind } from './login-kind'
import { newPendingLogin, type PendingLogins } from './pending-login'
import { parseRedirect } from './redirect'

export const LOGIN_TIMEOUT_MS = 10 * 60_000

export interface LoginRequest {
  redirectUri: string
  /** The classic dialog with its scopes, or a Login for Business configuration. */
  login: LoginKind
  authType?: AuthType
}

export type LoginResult =
  | { kind: 'token'; grant: TokenGrant; grantedScopes: string[] | null; deniedScopes: string[] | null }
  | { kind: 'cancelled'; message: string }
  /** `canPaste`: the embedded path is closed (blocked, or misconfigured); offer the paste path. `page`: Facebook's refusal page, recognised. */
  | { kind: 'failed'; message: string; canPaste: boolean; page?: DialogPage }

export interface LoginDeps {
  graph: GraphClient
  loginWindow: LoginWindow
  pending: PendingLogins
  clock: Clock
  log: Logger
  /** Whether this app honours PKCE: null until an exchange has told us. */
  pkce: { honoured(): boolean | null; remember(honoured: boolean): void }
}

/** One sign-in: dialog, redirect, exchange. The code and verifier never leave this function. */
export async function runLogin(deps: LoginDeps, request: LoginRequest): Promise<LoginResult> {
  const classic = request.login.kind === 'classic' ? request.login : null
  const login = newPendingLogin({
    redirectUri: request.redirectUri,
    scopes: classic ? [...classic.scopes] : [],
    // Never beside config_id: a verifier for a challenge the dialog dropped is refused (dialog-url.ts).
    usePkce: classic !== null && deps.pkce.honoured() !== false,
    now: deps.clock.now(),
  })
  deps.pending.add(login)
  const common = { redirectUri: request.redirectUri, state: login.state, ...(request.authType ? { authType: request.authType } : {}) }
  const url = dialogUrl(deps.graph, { ...common, login: request.login, ...(login.challenge ? { codeChallenge: login.challenge } : {}) })
  // What was asked, never the values: state and redirect stay out of the log.
  deps.log.info('login dialog opened', { kind: request.login.kind, parameters: [...new URL(url).searchParams.keys()].join(',') })
  const outcome = await deps.loginWindow.open({ url, redirectUri: request.redirectUri, timeoutMs: LOGIN_TIMEOUT_MS })
  if (outcome.kind !== 'redirect') {
    deps.pending.take(login.state)
    if (outcome.kind === 'cancelled') return { kind: 'cancelled', message: 'The Facebook login was closed before it finished.' }
    if (outcome.kind === 'timeout') return { kind: 'failed', message: 'The Facebook login was not finished within 10 minutes.', canPaste: false }
    if (outcome.page) return { kind: 'failed', message: dialogPageMessage(outcome.page, { configUsed: request.login.kind === 'business' }), canPaste: true, page: outcome.page }
    return { kind: 'failed', message: outcome.message, canPaste: true }
  }

  const parsed = parseRedirect(outcome.url, request.redirectUri, deps.pending)
  // The attempt is over whatever the answer: never leave its state usable.
  deps.pending.take(login.state)
  switch (parsed.kind) {
    case 'cancelled':
      return { kind: 'cancelled', message: parsed.reason }
    case 'error':
      return { kind: 'failed', message: parsed.message, canPaste: false }
    case 'token': {
      const now = deps.clock.now()
      const grant: TokenGrant = {
        token: parsed.token,
        expiresIn: parsed.expiresIn,
        expiresAt: parsed.expiresIn === null ? null : now + parsed.expiresIn * 1000,
        type: 'bearer',
      }
      return { kind: 'token', grant, grantedScopes: parsed.grantedScopes, deniedScopes: parsed.deniedScopes }
    }
    case 'code':
      return exchange(deps, parsed.code, request.redirectUri, parsed.login.verifier, parsed.grantedScopes, parsed.deniedScopes)
  }
}

async function exchange(
  deps: LoginDeps,
  code: string,
  redirectUri: string,
  verifier: string | null,
  grantedScopes: string[] | null,
  deniedScopes: string[] | null,
): Promise<LoginResult> {
  try {
    const grant = await deps.graph.exchangeCode({ code, redirectUri, ...(verifier ? { codeVerifier: verifier } : {}) })
    if (verifier) deps.pkce.remember(true)
    return { kind: 'token', grant, grantedScopes, deniedScopes }
  } catch (error) {
    if (verifier && error instanceof GraphError && error.detail === 'pkce-without-challenge') {
      // This app's dialog ignored the challenge (graph-api.md §1.6): the code is still good without it.
      deps.log.info('the app does not honour PKCE; exchanging without the verifier')
      deps.pkce.remember(false)
      return exchange(deps, code, redirectUri, null, grantedScopes, deniedScopes)
    }
    if (error instanceof GraphError) {
      const canPaste = error.kind === 'configuration'
      return { kind: 'failed', message: `${error.message} ${error.action}`, canPaste }
    }
    throw error
  }
}
