import type { ResolvedConfig } from './config'
import type { Transport } from './http'
import { appTokenLiteral } from './oauth'
import { collectPages } from './paging'
import { rows, text, type Row } from './rows'

/** `GET /{app-id}/roles` rows (graph-api-doctor.md §1.2). `app_id` is missing from the real capture. */
export interface AppRoleRow {
  user: string
  /** `administrators`, `developers`, `testers`, `insights users` (the capture says `insights`); kept open. */
  role: string
  appId: string | null
}

/** `GET /{app-id}/permissions` rows. The shape is not confirmed (§1.1): read defensively. */
export interface AppPermissionRow {
  permission: string
  /** `live` or `unapproved` per the SDK's filter; null when the row says nothing. */
  status: string | null
}


/**
 * What the doctor reads about the app itself, with the app token `{app-id}|{secret}`
 * (graph-api-doctor.md §1.8), and the one call it makes without a proof.
 */
export function createAppEndpoints(config: ResolvedConfig, transport: Transport) {
  const appPath = encodeURIComponent(config.appId)

  const appNode = async (fields: readonly string[]): Promise<Row> => {
    const { body } = await transport({ method: 'GET', path: appPath, params: { fields: fields.join(',') }, token: appTokenLiteral(config) })
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Row) : {}
  }

  const appRoles = async (): Promise<AppRoleRow[]> => {
    const items = await collectPages(transport, { method: 'GET', path: `${appPath}/roles`, token: appTokenLiteral(config) })
    return rows(items).flatMap((r) => {
      const user = text(r.user) ?? text(r.user_id) ?? text((r.user as Row | undefined)?.id)
      const role = text(r.role)
      return user && role ? [{ user, role, appId: text(r.app_id) }] : []
    })
  }

  const appPermissions = async (): Promise<AppPermissionRow[]> => {
    const items = await collectPages(transport, { method: 'GET', path: `${appPath}/permissions`, token: appTokenLiteral(config) })
    return rows(items).flatMap((r) => {
      const permission = text(r.permission) ?? text(r.name)
      return permission ? [{ permission, status: text(r.status) ?? text(r.review_status) }] : []
    })
  }

  /** `GET /me` with the user token and no proof: refused only when "Require App Secret" is on (§1.5). */
  const callWithoutProof = async (userToken: string): Promise<void> => {
    await transport({ method: 'GET', path: 'me', params: { fields: 'id' }, token: userToken, withoutProof: true })
  }

  return { appNode, appRoles, appPermissions, callWithoutProof }
}
