import { resolveCaller, tokenDeathError } from './auth'
import type { SandboxContext } from './context'
import { GraphError, badParam } from './errors'
import { fieldsOf, type Answer, type GraphRequest } from './request'
import type { TokenRecord } from './state'
import { BAD_SIGNATURE, CANNOT_PARSE, NO_APP_INFO } from './token-messages'
import { deathOf, lookupAppToken, snapshot } from './tokens'

const notAllowed = (): GraphError =>
  new GraphError(100, '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app')

const garbage = (message: string): Record<string, unknown> => ({ error: { code: 190, message }, is_valid: false, scopes: [] })

/**
 * GET /debug_token. A bad *input* token is a normal 200 answer with `is_valid:false` and
 * `data.error.{code,message,subcode}`; only the *caller* can earn a 4xx (graph-api.md §5, §15.5).
 */
export function debugToken(ctx: SandboxContext, req: GraphRequest): Answer {
  const caller = callerOf(ctx, req)
  if (!caller) throw notAllowed()
  if (caller.kind === 'token') {
    const { record, app } = caller
    // Native/Desktop apps fall back to an admin's user token of the same app (§1.5).
    if (record.kind !== 'USER' || record.userId === null || !app.admins.has(record.userId)) throw notAllowed()
  }
  const input = req.params.input_token
  if (input === undefined || input === '') throw badParam('(#100) The parameter input_token is required')
  const data = describe(ctx, input)
  if (req.params.fields === undefined) return { json: { data } }
  const fields = fieldsOf(req.params, [])
  return { json: { data: Object.fromEntries(Object.entries(data).filter(([k]) => fields.includes(k))) } }
}

/** An app token with a wrong secret earns the ambiguous "must provide" answer by default (behaviour.wrongSecretOnDebugToken). */
function callerOf(ctx: SandboxContext, req: GraphRequest): ReturnType<typeof resolveCaller> {
  try {
    return resolveCaller(ctx, req)
  } catch (err) {
    if (err instanceof GraphError && err.message === BAD_SIGNATURE && ctx.state.behaviour.wrongSecretOnDebugToken === 'must-provide') throw notAllowed()
    throw err
  }
}

function describe(ctx: SandboxContext, input: string): Record<string, unknown> {
  const appLookup = lookupAppToken(ctx, input)
  if (appLookup) {
    if ('error' in appLookup) return garbage(appLookup.known ? BAD_SIGNATURE : NO_APP_INFO)
    return { app_id: appLookup.app.id, type: 'APP', application: appLookup.app.name, is_valid: true, scopes: [] }
  }
  const record = ctx.state.tokens.get(input)
  if (!record || record.kind === 'APP') return garbage(CANNOT_PARSE)
  return describeRecord(ctx, record)
}

function describeRecord(ctx: SandboxContext, record: TokenRecord): Record<string, unknown> {
  const snap = snapshot(ctx, record)
  const subcode = deathOf(ctx, record)
  const revoked = subcode === 466 || subcode === 458
  const data: Record<string, unknown> = {
    app_id: record.appId,
    // A business integration system user's type is not confirmed (login-for-business.md Q1): SYSTEM_USER or USER.
    type: record.clientBusinessId ? ctx.state.behaviour.integrationDebugType : record.kind,
    application: ctx.state.apps.get(record.appId)?.name ?? '',
    data_access_expires_at: snap.dataAccessExpiresAt ?? 0,
  }
  if (subcode !== null) {
    const err = tokenDeathError(ctx, record, subcode)
    data.error = { code: 190, message: err.message, subcode }
  }
  data.expires_at = record.expiresAt
  data.is_valid = subcode === null
  if (snap.issuedAt !== null) data.issued_at = snap.issuedAt
  if (record.authType !== null) data.metadata = { auth_type: record.authType }
  if (record.profileId !== null) data.profile_id = record.profileId
  data.scopes = revoked ? [] : snap.scopes
  if (!revoked && snap.granularScopes.length > 0) data.granular_scopes = snap.granularScopes
  data.user_id = record.userId
  return data
}
