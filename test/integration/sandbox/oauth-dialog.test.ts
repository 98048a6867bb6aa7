import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, dialogUrl, start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start({ extraRedirectUris: ['http://127.0.0.1:9/callback'] })
})
afterEach(() => sb.close())

async function get(url: string): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(url, { redirect: 'manual' })
  return { status: res.status, html: await res.text(), headers: res.headers }
}

describe('login dialog', () => {
  it('renders an accessible consent page with no script, an Allow box per permission (ticked: untick to decline), Continue and Cancel', async () => {
    const page = await get(dialogUrl(sb, { scope: 'ads_read pages_show_list' }))
    expect(page.status).toBe(200)
    expect(page.html).toContain('Token Desk Practice is requesting access')
    expect(page.html).toContain('Pat Practice')
    expect(page.html).not.toMatch(/<script/i)
    expect(page.html).toMatch(/<form method="post"/)
    expect(page.html).toContain('<label for="allow-ads_read">Allow <code>ads_read</code></label>')
    expect(page.html).toContain('name="allow" value="pages_show_list" checked')
    expect(page.html).toContain('name="offered" value="pages_show_list"')
    expect(page.html).not.toContain('value="public_profile"')
    expect(page.html).not.toMatch(/Don.t allow|Tick a box to decline/)
    expect(page.html).toMatch(/value="continue">Continue as Pat Practice</)
    expect(page.html).toMatch(/value="cancel">Cancel</)
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline')
  })

  it('redirects with a code in the query, the state echoed and #_=_ appended', async () => {
    const location = await sb.consent(dialogUrl(sb))
    const url = new URL(location)
    expect(`${url.origin}${url.pathname}`).toBe(sb.practiceApp.redirectUris[0])
    expect(url.searchParams.get('code')).toMatch(/^AQ[A-Za-z0-9_-]{20,}$/)
    expect(url.searchParams.get('state')).toBe('state-123')
    expect(url.hash).toBe('#_=_')
  })

  it('accepts an extra redirect URI, and the unversioned dialog path', async () => {
    const url = new URL(dialogUrl(sb, { redirect_uri: 'http://127.0.0.1:9/callback' }))
    url.pathname = '/dialog/oauth'
    const location = await sb.consent(url.toString())
    expect(location.startsWith('http://127.0.0.1:9/callback?code=')).toBe(true)
  })

  it('puts token, expires_in, data_access_expiration_time and state in the fragment for response_type=token', async () => {
    const location = await sb.consent(dialogUrl(sb, { response_type: 'token' }))
    const url = new URL(location)
    expect(url.search).toBe('')
    const fragment = new URLSearchParams(url.hash.slice(1))
    expect(fragment.get('access_token')).toMatch(/^EAA[A-Za-z0-9_-]+$/)
    expect(Number(fragment.get('expires_in'))).toBe(7200)
    expect(Number(fragment.get('data_access_expiration_time'))).toBe(Math.floor(sb.clock.now() / 1000) + 90 * 86400)
    expect(fragment.get('state')).toBe('state-123')
    expect(sb.tokenInfo(fragment.get('access_token')!)?.kind).toBe('USER')
  })

  it('reports granted and denied scopes when asked with granted_scopes', async () => {
    const location = await sb.consent(dialogUrl(sb, { response_type: 'token granted_scopes' }), { decline: ['ads_read'] })
    const fragment = new URLSearchParams(new URL(location).hash.slice(1))
    expect(fragment.get('granted_scopes')).toBe('public_profile,pages_show_list')
    expect(fragment.get('denied_scopes')).toBe('ads_read')
  })

  it('turns Cancel into error=access_denied with the real fields', async () => {
    const location = await sb.consent(dialogUrl(sb), { cancel: true })
    expect(location).toBe(
      `${sb.practiceApp.redirectUris[0]}?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=state-123#_=_`,
    )
  })

  it('leaves a declined permission out of the grant, and does not ask it again without rerequest', async () => {
    const code = new URL(await sb.consent(dialogUrl(sb), { decline: ['ads_read'] })).searchParams.get('code')
    expect(code).toBeTruthy()
    const again = await get(dialogUrl(sb))
    expect(again.html).not.toContain('name="allow" value="ads_read"')
    expect(again.html).toContain('You declined <code>ads_read</code> before')
    const rerequest = await get(dialogUrl(sb, { auth_type: 'rerequest' }))
    expect(rerequest.html).toContain('name="allow" value="ads_read"')
  })

  it('works by raw HTTP as a browser submits it', async () => {
    const page = await get(dialogUrl(sb))
    const action = /action="([^"]+)"/.exec(page.html)![1]!
    const request = /name="request" value="([^"]+)"/.exec(page.html)![1]!
    const form = new URLSearchParams({ request, action: 'continue' })
    form.append('decline', 'pages_show_list')
    const res = await fetch(new URL(action, sb.wwwUrl), { method: 'POST', body: form, redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/\?code=AQ.+&state=state-123#_=_$/)
    // The request id is single use: a replayed form is refused.
    const replay = await fetch(new URL(action, sb.wwwUrl), { method: 'POST', body: form, redirect: 'manual' })
    expect(replay.status).toBe(400)
    expect(await replay.text()).toContain('expired or was already answered')
  })

  it.each([
    [{ client_id: '999' }, 'Invalid App ID'],
    [{ redirect_uri: 'http://127.0.0.1:9/callback/extra' }, 'URL Blocked'],
    [{ state: '' }, 'Missing state'],
    [{ scope: 'ads_read,not_a_permission' }, 'Invalid Scopes: not_a_permission'],
    [{ response_type: 'id_token' }, 'Invalid response_type'],
    [{ code_challenge: 'short', code_challenge_method: 'S256' }, 'Invalid code_challenge'],
    [{ code_challenge: 'x'.repeat(43), code_challenge_method: 'S512' }, 'Invalid code_challenge'],
  ])('refuses %o with a page saying %s and no redirect', async (params, words) => {
    const page = await get(dialogUrl(sb, params))
    expect(page.status).toBe(400)
    expect(page.headers.get('location')).toBeNull()
    expect(page.html).toContain(words)
    await expect(sb.consent(dialogUrl(sb, params))).rejects.toThrow(words)
  })

  it('serves login_success.html and 404s elsewhere on the www side', async () => {
    expect((await get(`${sb.wwwUrl}/connect/login_success.html`)).status).toBe(200)
    expect((await get(`${sb.wwwUrl}/${V}/nothing`)).status).toBe(404)
  })

  it('refuses to decline a permission the page does not offer', async () => {
    await expect(sb.consent(dialogUrl(sb), { decline: ['email'] })).rejects.toThrow('no box for email')
  })
})

describe('the consent form as a browser posts it (issue 21, point 14)', () => {
  it('an unticked Allow box is a decline; the ticked ones are granted', async () => {
    const html = (await get(dialogUrl(sb, { scope: 'ads_read pages_show_list' }))).html
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!.replace(/&#(\d+);/g, (_m, c: string) => String.fromCharCode(Number(c)))
    const request = /name="request" value="([^"]+)"/.exec(html)![1]!
    // A browser sends every hidden field and only the ticked boxes: ads_read is unticked here.
    const form = new URLSearchParams({ request, action: 'continue' })
    for (const scope of ['ads_read', 'pages_show_list']) form.append('offered', scope)
    form.append('allow', 'pages_show_list')
    const answer = await fetch(new URL(action, sb.wwwUrl + '/'), { method: 'POST', body: form, redirect: 'manual' })
    const code = new URL(answer.headers.get('location')!).searchParams.get('code')
    expect(code).toBeTruthy()
    const again = await get(dialogUrl(sb, { scope: 'ads_read pages_show_list' }))
    expect(again.html).toContain('You declined <code>ads_read</code> before')
    expect(again.html).not.toContain('name="allow" value="ads_read"')
  })
})
