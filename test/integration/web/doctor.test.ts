/**
 * The doctor through the web host over real HTTP, the real core in practice mode: each app-side
 * failure, Check my app's report, and a login whose popup would have shown Facebook's refusal
 * page showing Token Desk's explanation instead.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DOCTOR_CHECKS, type AppState, type Break, type DoctorReport, type MissingDiagnosis } from '../../../preload/api'
import { driveConsent } from '../../../main/core/sandbox/consent-client'
import { startRealHost, type RealHost } from './real-host'

let r: RealHost
beforeAll(async () => {
  r = await startRealHost()
  expect((await r.call('startPractice', {})).ok).toBe(true)
}, 30_000)
afterAll(() => r.stop())
beforeEach(async () => {
  expect((await r.call('practice', { action: 'repair-app' })).ok).toBe(true)
  await r.call('resetWizard', {})
})

async function value<T>(method: Parameters<RealHost['call']>[0], input: object): Promise<T> {
  const reply = await r.call(method, input)
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`)
  return reply.value as T
}

/** The bridge call and the popup, as the renderer and the browser make them. */
async function loginWithPopup(input: object = {}): Promise<{ state: AppState; popup: Response }> {
  const reply = value<AppState>('login', input)
  const popup = await r.popupStart()
  if (popup.status === 302) {
    const back = await driveConsent(popup.headers.get('location')!)
    expect((await r.get(back)).status).toBe(303)
  }
  return { state: await reply, popup }
}

const findingOf = (report: DoctorReport | null, check: string) => report?.findings.find((f) => f.check === check)

describe('Check my app over HTTP', () => {
  it('reports the healthy practice app', async () => {
    const state = await value<AppState>('checkApp', {})
    expect(state.doctor?.outcome).toBe('pass')
    expect(state.doctor?.findings).toHaveLength(DOCTOR_CHECKS.length)
  })

  it.each<[Break, string]>([
    ['blocked', 'app-access'],
    ['wrong-secret', 'credentials'],
    ['ip-allow-list', 'ip-allow-list'],
    ['redirect-uri', 'login-dialog'],
    ['development-mode', 'login-dialog'],
    ['login-unavailable', 'login-dialog'],
  ])('after Break my app (%s) fails %s', async (what, check) => {
    await value<AppState>('practice', { action: 'break-app', what })
    const state = await value<AppState>('checkApp', {})
    expect(state.doctor?.outcome).toBe('failure')
    expect(findingOf(state.doctor, check)?.status).toBe('failure')
  })

  it('warns about a Native/Desktop app', async () => {
    await value<AppState>('practice', { action: 'break-app', what: 'native-desktop' })
    const state = await value<AppState>('checkApp', {})
    expect(findingOf(state.doctor, 'app-type')?.status).toBe('warning')
  })
})

describe('a login refused by Facebook, through the popup', () => {
  it.each<[Break, string, RegExp]>([
    ['redirect-uri', 'URL Blocked', /Valid OAuth Redirect URIs/],
    ['development-mode', 'App Not Setup', /App roles/],
    ['login-unavailable', 'Feature Unavailable', /Data Use Checkup/],
  ])('%s: the popup says why instead of Facebook’s page, and the wizard shows the fix', async (what, shown, fix) => {
    await value<AppState>('practice', { action: 'break-app', what })
    await value<AppState>('choosePurpose', { purpose: 'manage-pages' })
    const { state, popup } = await loginWithPopup()
    expect(popup.status).toBe(200)
    expect(popup.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await popup.text()).toContain(`Facebook showed “${shown}”`)
    expect(state.wizard).toMatchObject({ step: 'failed', dialog: { shown } })
    if (state.wizard.step !== 'failed') return
    expect(`${state.wizard.dialog?.fix} ${state.wizard.dialog?.where}`).toMatch(fix)
    expect(findingOf(state.doctor, 'login-dialog')?.status).toBe('failure')
  })
})

describe('Not in the list? over HTTP', () => {
  it('places a Page left out at login, then one re-request login brings it', async () => {
    await value<AppState>('choosePurpose', { purpose: 'manage-pages' })
    const s = r.sandbox()
    const [first, second, third] = s.pages
    // The person unticks the third Page in Facebook's chooser.
    const reply = value<AppState>('login', {})
    const popup = await r.popupStart()
    const back = await driveConsent(popup.headers.get('location')!, { pages: [first!.id, second!.id] })
    await r.get(back)
    const partial = await reply
    if (partial.wizard.step !== 'pages') throw new Error(`expected pages, got ${partial.wizard.step}`)
    expect(partial.wizard.pages).toHaveLength(2)
    const why = await value<MissingDiagnosis>('whyMissing', { kind: 'page', query: third!.id })
    expect(why).toMatchObject({ case: 'not-selected', action: 'rerequest' })
    const again = value<AppState>('login', { authType: 'rerequest' })
    const popup2 = await r.popupStart()
    expect(popup2.headers.get('location')).toContain('auth_type=rerequest')
    await r.get(await driveConsent(popup2.headers.get('location')!, { pages: [first!.id, second!.id, third!.id] }))
    const full = await again
    if (full.wizard.step !== 'pages') throw new Error('expected pages')
    expect(full.wizard.pages.map((p) => p.id)).toEqual([first!.id, second!.id, third!.id])
  })

  it('refuses a malformed question at the door', async () => {
    const reply = await r.call('whyMissing', { kind: 'everything', query: 'x' })
    expect(reply.ok).toBe(false)
  })
})
