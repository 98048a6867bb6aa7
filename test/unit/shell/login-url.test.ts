import { describe, expect, it } from 'vitest'
import {
  FACEBOOK_ONLY,
  isAllowedLoginUrl,
  isRedirectTarget,
  policyForDialog,
  redirectFilterPattern,
} from '../../../main/shell/login-url'

describe('isAllowedLoginUrl (R3)', () => {
  it.each([
    'https://www.facebook.com/v21.0/dialog/oauth?client_id=1',
    'https://facebook.com/login.php',
    'https://m.facebook.com/login/',
    'https://web.facebook.com/checkpoint/',
    'https://WWW.FACEBOOK.COM/login',
  ])('allows %s', (url) => {
    expect(isAllowedLoginUrl(url, FACEBOOK_ONLY)).toBe(true)
  })

  it.each([
    ['look-alike suffix', 'https://www.facebook.com.evil.com/'],
    ['userinfo trick', 'https://www.facebook.com@evil.com/'],
    ['userinfo on the real host', 'https://evil.com:x@www.facebook.com/'],
    ['http', 'http://www.facebook.com/'],
    ['other port', 'https://www.facebook.com:8443/'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['file', 'file:///etc/passwd'],
    ['custom scheme', 'fb://login'],
    ['facebook in the query', 'https://evil.com/?next=https://www.facebook.com'],
    ['sub-domain not on the list', 'https://evil.facebook.com/'],
    ['CDN host is not a page', 'https://static.xx.fbcdn.net/rsrc.php'],
    ['trailing-dot host', 'https://www.facebook.com./'],
    ['punycode look-alike', 'https://www.xn--facebok-y0a.com/'],
    ['backslash trick', 'https://evil.com\\@www.facebook.com/'],
    ['malformed', 'https://'],
    ['empty', ''],
    ['not a URL', 'www.facebook.com'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedLoginUrl(url, FACEBOOK_ONLY)).toBe(false)
  })

  it('never throws on odd input', () => {
    const odd: unknown[] = [undefined, null, 42, {}, 'x'.repeat(10_000)]
    for (const value of odd) {
      expect(isAllowedLoginUrl(value as string, FACEBOOK_ONLY)).toBe(false)
    }
  })

  it('allows the practice sandbox origin only for a dialog served on loopback', () => {
    const policy = policyForDialog('http://127.0.0.1:41234/v21.0/dialog/oauth?x=1')
    expect(policy.loopbackOrigins).toEqual(['http://127.0.0.1:41234'])
    expect(isAllowedLoginUrl('http://127.0.0.1:41234/login', policy)).toBe(true)
    expect(isAllowedLoginUrl('http://127.0.0.1:41235/login', policy)).toBe(false)
    expect(isAllowedLoginUrl('http://localhost:41234/login', policy)).toBe(false)
    expect(isAllowedLoginUrl('https://www.facebook.com/', policy)).toBe(true)
    expect(policyForDialog('https://www.facebook.com/v21.0/dialog/oauth')).toBe(FACEBOOK_ONLY)
    expect(policyForDialog('http://10.0.0.1:80/dialog').loopbackOrigins).toEqual([])
  })
})

describe('isRedirectTarget', () => {
  const redirect = 'https://www.facebook.com/connect/login_success.html'
  it.each([
    `${redirect}?code=AQabc&state=s`,
    `${redirect}#access_token=EAAB&expires_in=3600`,
    `${redirect}?error=access_denied#_=_`,
  ])('catches %s', (url) => {
    expect(isRedirectTarget(url, redirect)).toBe(true)
  })
  it.each([
    'https://www.facebook.com/connect/login_success.html.evil',
    'https://www.facebook.com/connect/login_success.htm',
    'https://m.facebook.com/connect/login_success.html',
    'http://www.facebook.com/connect/login_success.html',
    'https://x@www.facebook.com/connect/login_success.html',
    'https://www.facebook.com/dialog/oauth',
    'garbage',
  ])('ignores %s', (url) => {
    expect(isRedirectTarget(url, redirect)).toBe(false)
  })
  it('builds the webRequest filter from origin and path', () => {
    expect(redirectFilterPattern(`${redirect}?a=1`)).toBe(`${redirect}*`)
    expect(redirectFilterPattern('http://127.0.0.1:5000/cb')).toBe('http://127.0.0.1:5000/cb*')
    expect(redirectFilterPattern('nope')).toBeNull()
  })
})
