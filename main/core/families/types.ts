import type { Problem, TokenStatus, TokenSummary } from '../../../preload/api'

/**
 * - `login`: a user token and the Page tokens made from it (their `parentId`).
 * - `alone`: a token with no Page tokens of its own: a system-user token, a pasted token, a
 *   user token saved without Pages.
 * - `orphans`: Page tokens whose user token was removed; they still belong together.
 */
export type FamilyKind = 'login' | 'alone' | 'orphans'

/** The nearest moment one of the family's living tokens stops working or loses data access. */
export interface Deadline {
  /** ISO-8601. */
  at: string
  clock: 'expires' | 'data-access'
  tokenId: string
}

/** The one button a family needs: what it does, on which token, and how many tokens it brings back. */
export interface FamilyFix {
  kind: Problem['fix'] | 'renew'
  tokenId: string
  covers: number
}

export interface Family {
  /** The user token's id, the lone token's id, or `orphans:<the removed parent's id>`. */
  id: string
  kind: FamilyKind
  name: string
  /** The user token (or the lone token); null for orphans. */
  head: TokenSummary | null
  /** The Page tokens made from the head, by name. */
  pages: TokenSummary[]
  /** The head first, then the Page tokens. */
  members: TokenSummary[]
  /** The worst state of any member. */
  status: TokenStatus
  deadline: Deadline | null
  fix: FamilyFix | null
}

/** How many tokens are in each state, for the summary line, the tray and the CLI. */
export interface DeskSummary {
  total: number
  /** Valid. */
  working: number
  /** Expiring within the widest reminder. */
  soon: number
  /** Dead, or unreadable on this computer. */
  stopped: number
  /** Not checked yet. */
  unchecked: number
}
