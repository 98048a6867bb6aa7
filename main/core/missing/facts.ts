/**
 * What Token Desk read before deciding, as plain data: the pure diagnoses work on this, and the
 * unit tests build it from the captures of graph-api-doctor.md §2.
 */

export interface BusinessLink {
  businessId: string
  businessName: string
  relation: 'owned' | 'client'
}

/** A read by id: readable (with what it said), refused by Graph, or not tried. */
export type NodeRead<T> = { kind: 'read'; value: T } | { kind: 'refused'; code: number | null; message: string } | { kind: 'not-tried' }

interface CommonFacts {
  query: string
  /** The asset meant, once resolved from the query (a typed id, or a name found in a list). */
  id: string | null
  name: string | null
  /** Some answer said "API access blocked.". */
  blocked: boolean
  /** debug_token's scopes. */
  scopes: string[]
  /** Whether /me/businesses and the business edges could be read (business_management granted). */
  businessesRead: boolean
  /** The business the asset was found under, if any. */
  business: BusinessLink | null
}

export interface PageFacts extends CommonFacts {
  /** `target_ids` of pages_show_list; null when the grant lists none (not limited to chosen Pages). */
  targets: string[] | null
  /** Its row in /me/accounts, if there. */
  listed: { tasks: string[]; hasToken: boolean } | null
  /** The Page node with the person's fields (tasks): refused when the person has no access. */
  personal: NodeRead<{ tasks: string[] | null }>
  /** The Page node's public fields: refused when the Page is not visible at all. */
  visible: NodeRead<{ name: string }>
}

export interface AdAccountFacts extends CommonFacts {
  /** `target_ids` of ads_management/ads_read, normalised without `act_`; null when none. */
  targets: string[] | null
  /** Its row in /me/adaccounts. */
  listed: { status: number | null; disableReason: number | null } | null
  /** The account node read with the token. */
  node: NodeRead<{ status: number | null; disableReason: number | null }>
}
