import { createGraphClient, type GraphClient } from '../core/graph'
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
export function deadline(budgetMs: number, now: () => number = Date.now, baseFetch: typeof fetch = globalThis.fetch): Deadline {
  const ends = now() + budgetMs
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), budgetMs)
  timer.unref()
  const left = (): number => Math.max(0, ends - now())
  return {
    fetch: (input, init) => {
      if (controller.signal.aborted || left() === 0) return Promise.reject(new DOMException('The command ran out of time.', 'AbortError'))
      const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal
      return baseFetch(input, { ...init, signal })
    },
    sleep: (ms) =>
      new Promise((resolve) => {
        const wait = Math.min(ms, left())
        setTimeout(() => {
          // A wait cut short means the deadline came: nothing may start after it.
          if (wait < ms) controller.abort()
          resolve()
        }, wait)
      }),
    dispose: () => clearTimeout(timer),
  }
}

export function cliGraph(config: CliConfig, app: AppCredentials, log: Logger, limit: Deadline): GraphClient {
  return createGraphClient({
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
  })
}

/** The graph client, remembering the error behind a failed check so its exit code can be exact. */
export function recording(graph: GraphClient): { graph: GraphClient; lastError: () => unknown } {
  let last: unknown = null
  return {
    graph: {
      ...graph,
      debugTokens: async (tokens) => {
        try {
          return await graph.debugTokens(tokens)
        } catch (error) {
          last = error
          throw error
        }
      },
    },
    lastError: () => last,
  }
}
