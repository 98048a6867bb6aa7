/**
 * passport-facebook, unchanged, in a small web app of its own: the whole code flow (state and
 * PKCE kept by passport-oauth2 in a cookie session), the code exchange and its profile call, all
 * against a started practice sandbox. The app is registered the way a developer registers one:
 * through the control API's createApp, with its own redirect URI and "Require App Secret" on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import passportModule from 'passport'
import { Strategy as FacebookStrategy, type Profile, type StrategyOptions } from 'passport-facebook'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { start } from '../sandbox/helpers'
import { libraryVersion } from './library-version'

const LIBRARY = libraryVersion('passport-facebook')
const WITH = [libraryVersion('passport-oauth2'), libraryVersion('passport')].join(', ')

interface AppReply {
  status: number
  json: { profile?: Omit<Profile, '_json'>; tokenKind?: string; error?: { name: string; message: string; code?: number } }
}

let sb: Sandbox
let server: Server
let appUrl: string
beforeAll(() => {
  console.log(`Running ${LIBRARY} (with ${WITH}) against the practice sandbox.`)
})
beforeEach(async () => {
  sb = await start()
  server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await sb.close()
})

/** Registers an app as the README shows: POST /__sandbox/createApp with the control key. */
async function createApp(settings: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${sb.graphUrl}/__sandbox/createApp`, {
    method: 'POST',
    headers: { 'x-sandbox-key': sb.controlKey, 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { result: { id: string; secret: string } }).result
}

/**
 * The library's own default URLs with Facebook's hosts swapped for the sandbox's: all a script
 * changes. (Its default Graph version is an old one; the sandbox serves it as Graph does.)
 */
function sandboxUrls(): Pick<StrategyOptions, 'authorizationURL' | 'tokenURL' | 'profileURL'> {
  const defaults = new FacebookStrategy({ clientID: 'x', clientSecret: 'x', callbackURL: 'http://x.invalid/' }, () => undefined)
  const swap = (url: string): string => url.replace('https://www.facebook.com', sb.wwwUrl).replace('https://graph.facebook.com', sb.graphUrl)
  return { authorizationURL: swap(defaults._oauth2._authorizeUrl), tokenURL: swap(defaults._oauth2._accessTokenUrl), profileURL: swap(defaults._profileURL) }
}

/** A web app with passport-facebook on /login and /callback, sessions in a cookie-keyed map. */
function serveApp(options: Omit<StrategyOptions, 'callbackURL'>, scope: string[]): void {
  const passport = new passportModule.Passport()
  passport.use(
    new FacebookStrategy({ ...options, callbackURL: `${appUrl}/callback` }, (accessToken, _refresh, profile, done) => {
      const { _json: _raw, ...rest } = profile
      done(null, { profile: rest, tokenKind: sb.tokenInfo(accessToken)?.kind })
    }),
  )
  const sessions = new Map<string, Record<string, unknown>>()
  server.on('request', (req: IncomingMessage & { query?: Record<string, string>; session?: Record<string, unknown> }, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', appUrl)
    req.query = Object.fromEntries(url.searchParams)
    let sid = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1]
    if (sid === undefined || !sessions.has(sid)) {
      sid = randomBytes(16).toString('base64url')
      sessions.set(sid, {})
      res.setHeader('set-cookie', `sid=${sid}; HttpOnly; Path=/`)
    }
    req.session = sessions.get(sid)
    const send = (status: number, json: AppReply['json']): void => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(json))
    }
    const next = (err?: unknown): void => send(500, { error: { name: 'next', message: String(err) } })
    if (url.pathname === '/login') passport.authenticate('facebook', { session: false, scope })(req, res, next)
    else if (url.pathname === '/callback') {
      passport.authenticate('facebook', { session: false }, (err, user, info) => {
        if (err) {
          const e = err as Error & { code?: number }
          send(500, { error: { name: e.name, message: e.message, code: e.code } })
        } else if (!user) send(401, { error: { name: 'refused', message: JSON.stringify(info) } })
        else send(200, user)
      })(req, res, next)
    } else send(404, {})
  })
}

/** A person at a browser: the app's login link, Facebook's consent page, back to the app. */
async function logIn(pkce = false): Promise<AppReply> {
  const login = await fetch(`${appUrl}/login`, { redirect: 'manual' })
  expect(login.status).toBe(302)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const dialog = new URL(login.headers.get('location')!)
  expect(dialog.origin).toBe(sb.wwwUrl)
  expect(dialog.searchParams.get('code_challenge_method')).toBe(pkce ? 'S256' : null)
  expect(dialog.searchParams.get('state')).toBeTruthy()
  const back = await sb.consent(dialog.href)
  expect(back.startsWith(`${appUrl}/callback?code=`)).toBe(true)
  const callback = await fetch(back, { headers: { cookie }, redirect: 'manual' })
  return { status: callback.status, json: (await callback.json()) as AppReply['json'] }
}

describe(`${LIBRARY} against the sandbox`, () => {
  it('runs the full code flow and its profile call, with every profile field it maps', async () => {
    const app = await createApp({ name: 'My Passport App', redirectUris: [`${appUrl}/callback`], appType: 'web', requireAppSecret: true })
    serveApp(
      {
        clientID: app.id,
        clientSecret: app.secret,
        ...sandboxUrls(),
        profileFields: ['id', 'displayName', 'name', 'emails', 'photos'],
        enableProof: true,
        state: true,
        pkce: true,
      },
      ['email'],
    )
    const reply = await logIn(true)
    expect(reply.status).toBe(200)
    expect(reply.json.tokenKind).toBe('USER')
    expect(reply.json.profile).toMatchObject({
      provider: 'facebook',
      id: sb.practiceUser.id,
      displayName: 'Pat Practice',
      name: { familyName: 'Practice', givenName: 'Pat' },
      emails: [{ value: 'pat.practice@example.com' }],
      photos: [{ value: expect.stringContaining(`${sb.wwwUrl}/platform/profilepic/`) as string }],
    })
    expect(reply.json.profile?.name?.middleName).toBeUndefined()
    // The exchange carried the PKCE verifier and the profile call the proof Require App Secret needs.
    const exchange = sb.requests.find((r) => r.path.endsWith('/oauth/access_token'))!
    expect(exchange.method).toBe('POST')
    expect(exchange.params.code_verifier).toMatch(/^[\w-]{43,128}$/)
    const profileCall = sb.requests.find((r) => r.path.endsWith('/me'))!
    expect(profileCall.params.fields).toBe('id,name,last_name,first_name,middle_name,email,picture')
    expect(profileCall.params.appsecret_proof).toMatch(/^[0-9a-f]{64}$/)
  })

  it('gets a profile without emails when the person was not asked for email: no error', async () => {
    const app = await createApp({ redirectUris: [`${appUrl}/callback`] })
    serveApp({ clientID: app.id, clientSecret: app.secret, ...sandboxUrls(), profileFields: ['id', 'name', 'emails'], state: true }, [])
    const reply = await logIn()
    expect(reply.status).toBe(200)
    expect(reply.json.profile).toMatchObject({ id: sb.practiceUser.id, name: { familyName: 'Practice', givenName: 'Pat' } })
    expect(reply.json.profile).not.toHaveProperty('emails')
  })

  it('surfaces Require App Secret as its FacebookGraphAPIError when the strategy sends no proof', async () => {
    const app = await createApp({ redirectUris: [`${appUrl}/callback`], requireAppSecret: true })
    serveApp({ clientID: app.id, clientSecret: app.secret, ...sandboxUrls(), state: true }, [])
    const reply = await logIn()
    expect(reply.status).toBe(500)
    expect(reply.json.error).toEqual({ name: 'FacebookGraphAPIError', message: 'API calls from the server require an appsecret_proof argument', code: 100 })
  })
})
