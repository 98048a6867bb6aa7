import type { Clock, Logger, Random, Sleep } from '../ports'
import { realSleep, systemClock } from '../ports'
import { silentLogger } from '../log'
import { DEFAULT_API_VERSION } from '../../../preload/versions'

export { DEFAULT_API_VERSION }
export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com'
export const DEFAULT_WWW_URL = 'https://www.facebook.com'

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number
  /** Backoff base: the first retry waits up to this long. */
  baseMs: number
  /** No single backoff wait is drawn above this (a Retry-After floor may still exceed it). */
  capMs: number
  /** Wall time from the first attempt after which no new attempt starts. */
  maxTotalMs: number
}

export interface GraphConfig {
  graphUrl?: string
  wwwUrl?: string
  apiVersion?: string
  appId: string
  appSecret: string
  /** Native/Desktop apps refuse calls signed with an app token (graph-api.md §1.5). */
  appType?: 'web' | 'native-desktop'
  /** A token of an admin or developer of the app, for debug_token when the app token is refused. */
  adminUserToken?: () => string | undefined
  fetch?: typeof fetch
  clock?: Clock
  sleep?: Sleep
  random?: Random
  retry?: Partial<RetryOptions>
  requestTimeoutMs?: number
  log?: Logger
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 4, baseMs: 1000, capMs: 8000, maxTotalMs: 25_000 }
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000

export interface ResolvedConfig {
  graphUrl: string
  wwwUrl: string
  apiVersion: string
  appId: string
  appSecret: string
  appType: 'web' | 'native-desktop'
  adminUserToken: () => string | undefined
  fetch: typeof fetch
  clock: Clock
  sleep: Sleep
  random: Random
  retry: RetryOptions
  requestTimeoutMs: number
  log: Logger
}

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '')

export function resolveConfig(config: GraphConfig): ResolvedConfig {
  const apiVersion = config.apiVersion ?? DEFAULT_API_VERSION
  // A malformed version makes Graph answer "Unknown path components" (§14): refuse it up front.
  if (!/^v\d{1,3}\.\d$/.test(apiVersion)) throw new Error(`Not an API version: ${apiVersion}`)
  return {
    graphUrl: withoutTrailingSlash(config.graphUrl ?? DEFAULT_GRAPH_URL),
    wwwUrl: withoutTrailingSlash(config.wwwUrl ?? DEFAULT_WWW_URL),
    apiVersion,
    appId: config.appId,
    appSecret: config.appSecret,
    appType: config.appType ?? 'web',
    adminUserToken: config.adminUserToken ?? (() => undefined),
    fetch: config.fetch ?? globalThis.fetch.bind(globalThis),
    clock: config.clock ?? systemClock,
    sleep: config.sleep ?? realSleep,
    random: config.random ?? Math.random,
    retry: { ...DEFAULT_RETRY, ...config.retry },
    requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    log: config.log ?? silentLogger,
  }
}
