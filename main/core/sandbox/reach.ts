import type { BusinessRecord, PageRecord, SandboxState } from './state'

/** The businesses a person has a role in. */
export function businessesOf(state: SandboxState, userId: string | null): BusinessRecord[] {
  if (userId === null) return []
  return [...state.businesses.values()].filter((b) => b.roles.has(userId))
}

/**
 * How a person reaches a Page: a direct role, a task assigned through a business that owns the
 * Page or was given it as a client, or not at all. Being a business admin alone gives no task.
 */
export function pageReach(state: SandboxState, userId: string | null, page: PageRecord): 'direct' | 'business' | null {
  if (userId === null) return null
  if (page.roles.has(userId)) return 'direct'
  if (!page.assignedThroughBusiness.has(userId)) return null
  return businessesOf(state, userId).some((b) => b.ownedPages.has(page.id) || b.clientPages.has(page.id)) ? 'business' : null
}

export function adAccountReach(state: SandboxState, userId: string | null, accountId: string): 'direct' | 'business' | null {
  if (userId === null) return null
  const account = state.adAccounts.find((a) => a.accountId === accountId)
  if (!account) return null
  if (account.users.has(userId)) return 'direct'
  if (!account.assignedThroughBusiness.has(userId)) return null
  return businessesOf(state, userId).some((b) => b.ownedAdAccounts.has(accountId) || b.clientAdAccounts.has(accountId)) ? 'business' : null
}

/** Pages a person may tick in the dialog: every Page reached, directly or through a business. */
export function reachablePages(state: SandboxState, userId: string): PageRecord[] {
  return state.pages.filter((p) => pageReach(state, userId, p) !== null)
}
