import { describe, expect, it } from 'vitest'
import type { DeathReason } from '../../../preload/api'
import { GraphError, classifyGraphError, toProblem } from '../../../main/core/graph'
import { graphError } from './harness'

const EXPIRED = 'Error validating access token: Session has expired on Thursday, 06-Oct-22 00:00:00 PDT. The current time is Tuesday, 22-Nov-22 19:54:40 PST.'
const PASSWORD = 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.'

describe('190 by subcode (R32)', () => {
  it.each<[number, DeathReason, string]>([
    [458, 'app-removed', 'reauthorize'],
    [459, 'checkpoint', 'visit-facebook'],
    [460, 'password-changed', 'reauthenticate'],
    [463, 'expired', 'reauthorize'],
    [464, 'unconfirmed-user', 'visit-facebook'],
    [466, 'invalidated', 'reauthorize'],
    [467, 'logged-out', 'reauthorize'],
    [492, 'no-page-role', 'fix-page-role'],
    [999, 'invalid', 'reauthorize'],
  ])('subcode %i is %s', (subcode, reason, fix) => {
    const info = classifyGraphError(graphError(190, 'Error validating access token.', { error_subcode: subcode }), 400)
    expect(info).toMatchObject({ kind: 'token-dead', reason, fix, code: 190, subcode, httpStatus: 400 })
  })
})

describe('190 without a subcode is classified from its message', () => {
  it.each<[string, DeathReason]>([
    [EXPIRED, 'expired'],
    [PASSWORD, 'password-changed'],
    ['Error validating access token: Session does not match current stored session. This may be because the user changed the password since the time the session was created or Facebook has changed the session for security reasons.', 'password-changed'],
    ['Error validating access token: The user has not authorized application 875877299126xxx.', 'app-removed'],
    ['Error validating access token: The session is invalid because the user logged out.', 'logged-out'],
    ['Error validating access token: The session was invalidated explicitly using an API call.', 'invalidated'],
    ['Error validating access token: Sessions for the user  are not allowed because the user is not a confirmed user.', 'unconfirmed-user'],
    ['Invalid OAuth access token - Cannot parse access token', 'invalid'],
    ['The access token could not be decrypted', 'invalid'],
  ])('%s', (message, reason) => {
    const info = classifyGraphError(graphError(190, message), 400)
    expect(info.kind).toBe('token-dead')
    expect(info.reason).toBe(reason)
    expect(info.subcode).toBeNull()
  })

  it('102 is an invalid session', () => {
    expect(classifyGraphError(graphError(102, 'Session key invalid'), 400)).toMatchObject({ kind: 'token-dead', reason: 'invalid' })
  })
})

describe("debug_token's data.error (key `subcode`)", () => {
  it('reads subcode from the inner shape', () => {
    const info = classifyGraphError({ code: 190, message: EXPIRED, subcode: 463 }, 200)
    expect(info).toMatchObject({ kind: 'token-dead', reason: 'expired', subcode: 463, httpStatus: 200 })
  })
})

describe('configuration and code errors', () => {
  it.each<[ReturnType<typeof graphError>, string, string | undefined]>([
    [graphError(1, 'Error validating client secret.'), 'configuration', 'wrong-secret'],
    [graphError(101, 'Error validating application. Invalid application ID.'), 'configuration', 'unknown-app'],
    [graphError(101, 'Missing client_id parameter.'), 'configuration', 'unknown-app'],
    [graphError(100, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', { error_subcode: 36008 }), 'configuration', 'redirect-mismatch'],
    [graphError(100, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request'), 'configuration', 'redirect-mismatch'],
    [graphError(1, 'code_verifier param is provided without a code_challenge in authorization request.'), 'configuration', 'pkce-without-challenge'],
    [graphError(100, 'API calls from the server require an appsecret_proof argument', { type: 'GraphMethodException' }), 'configuration', 'proof-required'],
    [graphError(100, 'Invalid appsecret_proof provided in the API argument', { type: 'GraphMethodException' }), 'configuration', 'proof-invalid'],
    [graphError(100, '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app'), 'configuration', 'no-token'],
    [graphError(2635, 'You are calling a deprecated version of the Ads API. Please update to the latest version.'), 'configuration', 'deprecated-version'],
    [graphError(2500, 'Unknown path components: /me/adaccounts'), 'configuration', 'unknown-path'],
    [graphError(2500, 'An active access token must be used to query information about the current user.'), 'bad-request', 'user-token-needed'],
    [graphError(100, 'This authorization code has been used.', { error_subcode: 36009 }), 'code-reused', undefined],
    [graphError(100, 'This authorization code has been used.'), 'code-reused', undefined],
    [graphError(100, 'This authorization code has expired.', { error_subcode: 36007 }), 'code-expired', undefined],
    [graphError(100, 'Invalid verification code format.'), 'bad-request', 'invalid-code'],
  ])('%j', (body, kind, detail) => {
    const info = classifyGraphError(body, 400)
    expect(info.kind).toBe(kind)
    expect(info.detail).toBe(detail)
  })

  it('code 100 alone is not token death (§7.3)', () => {
    const info = classifyGraphError(graphError(100, '(#100) The After Cursor specified exceeds the max limit supported by this endpoint'), 400)
    expect(info.kind).toBe('bad-request')
    expect(info.reason).toBeUndefined()
  })

  it('code 100 with a 190-style message is token death', () => {
    expect(classifyGraphError(graphError(100, 'Invalid OAuth access token.'), 400)).toMatchObject({ kind: 'token-dead', reason: 'invalid' })
  })
})

describe('permission, throttle, transient, policy', () => {
  it.each([10, 200, 270, 299])('code %i is a permission error', (code) => {
    const info = classifyGraphError(graphError(code, `(#${code}) The user hasn't authorized the application to perform this action`), 403)
    expect(info).toMatchObject({ kind: 'permission', reason: 'permission-removed', fix: 'rerequest' })
  })

  it.each([4, 17, 32, 341, 613, 80000, 80001, 80004, 80014])('code %i is a throttle', (code) => {
    expect(classifyGraphError(graphError(code, `(#${code}) request limit reached`, { is_transient: true }), 400).kind).toBe('throttled')
  })

  it('80015 is not in the throttle family', () => {
    expect(classifyGraphError(graphError(80015, 'x'), 400).kind).toBe('bad-request')
  })

  it.each<[ReturnType<typeof graphError> | string, number]>([
    [graphError(1, 'An unknown error occurred'), 400],
    [graphError(2, 'An unexpected error has occurred. Please retry your request later.'), 400],
    [graphError(9007, 'Something odd', { is_transient: true }), 400],
    ['<html>Bad gateway</html>', 502],
  ])('%j is transient', (body, status) => {
    expect(classifyGraphError(body, status).kind).toBe('transient')
  })

  it('368 is a policy block', () => {
    expect(classifyGraphError(graphError(368, 'Temporarily blocked for policies violations'), 400).kind).toBe('policy-block')
  })
})

describe('wait hints', () => {
  it('reads Retry-After seconds, Retry-After dates and BUC regain minutes, keeping the largest', () => {
    const now = Date.UTC(2026, 0, 1)
    const date = new Date(now + 42_000).toUTCString()
    expect(classifyGraphError(graphError(4, 'x'), 400, { 'Retry-After': '7' }, now).retryAfterMs).toBe(7000)
    expect(classifyGraphError(graphError(4, 'x'), 400, { 'retry-after': date }, now).retryAfterMs).toBe(42_000)
    const buc = JSON.stringify({ '1': [{ type: 'ads_management', call_count: 100, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 3 }] })
    expect(classifyGraphError(graphError(80004, 'x'), 400, { 'retry-after': '7', 'x-business-use-case-usage': buc }, now).retryAfterMs).toBe(180_000)
    expect(classifyGraphError(graphError(4, 'x'), 400, { 'retry-after': 'soon' }, now).retryAfterMs).toBeUndefined()
  })
})

describe('plain words', () => {
  it('keeps Graph text only redacted, and builds a Problem for dead tokens', () => {
    const token = 'EAAGsomeTokenThatLeaked0123456789'
    const info = classifyGraphError(graphError(190, `Bad token ${token}`, { error_subcode: 463 }), 400)
    expect(info.graphMessage).not.toContain(token)
    expect(info.message).toBe('The token has expired.')
    expect(toProblem(info)).toEqual({ reason: 'expired', code: 190, subcode: 463, message: 'The token has expired.', fix: 'reauthorize' })
    expect(toProblem(classifyGraphError(graphError(2, 'x'), 500))).toBeNull()
    const error = new GraphError(info, 'GET /me')
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toBe('The token has expired.')
    expect(error).toMatchObject({ kind: 'token-dead', reason: 'expired', operation: 'GET /me', fbtraceId: 'AbCdEfGh123' })
  })
})
