import { clientErrorInfo } from './classify'
import type { ResolvedConfig } from './config'
import { GraphError } from './errors'
import type { Transport } from './http'
import { collectPages } from './paging'
import { path, rows, text, type Row } from './rows'

export interface SystemUserRow {
  id: string
  name: string
  /** `ADMIN` or `EMPLOYEE` in every answer documented; kept open for new values. */
  role: string
}

export interface MintOptions {
  scopes: readonly string[]
  /** `set_token_expires_in_60_days`: otherwise the token never expires (graph-api.md §11). */
  expiresIn60Days: boolean
}

/** Boolean actions answer a bare `true`, or `{"success":true}` on some endpoints (§0, §11). */
const isTrue = (body: unknown): boolean => body === true || body === 'true' || (body !== null && typeof body === 'object' && (body as Row).success === true)

/**
 * The Business Manager calls for system-user tokens (graph-api.md §11): a business's system users,
 * installing the app for one, minting and revoking. The businesses themselves come from
 * `businesses()` in asset-endpoints.ts.
 * Every call carries `appsecret_proof` (the transport adds it); minting requires it.
 */
export function createSystemUserEndpoints(transport: Transport, config: ResolvedConfig) {
  const systemUsers = async (token: string, businessId: string): Promise<SystemUserRow[]> => {
    const items = await collectPages(transport, { method: 'GET', path: `${path(businessId)}/system_users`, params: { fields: 'id,name,role' }, token })
    return rows(items).flatMap((r) => {
      const id = text(r.id)
      return id === null ? [] : [{ id, name: text(r.name) ?? id, role: text(r.role) ?? 'EMPLOYEE' }]
    })
  }

  const installApp = async (token: string, systemUserId: string): Promise<boolean> => {
    const { body } = await transport({ method: 'POST', path: `${path(systemUserId)}/applications`, params: { business_app: config.appId }, token })
    return isTrue(body)
  }

  /** Never repeated once any answer came back: a second mint would make a second token. */
  const mintSystemUserToken = async (token: string, systemUserId: string, options: MintOptions): Promise<string> => {
    const params: Record<string, string> = { business_app: config.appId, scope: options.scopes.join(',') }
    if (options.expiresIn60Days) params.set_token_expires_in_60_days = 'true'
    const { body } = await transport({ method: 'POST', path: `${path(systemUserId)}/access_tokens`, params, token, retry: 'until-response' })
    const minted = body !== null && typeof body === 'object' ? text((body as Row).access_token) : null
    if (minted === null) throw new GraphError(clientErrorInfo('Facebook answered without a token.', 200), 'POST /{system-user-id}/access_tokens')
    return minted
  }

  /** Ends every token of the system user for this app (§11). */
  const revokeSystemUserTokens = async (token: string, systemUserId: string): Promise<boolean> => {
    const { body } = await transport({ method: 'DELETE', path: `${path(systemUserId)}/access_tokens`, params: { business_app: config.appId }, token })
    return isTrue(body)
  }

  return { systemUsers, installApp, mintSystemUserToken, revokeSystemUserTokens }
}
