import type { SandboxContext } from '../context'
import { bind, type BoundNode } from '../node-kit'
import { adAccountNode } from './ad-account'
import { applicationNode } from './application'
import { businessNode } from './business'
import { pageNode } from './page'
import { personNode } from './user'

/** How an id in a path finds its node; the first finder that knows the id wins. */
export const NODE_FINDERS: ((ctx: SandboxContext, id: string) => BoundNode | undefined)[] = [
  (ctx, id) => {
    const person = ctx.state.people.get(id)
    return person && bind(personNode(person), person)
  },
  (ctx, id) => {
    const page = ctx.state.pages.find((p) => p.id === id)
    return page && bind(pageNode, page)
  },
  (ctx, id) => {
    const account = id.startsWith('act_') ? ctx.state.adAccounts.find((a) => `act_${a.accountId}` === id) : undefined
    return account && bind(adAccountNode, account)
  },
  (ctx, id) => {
    const business = ctx.state.businesses.get(id)
    return business && bind(businessNode, business)
  },
  (ctx, id) => {
    const app = ctx.state.apps.get(id)
    return app && bind(applicationNode, app)
  },
]

export function findNode(ctx: SandboxContext, id: string): BoundNode | undefined {
  for (const find of NODE_FINDERS) {
    const found = find(ctx, id)
    if (found) return found
  }
  return undefined
}
