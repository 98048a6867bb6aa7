import type { LogLevel } from '../core/ports'
import { registerSecret } from '../core/redact'
import { envValue, resolveHome, type Env } from '../core/home'
import { badProxyVariable } from '../core/net/proxy'
import { UsageError } from './errors'
import { logLevelOf } from './log-level'
import { DEFAULT_API_VERSION } from '../../preload/versions'
import { schemas } from '../../preload/api'
import { CONFIG_ID } from '../core/tokens/login-kind'

export type { Env }

/** Everything the environment says, checked once. Secrets are registered with the redactor here. */
export interface CliConfig {
  appId: string | null
  appSecret: string | null
  graphUrl: string | undefined
  wwwUrl: string | undefined
  apiVersion: string | undefined
  /** TOKEN_DESK_CONFIG_ID: the app's Facebook Login for Business configuration, for the doctor's look at the login. */
  configId: string | null
  home: string
  passphrase: string | null
  /** Wall time one command may spend on Graph, retries included. */
  budgetMs: number
  /** False keeps the vault key away from the OS keyring (tests, servers without a desktop). */
  useKeyring: boolean
  /** What TOKEN_DESK_LOG (or, once parsed, --log-level) asks for; null: each face's own default. */
  logLevel: LogLevel | null
  /** TOKEN_DESK_COMMAND_TIMEOUT_MS: how long a delivery or alert command may run (default 60 s). */
  commandTimeoutMs: number | null
}

export interface AppCredentials {
  appId: string
  appSecret: string
}

export const DEFAULT_BUDGET_MS = 25_000
const MAX_BUDGET_MS = 120_000

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

function commandTimeout(env: Env): number | null {
  const raw = envValue(env, 'TOKEN_DESK_COMMAND_TIMEOUT_MS')
  if (raw === undefined) return null
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 100 || n > 3_600_000) throw new UsageError('TOKEN_DESK_COMMAND_TIMEOUT_MS must be a whole number of milliseconds from 100 to 3600000.', 'configuration')
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
  const asked = envValue(env, 'TOKEN_DESK_LOG')
  const logLevel = asked === undefined ? null : logLevelOf(asked, 'TOKEN_DESK_LOG')
  const configId = envValue(env, 'TOKEN_DESK_CONFIG_ID') ?? null
  if (configId !== null && !CONFIG_ID.test(configId)) {
    throw new UsageError('TOKEN_DESK_CONFIG_ID must be a Configuration ID: the number under the configuration in App Dashboard > Facebook Login for Business > Configurations.', 'configuration')
  }
  return {
    appId: envValue(env, 'TOKEN_DESK_APP_ID') ?? null,
    appSecret,
    graphUrl: webUrl(env, 'TOKEN_DESK_GRAPH_URL'),
    wwwUrl: webUrl(env, 'TOKEN_DESK_WWW_URL'),
    apiVersion,
    configId,
    home: resolveHome(env, platform),
    passphrase,
    budgetMs: budget(env),
    useKeyring: envValue(env, 'TOKEN_DESK_KEYRING') !== 'off',
    logLevel,
    commandTimeoutMs: commandTimeout(env),
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
  // The window's own rule (the contract's configureApp schema), so a secret it would refuse is
  // refused here too, before anything is sent to Facebook. The value itself is never repeated.
  const { appId, appSecret } = schemas.configureApp.shape
  if (!appId.safeParse(config.appId).success) {
    throw new UsageError('TOKEN_DESK_APP_ID is not an App ID: it is the number at the top of your app in the App Dashboard, digits only. Nothing was sent to Facebook.', 'app-id-format')
  }
  if (!appSecret.safeParse(config.appSecret).success) {
    throw new UsageError(
      'TOKEN_DESK_APP_SECRET is not an App Secret: an App Secret is 32 characters, 0-9 and a-f. Press Show next to it in the App Dashboard (App settings > Basic) and copy it whole. Nothing was sent to Facebook.',
      'app-secret-format',
    )
  }
  return { appId: config.appId, appSecret: config.appSecret }
}
