import { nowSeconds, type SandboxContext } from './context'
import { LIFETIME } from './options'
import { requireApp, requirePerson } from './state'
import { issueAppToken, issueSystemUserToken, issueUserToken, pageTokenFor, recordGrant } from './tokens'
import type { IssueTokenSpec } from './types'

export const DEFAULT_USER_SCOPES = ['public_profile', 'pages_show_list', 'pages_read_engagement', 'ads_management', 'ads_read', 'business_management']
const DEFAULT_SYSTEM_SCOPES = ['ads_management', 'ads_read', 'business_management', 'pages_show_list', 'pages_read_engagement']

/** Issues a token without a login, as Graph API Explorer or Business Settings would hand one out. */
export function issueFromSpec(ctx: SandboxContext, spec: IssueTokenSpec): string {
  const app = requireApp(ctx.state, spec.appId ?? ctx.state.practiceAppId)
  const now = nowSeconds(ctx)
  const custom = spec.expiresInSeconds === undefined ? undefined : now + spec.expiresInSeconds
  switch (spec.kind) {
    case 'APP':
      return issueAppToken(ctx, app).value
    case 'SYSTEM_USER': {
      const person = requirePerson(ctx.state, spec.userId ?? ctx.state.systemUserId)
      if (!person.system) throw new Error(`${person.id} is not a system user.`)
      const expiresAt = custom ?? (spec.lifetime === 'long' || spec.lifetime === 'short' ? now + LIFETIME.longUser : 0)
      return issueSystemUserToken(ctx, { appId: app.id, userId: person.id, scopes: spec.scopes ?? DEFAULT_SYSTEM_SCOPES, expiresAt }).value
    }
    case 'USER':
    case 'PAGE': {
      const person = requirePerson(ctx.state, spec.userId ?? ctx.state.practiceUserId)
      if (person.system) throw new Error('Use kind SYSTEM_USER for a system user.')
      const scopes = spec.scopes ?? DEFAULT_USER_SCOPES
      recordGrant(ctx, person.id, app.id, scopes, [])
      const longLived = spec.lifetime !== 'short'
      const userExpiry = spec.kind === 'USER' ? (spec.lifetime === 'never' ? 0 : custom) : undefined
      const user = issueUserToken(ctx, { appId: app.id, userId: person.id, scopes, longLived, expiresAt: userExpiry })
      if (spec.kind === 'USER') return user.value
      const page = ctx.state.pages.find((p) => p.id === spec.pageId)
      if (!page || !page.roles.has(person.id)) throw new Error(`The user has no role on Page ${spec.pageId ?? '(none given)'}.`)
      const token = pageTokenFor(ctx, user, page.id)
      if (custom !== undefined) token.expiresAt = custom
      return token.value
    }
    default:
      throw new Error(`Unknown token kind ${String((spec as { kind: unknown }).kind)}.`)
  }
}
