import type { SandboxContext } from './context'
import { GraphError } from './errors'
import { checkAppOpen, checkSecretSource } from './gates'
import { checkProof } from './proof'
import type { AppRecord, PersonRecord, TokenRecord } from './state'
import { BAD_SIGNATURE, CANNOT_PARSE, NO_APP_INFO, deathMessage, deathUserMessage } from './token-messages'
import { deathOf, lookupAppToken } from './tokens'

export type Caller = { kind: 'app'; app: AppRecord; token: string } | { kind: 'token'; record: TokenRecord; app: AppRecord }

export interface AuthInput {
  params: Record<string, string>
  headers: Record<string, string>
}

/** The access token a request carries: the parameter, or a Bearer header when that is switched on. */
export function tokenOf(ctx: SandboxContext, input: AuthInput): string | undefined {
  const param = input.params.access_token
  if (param) return param
  if (!ctx.state.behaviour.acceptBearerHeader) return undefined
  const match = /^Bearer\s+(\S+)$/i.exec(input.headers.authorization ?? '')
  return match?.[1]
}

export function tokenDeathError(ctx: SandboxContext, record: TokenRecord, subcode: number): GraphError {
  const message = deathMessage(subcode, {
    appId: record.appId,
    userId: record.userId,
    expiresAtMs: record.expiresAt * 1000,
    nowMs: ctx.clock.now(),
  })
  const words = ctx.state.behaviour.userMessagesOnTokenErrors ? deathUserMessage(subcode) : undefined
  return new GraphError(190, message, { subcode, ...words })
}

/**
 * Who is calling. Null when no token was sent, or when an app token of a Native/Desktop app was
 * sent: such calls "behave as though no access token was provided" (graph-api.md §1.5).
 * Throws the 190 a garbage or dead token earns, the proof errors of §9, and the app-level
 * refusals of graph-api-doctor.md §1.7 (a blocked app, an app secret used outside the IP allow-list).
 */
export function resolveCaller(ctx: SandboxContext, input: AuthInput, proofParams = input.params): Caller | null {
  const token = tokenOf(ctx, input)
  if (token === undefined) return null
  const appLookup = lookupAppToken(ctx, token)
  if (appLookup) {
    if ('error' in appLookup) throw new GraphError(190, appLookup.known ? BAD_SIGNATURE : NO_APP_INFO)
    checkAppOpen(appLookup.app)
    checkSecretSource(appLookup.app)
    if (appLookup.app.appType === 'native-desktop') return null
    return { kind: 'app', app: appLookup.app, token }
  }
  const record = ctx.state.tokens.get(token)
  if (!record || record.kind === 'APP') throw new GraphError(190, CANNOT_PARSE)
  const subcode = deathOf(ctx, record)
  if (subcode !== null) throw tokenDeathError(ctx, record, subcode)
  const app = ctx.state.apps.get(record.appId)
  if (!app) throw new GraphError(190, CANNOT_PARSE)
  checkAppOpen(app)
  checkProof(ctx, app, token, proofParams)
  return { kind: 'token', record, app }
}

/** True when the caller acts as this person (their own user or system-user token). */
export function actsAs(caller: Caller | null, person: PersonRecord): caller is Extract<Caller, { kind: 'token' }> {
  return caller?.kind === 'token' && caller.record.kind !== 'PAGE' && caller.record.userId === person.id
}
