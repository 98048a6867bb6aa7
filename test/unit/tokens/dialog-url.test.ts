import { describe, expect, it } from 'vitest'
import { dialogUrl } from '../../../main/core/tokens/dialog-url'

const SITE = { wwwUrl: 'https://www.facebook.com/', apiVersion: 'v27.0', appId: '1234567890' }
const REDIRECT = 'https://www.facebook.com/connect/login_success.html'
const params = (url: string): Record<string, string> => Object.fromEntries(new URL(url).searchParams)

describe('the classic dialog', () => {
  it('names the permissions in scope and sends the S256 challenge with its method', () => {
    const url = dialogUrl(SITE, { redirectUri: REDIRECT, state: 'st4te', login: { kind: 'classic', scopes: ['ads_read', 'pages_show_list'] }, codeChallenge: 'ch4llenge', authType: 'rerequest' })
    expect(url.split('?')[0]).toBe('https://www.facebook.com/v27.0/dialog/oauth')
    expect(params(url)).toEqual({
      client_id: '1234567890', redirect_uri: REDIRECT, state: 'st4te', response_type: 'code', scope: 'ads_read,pages_show_list',
      auth_type: 'rerequest', code_challenge: 'ch4llenge', code_challenge_method: 'S256',
    })
  })

  it('sends no PKCE fields without a challenge, no scope when none, and the token response type when asked', () => {
    const p = params(dialogUrl(SITE, { redirectUri: REDIRECT, state: 's', login: { kind: 'classic', scopes: [] }, responseType: 'token' }))
    expect(p).toEqual({ client_id: '1234567890', redirect_uri: REDIRECT, state: 's', response_type: 'token' })
  })
})

describe('the Login for Business dialog', () => {
  it('sends config_id, response_type=code and state, and no scope and no PKCE', () => {
    const p = params(dialogUrl(SITE, { redirectUri: REDIRECT, state: 'st4te', login: { kind: 'business', configId: '998877665544' } }))
    expect(p).toEqual({
      client_id: '1234567890', redirect_uri: REDIRECT, state: 'st4te', response_type: 'code', config_id: '998877665544',
      override_default_response_type: 'true',
    })
    expect(p).not.toHaveProperty('scope')
    expect(p).not.toHaveProperty('code_challenge')
  })

  it('drops a challenge even if one is forced in, and keeps auth_type (switching the Facebook user)', () => {
    const forced = { redirectUri: REDIRECT, state: 's', login: { kind: 'business' as const, configId: '42' }, authType: 'reauthenticate' as const, codeChallenge: 'x'.repeat(43) }
    const p = params(dialogUrl(SITE, forced))
    expect(p.code_challenge).toBeUndefined()
    expect(p.code_challenge_method).toBeUndefined()
    expect(p.auth_type).toBe('reauthenticate')
  })

  it('asks for the token response type when told, without the override meant for code', () => {
    const p = params(dialogUrl(SITE, { redirectUri: REDIRECT, state: 's', login: { kind: 'business', configId: '42' }, responseType: 'token' }))
    expect(p.response_type).toBe('token')
    expect(p.config_id).toBe('42')
    expect(p).not.toHaveProperty('override_default_response_type')
    expect(p).not.toHaveProperty('scope')
  })
})
