import type { SandboxContext } from '../context'
import { GraphError, unsupportedRequest } from '../errors'
import { grants, nodeType, sub, type NodeType, type View } from '../node-kit'
import { adAccountReach } from '../reach'
import type { AdAccountRecord, BusinessRecord, PersonRecord } from '../state'
import { marketingHeaders } from '../usage'
import { businessNode } from './business'
import { ADS_SCOPES } from '../known-permissions'

/** The real text when the token lacks ads_read and ads_management (graph-api-doctor.md §2.5). */
export const adAccountPermissionError = (): GraphError =>
  new GraphError(200, '(#200) Ad account owner has NOT grant ads_management or ads_read permission')

/**
 * The ad accounts /me/adaccounts lists: those the person has a direct role on; those reached only
 * through a business too when the behaviour says so and the token has business_management
 * (whether Graph lists them is not confirmed, graph-api-doctor.md §2.5).
 */
export function listedAdAccounts(view: View, person: PersonRecord): AdAccountRecord[] {
  const { state } = view.ctx
  const throughBusiness = state.behaviour.adAccountsThroughBusiness === 'included' && grants(view, ['business_management'])
  return state.adAccounts.filter((a) => {
    const reach = adAccountReach(state, person.id, a.accountId)
    return reach === 'direct' || (reach === 'business' && throughBusiness)
  })
}

const businessOf = (ctx: SandboxContext, account: AdAccountRecord): BusinessRecord | undefined =>
  [...ctx.state.businesses.values()].find((b) => b.ownedAdAccounts.has(account.accountId))

export const adAccountNode: NodeType<AdAccountRecord> = nodeType<AdAccountRecord>({
  name: 'AdAccount',
  idOf: (a) => `act_${a.accountId}`,
  defaultFields: ['account_id', 'id'],
  fields: {
    account_id: { get: (a) => a.accountId },
    name: { get: (a) => a.name },
    account_status: { get: (a) => a.status },
    // Seeded and set by the controls (state.ts): 1 ADS_INTEGRITY_POLICY for the disabled seed, 0 NONE for most.
    disable_reason: { get: (a) => a.disableReason },
    currency: { get: (a) => a.currency ?? 'USD' },
    timezone_name: { get: (a) => a.timezoneName ?? 'America/Los_Angeles' },
    amount_spent: { get: (a) => a.amountSpent ?? String((Number(a.accountId.slice(-6)) % 90000) * 7) },
    business: {
      get: (a, view) => {
        const business = businessOf(view.ctx, a)
        return business && sub(businessNode, business)
      },
    },
  },
  /**
   * A page token or a token without ads_* gets the #200; someone who does not reach the account
   * (a direct role, or a business assignment with business_management), Unsupported get.
   */
  readable(account, view) {
    const { caller } = view
    if (caller?.kind === 'token' && caller.record.kind === 'PAGE') throw adAccountPermissionError()
    const userId = caller?.kind === 'token' ? caller.record.userId : null
    const reach = adAccountReach(view.ctx.state, userId, account.accountId)
    if (reach === null || (reach === 'business' && !grants(view, ['business_management']))) throw unsupportedRequest(view.method, `act_${account.accountId}`)
    if (!grants(view, ADS_SCOPES)) throw adAccountPermissionError()
  },
  headers: (view) => marketingHeaders(view.ctx.state),
})
