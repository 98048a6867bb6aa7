import { describe, expect, it } from 'vitest'
import { PendingLogins, newPendingLogin } from '../../../main/core/tokens/pending-login'
import { constantTimeEqual, s256 } from '../../../main/core/tokens/pkce'
import { isRegisteredRedirect, parseRedirect } from '../../../main/core/tokens/redirect'

const REDIRECT = 'https://www.facebook.com/connect/login_success.html'

function setup() {
  const pending = new PendingLogins()
  const login = newPendingLogin({ redirectUri: REDIRECT, scopes: ['ads_read'], usePkce: true, now: 0 })
  pending.add(login)
  return { pending, login }
}

describe('newPendingLogin', () => {
  it('makes a 256-bit state and an S256 challenge of a 43-character verifier', () => {
    const { login } = setup()
    expect(login.state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(login.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(login.challenge).toBe(s256(login.verifier!))
    const other = newPendingLogin({ redirectUri: REDIRECT, scopes: [], usePkce: true, now: 0 })
    expect(other.state).not.toBe(login.state)
    expect(other.verifier).not.toBe(login.verifier)
  })

  it('has no verifier or challenge when PKCE is off', () => {
    const login = newPendingLogin({ redirectUri: REDIRECT, scopes: [], usePkce: false, now: 0 })
    expect(login.verifier).toBeNull()
    expect(login.challenge).toBeNull()
  })

  it('matches the RFC 7636 appendix B test vector', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })
})

describe('constantTimeEqual', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', '', true],
  ])('%s vs %s', (a, b, expected) => {
    expect(constantTimeEqual(a, b)).toBe(expected)
  })
})

describe('parseRedirect', () => {
  it('reads a code from the query and ignores #_=_', () => {
    const { pending, login } = setup()
    const r = parseRedirect(`${REDIRECT}?code=AQcode123&state=${login.state}#_=_`, REDIRECT, pending)
    expect(r.kind).toBe('code')
    if (r.kind === 'code') {
      expect(r.code).toBe('AQcode123')
      expect(r.login.verifier).toBe(login.verifier)
    }
  })

  it('reads a token from the fragment', () => {
    const { pending, login } = setup()
    const url = `${REDIRECT}#access_token=EAAtoken&data_access_expiration_time=1719799969&expires_in=6431&state=${login.state}`
    const r = parseRedirect(url, REDIRECT, pending)
    expect(r).toMatchObject({ kind: 'token', token: 'EAAtoken', expiresIn: 6431, dataAccessExpiresAtSeconds: 1719799969 })
  })

  it('turns access_denied into a cancel', () => {
    const { pending, login } = setup()
    const url = `${REDIRECT}?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=${login.state}#_=_`
    expect(parseRedirect(url, REDIRECT, pending).kind).toBe('cancelled')
  })

  it('is single use: a replayed redirect is refused', () => {
    const { pending, login } = setup()
    const url = `${REDIRECT}?code=AQcode&state=${login.state}`
    expect(parseRedirect(url, REDIRECT, pending).kind).toBe('code')
    expect(parseRedirect(url, REDIRECT, pending)).toMatchObject({ kind: 'error', error: 'unknown-state' })
  })

  it('refuses a forged state and keeps the real attempt pending', () => {
    const { pending, login } = setup()
    expect(parseRedirect(`${REDIRECT}?code=AQx&state=forged`, REDIRECT, pending)).toMatchObject({ error: 'unknown-state' })
    expect(parseRedirect(`${REDIRECT}?code=AQx`, REDIRECT, pending)).toMatchObject({ error: 'missing-state' })
    expect(parseRedirect(`${REDIRECT}?code=AQx&state=${login.state}`, REDIRECT, pending).kind).toBe('code')
  })

  it.each([
    'https://www.facebook.com/connect/other.html?code=x&state=s',
    'https://www.facebook.com.evil.com/connect/login_success.html?code=x&state=s',
    'https://evil.com/connect/login_success.html?code=x&state=s',
    'http://www.facebook.com/connect/login_success.html?code=x&state=s',
    'https://user:pass@www.facebook.com/connect/login_success.html?code=x&state=s',
    'https://www.facebook.com/connect/login_success.html%2F..%2Fx?code=x&state=s',
  ])('refuses %s', (url) => {
    const { pending } = setup()
    expect(parseRedirect(url, REDIRECT, pending)).toMatchObject({ kind: 'error', error: 'not-the-redirect' })
    expect(pending.size).toBe(1)
  })

  it.each(['', 'not a url', 'javascript:alert(1)', '%%%'])('never throws on garbage: %s', (url) => {
    const { pending } = setup()
    expect(parseRedirect(url, REDIRECT, pending).kind).toBe('error')
  })

  it('compares origin and path exactly', () => {
    expect(isRegisteredRedirect(`${REDIRECT}?a=1`, REDIRECT)).toBe(true)
    expect(isRegisteredRedirect('https://www.facebook.com/connect/login_success.html/', REDIRECT)).toBe(false)
    expect(isRegisteredRedirect('https://example.com/cb/', 'https://example.com/cb/')).toBe(true)
  })
})
