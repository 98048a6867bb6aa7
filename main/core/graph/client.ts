import { registerSecret } from '../redact'
import type { BatchItem, BatchOptions, BatchResult } from './batch'
import { runBatch } from './batch'
import type { GraphConfig } from './config'
import { resolveConfig } from './config'
import type { DebugOutcome, TokenDebugInfo } from './debug-token'
import { createDebugToken } from './debug-token'
import type { AdAccount, Me, PageAccount, PermissionEntry } from './endpoints'
import { createEndpoints } from './endpoints'
import type { AppPermissionRow, AppRoleRow } from './app-endpoints'
import { createAppEndpoints } from './app-endpoints'
import type { AssetRef, Business, PageNode } from './asset-endpoints'
import { createAssetEndpoints } from './asset-endpoints'
import { createTransport } from './http'
import type { ExchangeCodeOptions, TokenGrant } from './oauth'
import { appTokenLiteral, createOAuth } from './oauth'
import type { MintOptions, SystemUserRow } from './system-users'
import { createSystemUserEndpoints } from './system-users'
import type { Usage } from './usage'
import { parseUsage } from './usage'
import type { VersionSeen, VersionsSeen } from './version-seen'
import { versionSeen } from './version-seen'

export interface GraphClient {
  readonly apiVersion: string
  readonly graphUrl: string
  readonly wwwUrl: string
  /** Whose calls these are: the login dialog (tokens/dialog-url.ts) is built for this app. */
  readonly appId: string
  exchangeCode(options: ExchangeCodeOptions): Promise<TokenGrant>
  exchangeForLongLived(userToken: string): Promise<TokenGrant>
  appToken(): Promise<TokenGrant>
  appTokenLiteral(): string
  debugToken(inputToken: string): Promise<TokenDebugInfo>
  debugTokens(inputTokens: readonly string[]): Promise<DebugOutcome[]>
  me(token: string, fields?: readonly string[]): Promise<Me>
  accounts(userToken: string, fields?: string): Promise<PageAccount[]>
  pageToken(pageId: string, userToken: string): Promise<{ id: string; accessToken: string }>
  permissions(token: string, userId?: string): Promise<PermissionEntry[]>
  revokePermission(token: string, permission?: string, userId?: string): Promise<boolean>
  adAccounts(token: string, userId?: string): Promise<AdAccount[]>
  batch(items: readonly BatchItem[], options: BatchOptions): Promise<BatchResult[]>
  /** The Application node, read with the app token (graph-api-doctor.md §1.1). */
  appNode(fields: readonly string[]): Promise<Record<string, unknown>>
  appRoles(): Promise<AppRoleRow[]>
  appPermissions(): Promise<AppPermissionRow[]>
  /** `GET /me` with no appsecret_proof: the "Require App Secret" probe. Throws what Graph answered. */
  callWithoutProof(userToken: string): Promise<void>
  /** The businesses the person of a user token belongs to (needs business_management). */
  businesses(userToken: string): Promise<Business[]>
  businessPages(token: string, businessId: string, edge: 'owned_pages' | 'client_pages'): Promise<AssetRef[]>
  businessAdAccounts(token: string, businessId: string, edge: 'owned_ad_accounts' | 'client_ad_accounts'): Promise<AdAccount[]>
  /** A Page by id with the person's tasks on it (null when none). */
  pageNode(token: string, pageId: string): Promise<PageNode>
  pagePublic(token: string, pageId: string): Promise<AssetRef>
  adAccountNode(token: string, accountId: string): Promise<AdAccount>
  systemUsers(token: string, businessId: string): Promise<SystemUserRow[]>
  installApp(token: string, systemUserId: string): Promise<boolean>
  mintSystemUserToken(token: string, systemUserId: string, options: MintOptions): Promise<string>
  revokeSystemUserTokens(token: string, systemUserId: string): Promise<boolean>
  /** The latest usage figures any response carried, or undefined before the first. */
  usage(): Usage | undefined
  /** Called with every new usage snapshot; returns the unsubscribe. */
  onUsage(listener: (usage: Usage) => void): () => void
  /** The version headers of the latest answer, and of the latest ads call. */
  versions(): VersionsSeen
  /** Called with the version headers of every answer that carried them; returns the unsubscribe. */
  onVersion(listener: (seen: VersionSeen) => void): () => void
}

export function createGraphClient(graphConfig: GraphConfig): GraphClient {
  const config = resolveConfig(graphConfig)
  registerSecret(config.appSecret)
  let latest: Usage | undefined
  const listeners = new Set<(usage: Usage) => void>()
  const seen: VersionsSeen = {}
  const versionListeners = new Set<(seen: VersionSeen) => void>()
  const transport = createTransport(config, (headers, url) => {
    const version = versionSeen(headers, url, config.clock.now())
    if (version) {
      seen.graph = version
      if (version.adsCall) seen.ads = version
      for (const listener of versionListeners) {
        try {
          listener(version)
        } catch (error) {
          config.log.warn('version listener failed', { error })
        }
      }
    }
    const usage = parseUsage(headers)
    if (!usage) return
    latest = usage
    for (const listener of listeners) {
      try {
        listener(usage)
      } catch (error) {
        config.log.warn('usage listener failed', { error })
      }
    }
  })
  const oauth = createOAuth(config, transport)
  const checks = createDebugToken(config, transport)
  const endpoints = createEndpoints(transport)

  return {
    apiVersion: config.apiVersion,
    graphUrl: config.graphUrl,
    wwwUrl: config.wwwUrl,
    appId: config.appId,
    ...oauth,
    appTokenLiteral: () => appTokenLiteral(config),
    ...checks,
    ...endpoints,
    ...createAppEndpoints(config, transport),
    ...createAssetEndpoints(transport),
    ...createSystemUserEndpoints(transport, config),
    batch: (items, options) => runBatch(transport, config, items, options),
    usage: () => latest,
    onUsage: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    versions: () => ({ ...seen }),
    onVersion: (listener) => {
      versionListeners.add(listener)
      return () => versionListeners.delete(listener)
    },
  }
}
