import { clientErrorInfo } from './classify'
import { GraphError } from './errors'
import type { Transport } from './http'
import { collectPages } from './paging'
import { path, rows, type Row } from './rows'
import { AD_ACCOUNT_FIELDS, adAccountOf } from './asset-endpoints'

export interface PageAccount {
  id: string
  name: string
  category: string | null
  tasks: string[]
  /** The page token, when the person may have one. */
  accessToken: string | null
}

export interface PermissionEntry {
  permission: string
  /** `granted`, `declined` or `expired` in every answer seen; kept open for new values. */
  status: string
}

export interface AdAccount {
  /** Always `act_{accountId}`. */
  id: string
  accountId: string
  name: string
  accountStatus: number | null
  /** `disable_reason` (graph-api-doctor.md §2.5), when Facebook said. */
  disableReason: number | null
  /** The business that owns it, when Facebook said. */
  business: { id: string; name: string } | null
}

export type Me = { id: string; name?: string } & Record<string, unknown>

// Unlike text() in rows.ts, an empty string stays a string here.
const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null)

export const DEFAULT_ACCOUNT_FIELDS = 'id,name,category,tasks,access_token'

export function createEndpoints(transport: Transport) {
  const shapeError = (operation: string): GraphError => new GraphError(clientErrorInfo('Facebook answered in an unexpected shape.', 200), operation)

  const me = async (token: string, fields: readonly string[] = ['id', 'name']): Promise<Me> => {
    const { body } = await transport({ method: 'GET', path: 'me', params: { fields: fields.join(',') }, token })
    const row = body !== null && typeof body === 'object' ? (body as Row) : {}
    const id = text(row.id)
    if (id === null) throw shapeError('GET /me')
    return { ...row, id }
  }

  const accounts = async (userToken: string, fields = DEFAULT_ACCOUNT_FIELDS): Promise<PageAccount[]> => {
    const items = await collectPages(transport, { method: 'GET', path: 'me/accounts', params: { fields }, token: userToken })
    return rows(items).flatMap((r) => {
      const id = text(r.id)
      if (id === null) return []
      const tasks = Array.isArray(r.tasks) ? r.tasks.filter((t): t is string => typeof t === 'string') : []
      return [{ id, name: text(r.name) ?? '', category: text(r.category), tasks, accessToken: text(r.access_token) }]
    })
  }

  const pageToken = async (pageId: string, userToken: string): Promise<{ id: string; accessToken: string }> => {
    const { body } = await transport({ method: 'GET', path: path(pageId), params: { fields: 'access_token' }, token: userToken })
    const row = body !== null && typeof body === 'object' ? (body as Row) : {}
    const accessToken = text(row.access_token)
    if (accessToken === null) throw shapeError('GET /{page-id}')
    return { id: text(row.id) ?? pageId, accessToken }
  }

  const permissions = async (token: string, userId = 'me'): Promise<PermissionEntry[]> => {
    const items = await collectPages(transport, { method: 'GET', path: `${path(userId)}/permissions`, token })
    return rows(items).flatMap((r) =>
      typeof r.permission === 'string' && typeof r.status === 'string' ? [{ permission: r.permission, status: r.status }] : [],
    )
  }

  /** Without a permission: de-authorises the app, which kills every user token of the person. */
  const revokePermission = async (token: string, permission?: string, userId = 'me'): Promise<boolean> => {
    const suffix = permission === undefined ? '' : `/${path(permission)}`
    const { body } = await transport({ method: 'DELETE', path: `${path(userId)}/permissions${suffix}`, token })
    return body === true || (body !== null && typeof body === 'object' && (body as Row).success === true)
  }

  const adAccounts = async (token: string, userId = 'me'): Promise<AdAccount[]> => {
    const items = await collectPages(transport, { method: 'GET', path: `${path(userId)}/adaccounts`, params: { fields: AD_ACCOUNT_FIELDS }, token })
    return rows(items).flatMap((r) => adAccountOf(r) ?? [])
  }

  return { me, accounts, pageToken, permissions, revokePermission, adAccounts }
}
