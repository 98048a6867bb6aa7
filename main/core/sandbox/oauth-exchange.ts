import { tokenDeathError } from './auth'
import { nowSeconds, type SandboxContext } from './context'
import { GraphError } from './errors'
import { checkSecretSource } from './gates'
import { LIFETIME } from './options'
import { validVerifier, verifierMatches } from './pkce'
import type { AppRecord, CodeRecord } from './state'
import type { Answer, GraphRequest } from './request'
import { CANNOT_PARSE } from './token-messages'
import { deathOf, issueAppToken, issueSystemUserToken, issueUserToken } from './tokens'
import { installIntegration, issueIntegrationToken } from './integrations'

const codeError = (code: number, message: string, subcode?: number): GraphError =>
  new GraphError(code, message, { subcode, authKind: 'invalid_code' })

const BAD_VERIFIER =
  'Invalid code verifier. Code verifier should be a cryptographically random string using the characters A-Z, a-z, 0-9, and the punctuation characters -._~ (hyphen, period, underscore, and tilde), between 43 and 128 characters long.'

/** GET/POST /oauth/access_token: code exchange, fb_exchange_token and client_credentials (§2, §3, §6). */
export function accessToken(ctx: SandboxContext, req: GraphRequest): Answer {
  const p = req.params
  if (!p.client_id) throw codeError(101, 'Missing client_id parameter.')
  const app = ctx.state.apps.get(p.client_id)
  if (!app) throw codeError(101, 'Error validating application. Invalid application ID.')
  if (p.client_secret !== app.secret) throw codeError(1, 'Error validating client secret.')
  checkSecretSource(app)
  switch (p.grant_type) {
    case 'client_credentials':
      return { json: { access_token: issueAppToken(ctx, app).value, token_type: 'bearer' } }
    case 'fb_exchange_token':
      return extend(ctx, app, p)
    case undefined:
    case 'authorization_code':
      return exchangeCode(ctx, app, p)
    default:
      throw codeError(100, `Unsupported grant_type: ${p.grant_type}`)
  }
}

function exchangeCode(ctx: SandboxContext, app: AppRecord, p: Record<string, string>): Answer {
  if (!p.code) throw codeError(100, 'Missing code parameter.')
  const record = ctx.state.codes.get(p.code)
  if (!record || record.appId !== app.id) throw codeError(100, 'Invalid verification code format.')
  if (record.used) throw codeError(100, 'This authorization code has been used.', 36009)
  if (ctx.clock.now() - record.createdAtMs > LIFETIME.code * 1000) throw codeError(100, 'This authorization code has expired.', 36007)
  if (p.redirect_uri !== record.redirectUri) {
    throw codeError(
      100,
      'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      36008,
    )
  }
  checkVerifier(ctx, record, p.code_verifier)
  record.used = true
  const config = record.configId === undefined ? undefined : app.configurations.get(record.configId)
  if (record.integration && config) {
    // The classic exchange hands out the business integration token; whether it says expires_in is not confirmed.
    const token = issueIntegrationToken(ctx, installIntegration(ctx, app, config, record.integration), config)
    const expiresIn = token.expiresAt === 0 ? null : token.expiresAt - nowSeconds(ctx)
    return { json: { access_token: token.value, token_type: 'bearer', ...(expiresIn !== null && ctx.state.behaviour.integrationExpiresIn ? { expires_in: expiresIn } : {}) } }
  }
  const token = issueUserToken(ctx, {
    appId: app.id,
    userId: record.userId,
    scopes: record.scopes,
    longLived: ctx.state.behaviour.codeExchangeLifetime === 'long',
    authType: record.authType,
  })
  if (record.configId !== undefined) token.configId = record.configId
  return { json: { access_token: token.value, token_type: 'bearer', expires_in: token.expiresAt - nowSeconds(ctx) } }
}

/** §1.6: verifier and challenge go together or not at all; a failed verifier burns the code. */
function checkVerifier(ctx: SandboxContext, record: CodeRecord, verifier: string | undefined): void {
  if (verifier !== undefined && record.challenge === null) {
    throw codeError(1, 'code_verifier param is provided without a code_challenge in authorization request.')
  }
  if (record.challenge === null) return
  if (verifier === undefined) {
    if (!ctx.state.behaviour.requireVerifierWhenChallenged) return
    throw codeError(100, 'The code_verifier param is required: the authorization request had a code_challenge.')
  }
  if (!validVerifier(verifier)) {
    record.used = true
    throw codeError(100, BAD_VERIFIER)
  }
  if (!verifierMatches(verifier, record.challenge)) {
    record.used = true
    throw codeError(100, 'Invalid code verifier: it does not match the code_challenge of the authorization request.')
  }
}

function extend(ctx: SandboxContext, app: AppRecord, p: Record<string, string>): Answer {
  const input = p.fb_exchange_token
  if (!input) throw new GraphError(100, 'Missing fb_exchange_token parameter.')
  const record = ctx.state.tokens.get(input)
  if (!record || record.kind === 'APP' || record.appId !== app.id) throw new GraphError(190, CANNOT_PARSE)
  const subcode = deathOf(ctx, record)
  if (subcode !== null) throw tokenDeathError(ctx, record, subcode)
  const now = nowSeconds(ctx)
  if (record.kind === 'SYSTEM_USER' && record.expiresAt !== 0 && p.set_token_expires_in_60_days === 'true') {
    const token = issueSystemUserToken(ctx, { appId: app.id, userId: record.userId ?? '', scopes: record.scopes, expiresAt: now + LIFETIME.longUser })
    return { json: { access_token: token.value, token_type: 'bearer', expires_in: LIFETIME.longUser } }
  }
  if (record.kind !== 'USER') throw new GraphError(100, '(#100) fb_exchange_token must be a user access token')
  // Q4 (not confirmed): whether a Login for Business user token can be extended. The text is modelled.
  if (record.configId !== undefined && ctx.state.behaviour.businessTokenExchange === 'refused') {
    throw new GraphError(100, '(#100) This token was issued through a Facebook Login for Business configuration and cannot be exchanged.')
  }
  const keep = record.longLived && ctx.state.behaviour.reExtendLongLived === 'same-expiry'
  const token = issueUserToken(ctx, {
    appId: app.id,
    userId: record.userId ?? '',
    scopes: record.scopes,
    longLived: true,
    authType: record.authType,
    expiresAt: keep ? record.expiresAt : undefined,
  })
  if (record.configId !== undefined) token.configId = record.configId
  const expiresIn = keep ? record.expiresAt - now : LIFETIME.longUserReported
  return { json: { access_token: token.value, token_type: 'bearer', expires_in: expiresIn } }
}
