import { describe, expect, it } from 'vitest'
import { describeEnvProxy } from '../../../main/core/net/env-fetch'
import { bypassesProxy, proxyDisplayName, proxyFor, proxyOf, proxySettings, withProxy } from '../../../main/core/net/proxy'
import { networkErrorInfo } from '../../../main/core/graph/classify'

describe('proxy variables', () => {
  it('reads lower case before upper case, and lets https fall back to the HTTP proxy', () => {
    const s = proxySettings({ HTTP_PROXY: 'http://upper:1', http_proxy: 'http://lower:2', NO_PROXY: 'a.example' })
    expect(s).toMatchObject({ httpProxy: 'http://lower:2', httpsProxy: 'http://lower:2', noProxy: 'a.example', sources: { http: 'http_proxy', https: 'http_proxy' } })
    expect(proxySettings({ HTTPS_PROXY: 'http://s:3', HTTP_PROXY: '  ' })).toMatchObject({ httpProxy: '', httpsProxy: 'http://s:3', sources: { http: null, https: 'HTTPS_PROXY' } })
  })

  it('matches NO_PROXY by host, subdomain, port and *', () => {
    const url = new URL('https://graph.facebook.com/v26.0/me')
    expect(bypassesProxy(url, 'facebook.com')).toBe(true)
    expect(bypassesProxy(url, '.facebook.com')).toBe(true)
    expect(bypassesProxy(url, '*.facebook.com')).toBe(true)
    expect(bypassesProxy(url, 'graph.facebook.com:443')).toBe(true)
    expect(bypassesProxy(url, 'graph.facebook.com:8443')).toBe(false)
    expect(bypassesProxy(url, 'book.com')).toBe(false)
    expect(bypassesProxy(url, '*')).toBe(true)
    expect(bypassesProxy(url, '')).toBe(false)
  })

  it('names the proxy a request uses, without credentials, and marks errors with it', () => {
    const settings = proxySettings({ HTTPS_PROXY: 'http://bob:pw@proxy.corp:3128', NO_PROXY: 'localhost' })
    expect(proxyFor(new URL('https://graph.facebook.com/'), settings)).toBe('http://proxy.corp:3128 (from HTTPS_PROXY)')
    expect(proxyFor(new URL('https://localhost/'), settings)).toBeNull()
    expect(proxyDisplayName('proxy.corp:8080')).toBe('http://proxy.corp:8080')
    const error = withProxy(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }), 'http://proxy.corp:3128')
    expect(proxyOf(error)).toBe('http://proxy.corp:3128')
    expect(proxyOf(new Error('outer', { cause: error }))).toBe('http://proxy.corp:3128')
    expect(proxyOf(new Error('plain'))).toBeNull()
    expect(Object.keys(error)).toEqual([])
    expect(describeEnvProxy({ https_proxy: 'http://u:p@proxy.corp:1', NO_PROXY: 'x' })).toBe('Graph API requests: http://proxy.corp:1 (from https_proxy); NO_PROXY: x')
    expect(describeEnvProxy({})).toMatch(/^none/)
  })

  it('a network failure message names the proxy only when one was used', () => {
    expect(networkErrorInfo(false).message).toBe('Could not reach Facebook.')
    expect(networkErrorInfo(false, 'http://p:1 (from HTTPS_PROXY)').message).toBe('Could not reach Facebook through the proxy http://p:1 (from HTTPS_PROXY).')
    expect(networkErrorInfo(true, 'p:1 (from the system proxy settings)').message).toBe('Facebook did not answer in time through the proxy p:1 (from the system proxy settings).')
  })
})
