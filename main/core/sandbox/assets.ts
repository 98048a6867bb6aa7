import { numericId } from './ids'
import { requireBusiness, requirePerson, type AdAccountRecord, type BusinessRecord, type PageRecord, type SandboxState } from './state'
import type { AdAccountSpec, PageSpec } from './types'

/** Every `account_status` of the Ad Account reference (graph-api-doctor.md §2.5). */
export const ACCOUNT_STATUSES = [1, 2, 3, 7, 8, 9, 100, 101, 201, 202] as const
/** `disable_reason` 0 to 15 (§2.5). */
export const MAX_DISABLE_REASON = 15

/** Every Page task: what a Page's full admin holds. */
export const FULL_TASKS = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE']

function people(state: SandboxState, ids: unknown, key: string): string[] {
  if (ids === undefined) return []
  if (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string')) throw new Error(`${key} is a list of person ids.`)
  for (const id of ids as string[]) requirePerson(state, id)
  return ids as string[]
}

function name(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) throw new Error('name is a non-empty string.')
  return value.trim()
}

function businesses(state: SandboxState, ownedBy: unknown, clientOf: unknown): { owner: BusinessRecord | null; clients: BusinessRecord[] } {
  if (ownedBy !== undefined && typeof ownedBy !== 'string') throw new Error('ownedBy is a business id.')
  const owner = ownedBy === undefined ? null : requireBusiness(state, ownedBy)
  if (clientOf !== undefined && (!Array.isArray(clientOf) || clientOf.some((c) => typeof c !== 'string'))) throw new Error('clientOf is a list of business ids.')
  return { owner, clients: ((clientOf as string[] | undefined) ?? []).map((id) => requireBusiness(state, id)) }
}

export function createBusiness(state: SandboxState, spec: { name: string; admins?: string[] }): { id: string } {
  const business: BusinessRecord = {
    id: numericId(15),
    name: name(spec.name),
    roles: new Map(people(state, spec.admins, 'admins').map((id) => [id, 'ADMIN'])),
    ownedPages: new Set(),
    clientPages: new Set(),
    ownedAdAccounts: new Set(),
    clientAdAccounts: new Set(),
  }
  state.businesses.set(business.id, business)
  return { id: business.id }
}

/** A Page, with direct roles and business links as the spec says: "missing Page" cases are built from these. */
export function addPage(state: SandboxState, spec: PageSpec): { id: string } {
  const roles = people(state, spec.roles, 'roles')
  const { owner, clients } = businesses(state, spec.ownedBy, spec.clientOf)
  if (spec.tasks !== undefined && (!Array.isArray(spec.tasks) || spec.tasks.some((t) => typeof t !== 'string'))) throw new Error('tasks is a list of task names.')
  const page: PageRecord = {
    id: numericId(15),
    name: name(spec.name),
    category: 'Community',
    categoryId: '2612',
    tasks: spec.tasks ?? FULL_TASKS,
    roles: new Set(roles),
    assignedThroughBusiness: new Set(people(state, spec.assigned, 'assigned')),
  }
  state.pages.push(page)
  owner?.ownedPages.add(page.id)
  for (const client of clients) client.clientPages.add(page.id)
  return { id: page.id }
}

function checkStatus(status: number, disableReason: number): void {
  if (!(ACCOUNT_STATUSES as readonly number[]).includes(status)) throw new Error(`status is one of ${ACCOUNT_STATUSES.join(', ')}.`)
  if (!Number.isInteger(disableReason) || disableReason < 0 || disableReason > MAX_DISABLE_REASON) throw new Error(`disableReason is 0 to ${MAX_DISABLE_REASON}.`)
}

export function addAdAccount(state: SandboxState, spec: AdAccountSpec): { id: string; accountId: string } {
  const status = spec.status ?? 1
  const disableReason = spec.disableReason ?? 0
  checkStatus(status, disableReason)
  const { owner, clients } = businesses(state, spec.ownedBy, spec.clientOf)
  const account: AdAccountRecord = {
    accountId: numericId(16),
    name: name(spec.name),
    status,
    disableReason,
    users: new Set(people(state, spec.users, 'users')),
    assignedThroughBusiness: new Set(people(state, spec.assigned, 'assigned')),
  }
  state.adAccounts.push(account)
  owner?.ownedAdAccounts.add(account.accountId)
  for (const client of clients) client.clientAdAccounts.add(account.accountId)
  return { id: `act_${account.accountId}`, accountId: account.accountId }
}

export function setAdAccountStatus(state: SandboxState, accountId: string, status: number, disableReason = 0): void {
  const bare = String(accountId).replace(/^act_/, '')
  const account = state.adAccounts.find((a) => a.accountId === bare)
  if (!account) throw new Error(`The sandbox has no ad account ${accountId}.`)
  checkStatus(status, disableReason)
  account.status = status
  account.disableReason = disableReason
}
