import type { DoctorCheck, DoctorFinding, DoctorReport } from '../../../preload/api'
import { runDoctor, type DoctorInput } from '../../../main/core/doctor'
import { silentLogger } from '../../../main/core/log'
import type { RecordedRequest, ScriptedResponse } from '../../support/scripted-server'
import { APP_ID, NOW, startHarness, type Harness } from '../graph/harness'

/** Graph's error body (graph-api.md §7.1), as the captures quote it. */
export const err = (code: number, message: string, type = 'OAuthException', status = 400): ScriptedResponse => ({ status, body: { error: { message, type, code, fbtrace_id: 'AbCdEfGh123' } } })

/** The real default answer of `GET /{app-id}` (graph-api-doctor.md §1.1), plus the fields the doctor asks for. */
export const APP_NODE = {
  category: 'Business',
  link: `https://www.facebook.com/games/?app_id=${APP_ID}`,
  name: 'My Ads Tool',
  namespace: 'myadstool',
  business: { id: '111', name: 'My Biz' },
  privacy_policy_url: 'https://example.com/privacy',
  supported_platforms: ['WEB'],
  id: APP_ID,
}

/** One answer per question the doctor may ask; a healthy app by default. */
export interface World {
  credentials: ScriptedResponse
  node: ScriptedResponse
  roles: ScriptedResponse
  permissions: ScriptedResponse
  /** `GET /me` without a proof. */
  me: ScriptedResponse
}

export const HEALTHY: World = {
  credentials: { body: { access_token: `${APP_ID}|generated`, token_type: 'bearer' } },
  node: { headers: { 'facebook-api-version': 'v27.0' }, body: APP_NODE },
  // The capture of §1.2 (no app_id), with "insights".
  roles: { body: { data: [{ user: '1182', role: 'administrators' }, { user: '4195', role: 'developers' }, { user: '2498', role: 'insights' }] } },
  permissions: { body: { data: ['ads_management', 'ads_read', 'business_management', 'pages_show_list', 'pages_read_engagement'].map((permission) => ({ permission, status: 'live' })) } },
  me: err(100, 'API calls from the server require an appsecret_proof argument', 'GraphMethodException'),
}

function route(world: World, request: RecordedRequest): ScriptedResponse {
  const path = request.path.replace(/^\/v\d+\.\d+/, '')
  if (path === '/oauth/access_token') return world.credentials
  if (path === `/${APP_ID}`) return world.node
  if (path === `/${APP_ID}/roles`) return world.roles
  if (path === `/${APP_ID}/permissions`) return world.permissions
  if (path === '/me') return world.me
  return { status: 418, body: { error: { message: `unscripted ${path}`, type: 'Test', code: -1 } } }
}

export interface Diagnosis {
  report: DoctorReport
  h: Harness
  of(check: DoctorCheck): DoctorFinding
}

/** Runs the doctor against a scripted Graph answering as `world` says. */
export async function diagnose(world: Partial<World> = {}, input: Partial<DoctorInput> = {}, apiVersion?: string): Promise<Diagnosis> {
  const h = await startHarness({ retry: { maxAttempts: 1 }, ...(apiVersion ? { apiVersion } : {}) })
  const full = { ...HEALTHY, ...world }
  h.server.otherwise((request) => route(full, request))
  const report = await runDoctor({
    appId: APP_ID,
    neededScopes: ['ads_management', 'ads_read', 'business_management', 'pages_show_list', 'pages_read_engagement'],
    purposeLabel: 'manage ads',
    userToken: null,
    person: null,
    dialogPage: null,
    dialogProbe: null,
    now: NOW,
    log: silentLogger,
    ...input,
    graph: h.client,
  })
  return {
    report,
    h,
    of: (check) => {
      const found = report.findings.find((f) => f.check === check)
      if (!found) throw new Error(`no finding for ${check}`)
      return found
    },
  }
}
