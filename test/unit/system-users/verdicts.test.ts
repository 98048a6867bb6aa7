import { describe, expect, it } from 'vitest'
import { GraphError, classifyGraphError, type TokenDebugInfo } from '../../../main/core/graph'
import { replacementProblem } from '../../../main/core/rotate'
import { allowanceFor, allowanceWords, checkMinted, classifyStep, SystemUserError } from '../../../main/core/system-users'
import type { TokenMeta } from '../../../main/core/tokens/record'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 5, 1)

/** A GraphError from a real-shaped error body, as the transport makes it. */
function graphError(code: number, message: string, extra: Record<string, unknown> = {}): GraphError {
  return new GraphError(classifyGraphError({ error: { message, type: 'OAuthException', code, ...extra } }, 400), 'POST /x')
}

const reasonOf = (error: unknown): string | null => (error instanceof SystemUserError ? error.reason : null)

describe('classifying the system-user steps by the call they answer and their code', () => {
  it('reads 270 (the known Development-access text) as the tier, on any step', () => {
    for (const step of ['list', 'install', 'mint', 'revoke'] as const) {
      expect(reasonOf(classifyStep(step, graphError(270, '(#270) Development access is not allowed to access business API post:Business/adaccount.')))).toBe('tier')
    }
  })

  it('reads a permission error as not an admin, except on the mint, where the admin is already shown', () => {
    const refused = graphError(200, '(#200) Permissions error')
    expect(reasonOf(classifyStep('list', refused))).toBe('not-admin')
    expect(reasonOf(classifyStep('install', refused))).toBe('not-admin')
    const scope = classifyStep('mint', graphError(200, '(#200) The app does not have advanced access to the permission ads_management.'), ['ads_read', 'ads_management'])
    expect(reasonOf(scope)).toBe('scope-not-approved')
    expect((scope as SystemUserError).words).toMatch(/^Facebook refused ads_management: /)
    expect(reasonOf(classifyStep('list', graphError(100, 'Unsupported get request.', { error_subcode: 33 })))).toBe('not-admin')
  })

  it('reads 3962 as a permission name Facebook does not know, and an install refusal about the allowance as the limit', () => {
    expect(reasonOf(classifyStep('mint', graphError(3962, 'Provided permission is not valid. Check your spelling and syntax.')))).toBe('scope-invalid')
    const limit = classifyStep('install', graphError(100, '(#100) The app has reached the number of system users its access level allows: 1 system user and 1 admin system user.'))
    expect(reasonOf(limit)).toBe('limit')
    expect((limit as SystemUserError).message).toContain('(1 system user and 1 admin system user)')
    expect((limit as SystemUserError).offerBusinessSettings).toBe(true)
  })

  it('passes everything else through: a dead caller, throttling, the network', () => {
    const dead = graphError(190, 'Error validating access token: Session has expired on Thursday, 06-Oct-22 00:00:00 PDT.', { error_subcode: 463 })
    expect(classifyStep('mint', dead)).toBe(dead)
    const throttled = graphError(17, '(#17) User request limit reached')
    expect(classifyStep('install', throttled)).toBe(throttled)
    const plain = new Error('boom')
    expect(classifyStep('list', plain)).toBe(plain)
  })
})

describe('the allowance read from the seed table for the live tier', () => {
  it('is Development (1 + 1) for Limited, Standard (10 + 1) for Full, and both when unknown', () => {
    expect(allowanceFor('development_access')).toMatchObject({ level: 'development', regular: 1, admin: 1, apiMinting: false, todayName: 'Limited' })
    expect(allowanceFor('standard_access')).toMatchObject({ level: 'standard', regular: 10, admin: 1, apiMinting: true, todayName: 'Full' })
    expect(allowanceWords(allowanceFor(null))).toBe('The access level is not known yet: Limited access allows 1 system user and 1 admin system user, Full access 10 and 1.')
    expect(allowanceWords(allowanceFor('development_access'))).toBe('The Development level (Limited today) allows 1 system user and 1 admin system user.')
  })
})

function info(patch: Partial<TokenDebugInfo> = {}): TokenDebugInfo {
  return {
    isValid: true,
    type: 'SYSTEM_USER',
    appId: '1234',
    application: 'Practice',
    userId: '555',
    profileId: null,
    issuedAt: NOW,
    expiresAt: null,
    neverExpires: true,
    dataAccessExpiresAt: null,
    scopes: ['ads_read', 'ads_management'],
    granularScopes: [],
    metadata: {},
    error: null,
    ...patch,
  }
}

describe('checking a minted token before it is stored', () => {
  const asked = { scopes: ['ads_read', 'ads_management'], expiresIn60Days: false }
  it('accepts what was asked for, and a 60-day token expiring in 60 days', () => {
    expect(() => checkMinted(info(), asked, '1234', NOW)).not.toThrow()
    expect(() => checkMinted(info({ neverExpires: false, expiresAt: NOW + 60 * DAY }), { ...asked, expiresIn60Days: true }, '1234', NOW)).not.toThrow()
  })
  it.each([
    ['not valid', info({ isValid: false }), /debug_token says it does not work/],
    ['a user token', info({ type: 'USER' }), /calls it a USER, not a system-user token/],
    ['another app', info({ appId: '9999' }), /belongs to another app/],
    ['expiring when never was asked', info({ neverExpires: false, expiresAt: NOW + 60 * DAY }), /expires although a never-expiring token was asked for/],
  ])('refuses a token that is %s', (_label, minted, words) => {
    expect(() => checkMinted(minted, asked, '1234', NOW)).toThrow(words)
  })
  it('names a permission Facebook left out', () => {
    expect(() => checkMinted(info({ scopes: ['ads_read'] }), asked, '1234', NOW)).toThrow(/Facebook refused ads_management/)
  })
  it('refuses a 60-day ask that came back never-expiring or with 90 days', () => {
    expect(() => checkMinted(info(), { ...asked, expiresIn60Days: true }, '1234', NOW)).toThrow(/does not expire in 60 days/)
    expect(() => checkMinted(info({ neverExpires: false, expiresAt: NOW + 90 * DAY }), { ...asked, expiresIn60Days: true }, '1234', NOW)).toThrow(/does not expire in 60 days/)
  })
})

describe('whether a replacement can stand in for the stored token', () => {
  const old: TokenMeta = {
    name: 'Robot', kind: 'SYSTEM_USER', last4: 'abcd', appId: '1234', userId: '555', profileId: null, scopes: ['ads_read', 'ads_management'],
    purpose: 'manage-ads', expiresAt: null, neverExpires: true, dataAccessExpiresAt: null, status: 'valid', problem: null, lastCheckedAt: NOW,
    diedAt: null, parentId: null, createdAt: NOW,
  }
  it('accepts the same kind for the same system user with every permission', () => {
    expect(replacementProblem(info(), old, '1234')).toBeNull()
    expect(replacementProblem(info({ scopes: ['ads_read', 'ads_management', 'business_management'] }), old, '1234')).toBeNull()
  })
  it.each([
    ['another system user', info({ userId: '556' }), 'it is for another system user'],
    ['another kind', info({ type: 'USER' }), 'it is a USER, not a SYSTEM_USER token'],
    ['fewer permissions', info({ scopes: ['ads_read'] }), 'it lacks ads_management, which the old token had'],
    ['another expiry kind', info({ neverExpires: false, expiresAt: NOW + 60 * DAY }), 'its expiry is not the kind the old token had'],
    ['another app', info({ appId: '42' }), 'it belongs to another app'],
  ])('refuses %s', (_label, replacement, why) => {
    expect(replacementProblem(replacement, old, '1234')).toBe(why)
  })
  it('compares Page tokens by Page', () => {
    const page: TokenMeta = { ...old, kind: 'PAGE', profileId: '777', scopes: ['pages_show_list'] }
    expect(replacementProblem(info({ type: 'PAGE', profileId: '777', scopes: ['pages_show_list'] }), page, '1234')).toBeNull()
    expect(replacementProblem(info({ type: 'PAGE', profileId: '778', scopes: ['pages_show_list'] }), page, '1234')).toBe('it is for another Page')
  })
})
