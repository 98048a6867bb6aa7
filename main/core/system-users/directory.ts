import type { Business, GraphClient, SystemUserRow, TokenDebugInfo } from '../graph'
import { classifyStep, needsBusinessManagement, notAdmin, SystemUserError } from './errors'

export interface DirectoryEntry {
  business: Business
  /** False when Facebook refused the list: the person is not an admin there. */
  admin: boolean
  systemUsers: SystemUserRow[]
}

/**
 * The token that lists and mints must be a working user (or admin system-user) token of this
 * app with business_management (graph-api.md §11).
 */
export async function checkCaller(graph: GraphClient, appId: string, token: string): Promise<TokenDebugInfo> {
  const info = await graph.debugToken(token)
  if (!info.isValid || (info.appId !== null && info.appId !== appId) || (info.type !== 'USER' && info.type !== 'SYSTEM_USER')) {
    throw new SystemUserError(
      'wrong-caller',
      'That token cannot manage system users: it is not a working user token of this app.',
      'Log in with Facebook again, as an admin of the business.',
      'invalid-token',
    )
  }
  if (!info.scopes.includes('business_management')) throw needsBusinessManagement()
  return info
}

/** Every business of the person, each with its system users where the person is an admin. */
export async function listDirectory(graph: GraphClient, token: string): Promise<DirectoryEntry[]> {
  let businesses: Business[]
  try {
    businesses = await graph.businesses(token)
  } catch (error) {
    throw classifyStep('list', error)
  }
  const entries: DirectoryEntry[] = []
  for (const business of businesses) {
    try {
      entries.push({ business, admin: true, systemUsers: await graph.systemUsers(token, business.id) })
    } catch (error) {
      const classified = classifyStep('list', error)
      if (!(classified instanceof SystemUserError) || classified.reason !== 'not-admin') throw classified
      entries.push({ business, admin: false, systemUsers: [] })
    }
  }
  return entries
}

/** The business and row of one system user, as this caller sees them. */
export async function findSystemUser(graph: GraphClient, token: string, systemUserId: string, businessId?: string): Promise<{ business: Business; systemUser: SystemUserRow }> {
  const entries = await listDirectory(graph, token)
  const candidates = businessId ? entries.filter((e) => e.business.id === businessId) : entries
  for (const entry of candidates) {
    const systemUser = entry.systemUsers.find((u) => u.id === systemUserId)
    if (systemUser) return { business: entry.business, systemUser }
  }
  const refused = candidates.find((e) => !e.admin)
  if (refused && candidates.every((e) => !e.admin)) throw notAdmin(refused.business.name)
  throw new SystemUserError(
    'not-found',
    `No business this person administers has the system user ${systemUserId}.`,
    'Check the ids with token-desk system-users, or log in as an admin of its business.',
    'usage',
  )
}
