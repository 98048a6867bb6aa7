import { createGraphClient, GraphError, type GraphClient, type GraphErrorInfo } from '../core/graph'
import type { Logger, Sleep } from '../core/ports'
import type { AppCredentials, CliConfig } from './config'

const REQUEST_TIMEOUT_MS = 10_000

export interface Deadline {
  fetch: typeof fetch
  sleep: Sleep
  /** Lets the process end at once when the command is done early. */
  dispose(): void
}

/**
 * One budget for the whole command. The Graph client bounds each call's retries, but a command
 * makes several calls; this bounds their sum, so a script under cron never waits longer.
 * Requests still open at the deadline are aborted (the client reports a timeout) and waits
 * between retries are cut short.
 */
export function deadline(budgetMs: number, now: () => number = Date.now): Deadline {
  const ends = now() + budgetMs
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), budgetMs)
  timer.unref()
  const left = (): number => Math.max(0, ends - now())
  return {
    fetch: (input, init) => {
      if (controller.signal.aborted) return Promise.reject(new DOMException('The command ran out of time.', 'AbortError'))
      const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal
      return globalThis.fetch(input, { ...init, signal })
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, left()))),
    dispose: () => clearTimeout(timer),
  }
}

/**
 * debug_token answers about the *input* token with HTTP 200 (is_valid:false); a thrown 190 is
 * about the *caller*, the `{app-id}|{secret}` app token. Without this, a wrong App Secret would
 * read as "your token is invalid" (exit 1) instead of a configuration error (exit 2).
 */
export function appTokenRefusal(error: unknown): unknown {
  if (!(error instanceof GraphError) || error.kind !== 'token-dead') return error
  const unknownApp = /application/i.test(error.graphMessage ?? '')
  const info: GraphErrorInfo = {
    kind: 'configuration',
    detail: unknownApp ? 'unknown-app' : 'wrong-secret',
    code: error.code,
    subcode: error.subcode,
    httpStatus: error.httpStatus,
    isTransient: false,
    message: unknownApp
      ? 'Facebook does not recognise the app of TOKEN_DESK_APP_ID.'
      : 'Facebook rejected the app token made from TOKEN_DESK_APP_ID and TOKEN_DESK_APP_SECRET: the App Secret does not belong to that app.',
    action: 'Copy the App ID and App Secret again from the app dashboard (Settings > Basic).',
  }
  return new GraphError(info, error.operation)
}

function checkingAppToken(graph: GraphClient): GraphClient {
  return {
    ...graph,
    debugToken: async (token) => {
      try {
        return await graph.debugToken(token)
      } catch (error) {
        throw appTokenRefusal(error)
      }
    },
    debugTokens: async (tokens) => {
      try {
        return await graph.debugTokens(tokens)
      } catch (error) {
        throw appTokenRefusal(error)
      }
    },
  }
}

export function cliGraph(config: CliConfig, app: AppCredentials, log: Logger, limit: Deadline): GraphClient {
  return checkingAppToken(createGraphClient({
    appId: app.appId,
    appSecret: app.appSecret,
    ...(config.graphUrl ? { graphUrl: config.graphUrl } : {}),
    ...(config.wwwUrl ? { wwwUrl: config.wwwUrl } : {}),
    ...(config.apiVersion ? { apiVersion: config.apiVersion } : {}),
    retry: { maxTotalMs: config.budgetMs },
    requestTimeoutMs: Math.min(REQUEST_TIMEOUT_MS, config.budgetMs),
    fetch: limit.fetch,
    sleep: limit.sleep,
    log,
  }))
}
