/**
 * Every doctor check (graph-api-doctor.md §1.8) against scripted Graph answers, the captures of
 * §1 as fixtures: each one's pass, warning, failure and skipped, in plain words with a place.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DOCTOR_CHECKS } from '../../../preload/api'
import { expectPlainWords } from '../../abuse/support/app'
import { APP_ID, APP_SECRET, USER_TOKEN } from '../graph/harness'
import type { HEALTHY} from './world';
import { APP_NODE, diagnose, err, type Diagnosis } from './world'

let d: Diagnosis | null = null
afterEach(async () => {
  await d?.h.server.close()
  d = null
})

const ME = { id: '1182', name: 'Pat Practice' }
const after = { userToken: USER_TOKEN, person: ME }

function everyFindingReadable(diagnosis: Diagnosis): void {
  expect(diagnosis.report.findings.map((f) => f.check)).toEqual([...DOCTOR_CHECKS])
  for (const f of diagnosis.report.findings) {
    expectPlainWords(f.reason)
    if (f.status === 'warning' || f.status === 'failure') {
      expect(f.fix, f.check).not.toBeNull()
      expectPlainWords(f.fix!)
      expect(f.where, f.check).toMatch(/^App Dashboard > /)
    }
  }
  // The report never holds the secret, the app token or the user token.
  const text = JSON.stringify(diagnosis.report)
  for (const secret of [APP_SECRET, USER_TOKEN]) expect(text).not.toContain(secret)
}

describe('a healthy app', () => {
  it('passes everything it can check before a login, and says what waits for one', async () => {
    d = await diagnose()
    everyFindingReadable(d)
    expect(d.report).toMatchObject({ appId: APP_ID, appName: 'My Ads Tool', outcome: 'pass' })
    expect(d.of('require-app-secret').status).toBe('skipped')
    expect(d.of('roles').reason).toMatch(/1 administrator, 1 developer, 1 insights user.*after you log in/)
  })

  it('after a login: the person is an admin and "Require App Secret" is on', async () => {
    d = await diagnose({}, after)
    everyFindingReadable(d)
    expect(d.report.outcome).toBe('pass')
    expect(d.of('roles').reason).toMatch(/^You \(Pat Practice\) are an administrator/)
    expect(d.of('require-app-secret')).toMatchObject({ status: 'pass', reason: expect.stringMatching(/^On:/) as string })
    const probe = d.h.server.requests.find((r) => r.path.endsWith('/me'))!
    expect(probe.query).not.toHaveProperty('appsecret_proof')
  })
})

describe('credentials', () => {
  it('calls a wrong secret a wrong secret, says where to copy it, and skips what needs it', async () => {
    d = await diagnose({ credentials: err(1, 'Error validating client secret.') })
    everyFindingReadable(d)
    expect(d.report.outcome).toBe('failure')
    expect(d.of('credentials')).toMatchObject({ status: 'failure', reason: 'The App Secret is wrong: Facebook refused it for this App ID.', where: expect.stringContaining('App settings > Basic > App secret') as string })
    expect(d.of('app-type').status).toBe('skipped')
    expect(d.of('roles').status).toBe('skipped')
    expect(d.report.findings.map((f) => `${f.reason} ${f.fix ?? ''}`).join(' ')).not.toMatch(/Native/)
    expect(d.h.server.requests.map((r) => r.path)).toEqual(['/v27.0/oauth/access_token'])
  })

  it('says Facebook does not know the App ID', async () => {
    d = await diagnose({ credentials: err(101, 'Error validating application. Invalid application ID.') })
    expect(d.of('credentials')).toMatchObject({ status: 'failure', reason: `Facebook does not know an app with ID ${APP_ID}.` })
  })

  it('is unreachable, and checks nothing else, when Facebook cannot be reached', async () => {
    d = await diagnose({ credentials: { drop: true } })
    expect(d.report.outcome).toBe('unreachable')
    expect(d.report.findings.every((f) => f.status === 'skipped')).toBe(true)
  })
})

describe('app type (Native/Desktop)', () => {
  it('is Native/Desktop only with the evidence: the secret is right and the app token counts as none (104)', async () => {
    d = await diagnose({ node: err(104, 'An access token is required to request this resource.') }, after)
    everyFindingReadable(d)
    expect(d.of('credentials').status).toBe('pass')
    expect(d.of('app-type')).toMatchObject({ status: 'warning', where: expect.stringContaining('Native or desktop app') as string })
    expect(d.of('roles').reason).toMatch(/Native\/Desktop app refuses the app token/)
    expect(d.of('permissions').status).toBe('skipped')
    expect(d.of('require-app-secret').status).toBe('pass')
  })

  it('passes when the app token works', async () => {
    d = await diagnose()
    expect(d.of('app-type').status).toBe('pass')
  })
})

describe('name, category and business', () => {
  it('warns when no business portfolio claimed the app, or it has no privacy policy', async () => {
    d = await diagnose({ node: { body: { ...APP_NODE, business: undefined, owner_business: undefined, privacy_policy_url: undefined } } })
    everyFindingReadable(d)
    const f = d.of('app-settings')
    expect(f.status).toBe('warning')
    expect(f.reason).toMatch(/^The app is “My Ads Tool”, category Business\. No business portfolio has claimed it.*no privacy policy URL/)
    expect(f.where).toContain('Business portfolio')
  })

  it('reads the real default answer, which has neither, as the same warning', async () => {
    const capture = { category: 'Business', link: 'https://www.facebook.com/games/?app_id=679718078830731', name: '\u7c4c\u78bcK\u7dda', namespace: 'cmoneychipk', id: '679718078830731' }
    d = await diagnose({ node: { body: capture } })
    expect(d.of('app-settings').status).toBe('warning')
    expect(d.report.appName).toBe('\u7c4c\u78bcK\u7dda')
  })
})

describe('restrictions', () => {
  it('warns about the documented example (21+, alcohol)', async () => {
    d = await diagnose({ node: { body: { ...APP_NODE, restrictions: { age: '21+', type: 'alcohol' } } } })
    everyFindingReadable(d)
    expect(d.of('restrictions')).toMatchObject({ status: 'warning', reason: expect.stringMatching(/people aged 21\+ and an app of type “alcohol”/) as string })
  })

  it('names countries, and passes without any restriction', async () => {
    d = await diagnose({ node: { body: { ...APP_NODE, restrictions: { location: 'US,CA' } } } })
    expect(d.of('restrictions').reason).toMatch(/people in US, CA/)
    await d.h.server.close()
    d = await diagnose()
    expect(d.of('restrictions').status).toBe('pass')
  })
})

describe('server IP allowlist', () => {
  it('warns when a list is set (this computer is on it, since the call worked)', async () => {
    d = await diagnose({ node: { body: { ...APP_NODE, server_ip_whitelist: '203.0.113.7,198.51.100.2' } } })
    expect(d.of('ip-allow-list')).toMatchObject({ status: 'warning', reason: expect.stringMatching(/must come from 203\.0\.113\.7, 198\.51\.100\.2/) as string })
  })

  it('fails when the list refuses this computer', async () => {
    d = await diagnose({ node: err(5, '(#5) Unauthorized source IP address') })
    everyFindingReadable(d)
    expect(d.of('ip-allow-list').status).toBe('failure')
    expect(d.report.outcome).toBe('failure')
  })
})

describe('roles', () => {
  it('fails for a person without a role when the login page said "App Not Setup", warns otherwise', async () => {
    const stranger = { userToken: USER_TOKEN, person: { id: '9999', name: 'Casey' } }
    d = await diagnose({}, { ...stranger, dialogPage: 'app-not-setup' })
    everyFindingReadable(d)
    expect(d.of('roles')).toMatchObject({ status: 'failure', reason: expect.stringMatching(/^You \(Casey\) have no role on this app.*showed exactly that/) as string })
    await d.h.server.close()
    d = await diagnose({}, stranger)
    expect(d.of('roles').status).toBe('warning')
  })

  it('reads the roles fixture with app_id, and warns an insights user', async () => {
    d = await diagnose({ roles: { body: { data: [{ app_id: APP_ID, user: '1182', role: 'insights users' }] } } }, after)
    expect(d.of('roles')).toMatchObject({ status: 'warning', reason: expect.stringMatching(/^You \(Pat Practice\) are an insights user/) as string })
  })

  it('passes a tester, and skips when the roles cannot be read', async () => {
    d = await diagnose({ roles: { body: { data: [{ user: '1182', role: 'testers' }] } } }, after)
    expect(d.of('roles')).toMatchObject({ status: 'pass', reason: expect.stringMatching(/tester.*cannot change the app’s settings/) as string })
    await d.h.server.close()
    d = await diagnose({ roles: err(100, '(#100) An app access token of this app is required to read the roles') })
    expect(d.of('roles').status).toBe('skipped')
  })
})

describe('approved permissions (shape not confirmed: read defensively)', () => {
  it('passes when every permission the purpose needs is live', async () => {
    d = await diagnose()
    expect(d.of('permissions').reason).toMatch(/^Approved in App Review for every permission Token Desk needs to manage ads/)
  })

  it('warns an admin about unapproved ones, and fails someone without a role', async () => {
    const permissions = { body: { data: [{ permission: 'ads_read', status: 'live' }, { name: 'ads_management', status: 'unapproved' }, { permission: 'pages_show_list' }] } }
    d = await diagnose({ permissions }, after)
    everyFindingReadable(d)
    expect(d.of('permissions')).toMatchObject({ status: 'warning', reason: expect.stringMatching(/^Not approved in App Review: ads_management, business_management, pages_read_engagement\. You can still grant them yourself/) as string })
    await d.h.server.close()
    d = await diagnose({ permissions }, { userToken: USER_TOKEN, person: { id: '9999', name: 'Casey' } })
    expect(d.of('permissions').status).toBe('failure')
  })

  it('skips an empty or refused answer instead of guessing', async () => {
    d = await diagnose({ permissions: { body: { data: [] } } })
    expect(d.of('permissions').status).toBe('skipped')
    await d.h.server.close()
    d = await diagnose({ permissions: err(100, 'Unsupported get request.') })
    expect(d.of('permissions').status).toBe('skipped')
  })
})

describe('Require App Secret (probed after login)', () => {
  it('warns when a call without a proof is accepted', async () => {
    d = await diagnose({ me: { body: { id: '1182' } } }, after)
    everyFindingReadable(d)
    expect(d.of('require-app-secret')).toMatchObject({ status: 'warning', where: expect.stringContaining('Require app secret') as string })
  })

  it('skips when the user token has died', async () => {
    d = await diagnose({ me: err(190, 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.') }, after)
    expect(d.of('require-app-secret').status).toBe('skipped')
  })
})

describe('API access blocked (§1.7), wherever it appears', () => {
  it.each<[string, Partial<typeof HEALTHY>]>([
    ['the app node', { node: err(200, 'API access blocked.') }],
    ['the roles', { roles: err(200, 'API access blocked.') }],
    ['the app token', { credentials: err(200, 'API access blocked.') }],
    ['the proof-less probe', { me: err(200, 'API access blocked.') }],
  ])('fails the app, not a token, when %s says it', async (_where, world) => {
    d = await diagnose(world, after)
    everyFindingReadable(d)
    expect(d.of('app-access')).toMatchObject({ status: 'failure', where: expect.stringContaining('alert at the top') as string })
    expect(d.report.outcome).toBe('failure')
  })
})

describe('the login dialog', () => {
  it('fails with the page a login window recognised, and its fix', async () => {
    d = await diagnose({}, { dialogPage: 'url-blocked' })
    everyFindingReadable(d)
    expect(d.of('login-dialog')).toMatchObject({ status: 'failure', reason: expect.stringMatching(/^Facebook’s login page says “URL Blocked”\./) as string, where: expect.stringContaining('Valid OAuth Redirect URIs') as string })
  })

  it('looks at the dialog without logging in: a refusal page fails, a login form passes, silence is skipped', async () => {
    const html = (title: string, text: string) => `<html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`
    const fetchOf = (body: string | null): typeof fetch => (() => (body === null ? Promise.reject(new TypeError('fetch failed')) : Promise.resolve(new Response(body, { headers: { 'content-type': 'text/html' } }))))
    const probe = (body: string | null) => ({ dialogProbe: { url: 'https://www.facebook.com/v27.0/dialog/oauth?client_id=1', fetch: fetchOf(body) } })
    d = await diagnose({}, probe(html('Insecure Login Blocked', "You can't get an access token or log in to this app from an insecure page. Try re-loading the page as https://")))
    expect(d.of('login-dialog')).toMatchObject({ status: 'failure', reason: expect.stringContaining('Insecure Login Blocked') as string })
    await d.h.server.close()
    d = await diagnose({}, probe(html('Log in to Facebook', 'Email or phone number')))
    expect(d.of('login-dialog').status).toBe('pass')
    await d.h.server.close()
    d = await diagnose({}, probe(null))
    expect(d.of('login-dialog').status).toBe('skipped')
  })
})

describe('versions', () => {
  it('passes the default version served as asked', async () => {
    d = await diagnose()
    expect(d.of('versions')).toMatchObject({ status: 'pass', reason: expect.stringMatching(/^Token Desk asks for v27\.0 \(no end date announced yet/) as string })
  })

  it('warns when the version is near its end', async () => {
    // A client asking for v20.0 on 1 August 2026: it ends on 24 September 2026, in 54 days.
    d = await diagnose({ node: { headers: { 'facebook-api-version': 'v20.0' }, body: APP_NODE } }, {}, 'v20.0')
    everyFindingReadable(d)
    expect(d.of('versions')).toMatchObject({ status: 'warning', reason: expect.stringMatching(/^Token Desk asks for v20\.0 \(served until 24 September 2026.*v20\.0 ends on 24 September 2026, in 54 days/) as string })
  })

  it('shows requested vs served when the app’s floor serves a newer one', async () => {
    d = await diagnose({ node: { headers: { 'facebook-api-version': 'v25.0' }, body: APP_NODE } }, {}, 'v23.0')
    expect(d.of('versions').reason).toMatch(/^Token Desk asks for v23\.0, answered as v25\.0.*Facebook serves an app no version older than the one it first called with/)
  })
})
