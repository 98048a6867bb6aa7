import type { LogLevel } from '../core/ports'
import { registerSecret } from '../core/redact'
import { envValue, resolveHome, type Env } from '../core/home'
import { badProxyVariable } from '../core/net/proxy'
import { UsageError } from './errors'
import { DEFAULT_API_VERSION } from '../../preload/versions'

export type { Env }

/** Everything the environment says, checked once. Secrets are registered with the redactor here. */
export interface CliConfig {
  appId: string | null
  appSecret: string | null
  graphUrl: string | undefined
  wwwUrl: string | undefined
  apiVersion: string | undefined
  home: string
  passphrase: string | null
  /** Wall time one command may spend on Graph, retries included. */
  budgetMs: number
  /** False keeps the vault key away from the OS keyring (tests, servers without a desktop). */
  useKeyring: boolean
  logLevel: LogLevel
}

export interface AppCredentials {
  appId: string
  appSecret: string
}

export const DEFAULT_BUDGET_MS = 25_000
const MAX_BUDGET_MS = 120_000
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']

function webUrl(env: Env, name: string): string | undefined {
  const raw = envValue(env, name)
  if (raw === undefined) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UsageError(`${name} is not a URL.`, 'configuration')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${name} must be an http or https URL.`, 'configuration')
  return raw
}

function budget(env: Env): number {
  const raw = envValue(env, 'TOKEN_DESK_RETRY_MAX_MS')
  if (raw === undefined) return DEFAULT_BUDGET_MS
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > MAX_BUDGET_MS) throw new UsageError(`TOKEN_DESK_RETRY_MAX_MS must be a whole number of milliseconds from 1 to ${MAX_BUDGET_MS}.`, 'configuration')
  return n
}

export function readConfig(env: Env, platform: NodeJS.Platform = process.platform): CliConfig {
  const appSecret = envValue(env, 'TOKEN_DESK_APP_SECRET') ?? null
  // The passphrase is taken as typed: spaces may be part of it.
  const passphrase = env.TOKEN_DESK_PASSPHRASE ? env.TOKEN_DESK_PASSPHRASE : null
  registerSecret(appSecret)
  registerSecret(passphrase)
  const apiVersion = envValue(env, 'TOKEN_DESK_API_VERSION')
  // A malformed version makes Graph answer "unknown path": say which setting is wrong instead.
  if (apiVersion !== undefined && !/^v\d{1,3}\.\d$/.test(apiVersion)) {
    throw new UsageError(`TOKEN_DESK_API_VERSION must look like ${DEFAULT_API_VERSION}.`, 'configuration')
  }
  const proxyProblem = badProxyVariable(env)
  if (proxyProblem) throw new UsageError(proxyProblem, 'configuration')
  const logLevel = (envValue(env, 'TOKEN_DESK_LOG') ?? 'error') as LogLevel
  if (!LOG_LEVELS.includes(logLevel)) throw new UsageError(`TOKEN_DESK_LOG must be one of ${LOG_LEVELS.join(', ')}.`, 'configuration')
  return {
    appId: envValue(env, 'TOKEN_DESK_APP_ID') ?? null,
    appSecret,
    graphUrl: webUrl(env, 'TOKEN_DESK_GRAPH_URL'),
    wwwUrl: webUrl(env, 'TOKEN_DESK_WWW_URL'),
    apiVersion,
    home: resolveHome(env, platform),
    passphrase,
    budgetMs: budget(env),
    useKeyring: envValue(env, 'TOKEN_DESK_KEYRING') !== 'off',
    logLevel,
  }
}

/** The app id and secret, or a usage error naming every variable that is missing. */
export function requireApp(config: CliConfig): AppCredentials {
  const missing = [config.appId ? null : 'TOKEN_DESK_APP_ID', config.appSecret ? null : 'TOKEN_DESK_APP_SECRET'].filter((m) => m !== null)
  if (missing.length > 0 || !config.appId || !config.appSecret) {
    const names = missing.join(' and ')
    throw new UsageError(
      `${names} ${missing.length > 1 ? 'are' : 'is'} not set. Set the App ID and App Secret of your Meta app (app dashboard, Settings > Basic) in the environment.`,
      'missing-configuration',
    )
  }
  return { appId: config.appId, appSecret: config.appSecret }
}
