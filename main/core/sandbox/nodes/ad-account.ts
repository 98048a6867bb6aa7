import type { SandboxContext } from '../context'
import { GraphError, unsupportedRequest } from '../errors'
import { grants, nodeType, sub } from '../node-kit'
import type { AdAccountRecord, BusinessRecord } from '../state'
import { marketingHeaders } from '../usage'
import { businessNode } from './business'

/** The real text when the token lacks ads_read and ads_management (graph-api-doctor.md §2.5). */
export const adAccountPermissionError = (): GraphError =>
  new GraphError(200, '(#200) Ad account owner has NOT grant ads_management or ads_read permission')

export const ADS_SCOPES = ['ads_read', 'ads_management'] as const

/** The ad accounts a person reaches: the seeded ones, for the practice user and the system user. */
export function adAccountsOf(ctx: SandboxContext, userId: string | null): AdAccountRecord[] {
  const seeded = userId === ctx.state.practiceUserId || userId === ctx.state.systemUserId
  return seeded ? ctx.state.adAccounts : []
}

const businessOf = (ctx: SandboxContext, account: AdAccountRecord): BusinessRecord | undefined =>
  [...ctx.state.businesses.values()].find((b) => b.ownedAdAccounts.has(account.accountId))

// A disabled account says why (1 = ADS_INTEGRITY_POLICY); others 0 = NONE.
const disableReasonOf = (a: AdAccountRecord): number => a.disableReason ?? (a.status === 2 ? 1 : 0)

export const adAccountNode = nodeType<AdAccountRecord>({
  name: 'AdAccount',
  idOf: (a) => `act_${a.accountId}`,
  defaultFields: ['account_id', 'id'],
  fields: {
    account_id: { get: (a) => a.accountId },
    name: { get: (a) => a.name },
    account_status: { get: (a) => a.status },
    disable_reason: { get: disableReasonOf },
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
  /** A page token or a token without ads_* gets the #200; someone without access, Unsupported get. */
  readable(account, view) {
    const { caller } = view
    if (caller?.kind === 'token' && caller.record.kind === 'PAGE') throw adAccountPermissionError()
    const userId = caller?.kind === 'token' ? caller.record.userId : null
    if (!adAccountsOf(view.ctx, userId).includes(account)) throw unsupportedRequest(view.method, `act_${account.accountId}`)
    if (!grants(view, ADS_SCOPES)) throw adAccountPermissionError()
  },
  headers: (view) => marketingHeaders(view.ctx.state),
})
