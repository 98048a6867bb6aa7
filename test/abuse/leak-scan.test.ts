/**
 * The leak scan: the end-to-end journeys through the web host over real HTTP, with the real
 * core in practice mode and the login popup round trip driven as a browser would drive it.
 * Afterwards every token, code, verifier, state, secret and proof the sandbox saw, plus the web
 * host's launch key and session cookie, is searched for in the data folder, every log record, the
 * log files electron-log wrote, every bridge reply (the diagnostics report among them) and
 * server-sent event read over HTTP, and this test's stdout and stderr.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppState, Method } from '../../preload/api'
import { openFileLog, type FileLog } from '../../main/core/logging/file-log'
import { driveConsent } from '../../main/core/sandbox/consent-client'
import { filesUnder } from '../integration/app/harness'
import { createNodeCipher, openVault } from '../../main/core/vault'
import type { TokenMeta } from '../../main/core/tokens/record'
import { ensureBuiltCli, runBuilt } from '../integration/cli/support'
import { composeDesktop, DESKTOP_PASSPHRASE } from '../integration/desktop/composed'
import { startRealHost, type RealHost } from '../integration/web/real-host'
import { eventData, streamReader, type StreamReader } from '../unit/web/support'
import { recordingTools } from '../support/recording-tool'
import { webLoginRedirectUri } from '../../main/web'
import { launchKeyOf } from '../support/web-session'

const SECRET_PARAMS = ['access_token', 'input_token', 'fb_exchange_token', 'code', 'code_verifier', 'appsecret_proof', 'state', 'client_secret', 'batch']

let real: RealHost
let events: StreamReader
let fileLog: FileLog
const output: string[] = []
const restore: (() => void)[] = []

/** Everything written to this process's stdout and stderr while the journeys run. */
function captureOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const own = Object.getOwnPropertyDescriptor(stream, 'write')
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))
      return write(chunk, ...rest)
    }
    restore.push(() => {
      if (own) Object.defineProperty(stream, 'write', own)
      else Reflect.deleteProperty(stream, 'write')
    })
  }
}

async function callValue<M extends Method>(method: M, input: object): Promise<unknown> {
  const reply = await real.call(method, input)
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error?.message}`)
  return reply.value
}

/** A bridge method whose value is the new state. */
const call = async <M extends Method>(method: M, input: object): Promise<AppState> => (await callValue(method, input)) as AppState

const get = (path: string): Promise<Response> => real.get(path)

/** The popup round trip: the bridge call waits while the popup is sent to the dialog and back. */
async function loginThroughPopup(method: 'login' | 'reauthorize' | 'startSystemUser' | 'rotateToken', input: object): Promise<AppState> {
  const reply = call(method, input)
  const start = await real.popupStart()
  expect(start.status).toBe(302)
  const back = await driveConsent(start.headers.get('location')!)
  // The dialog returns to http://localhost on the host's port (login-popups.ts).
  expect(back.startsWith(`${webLoginRedirectUri(real.host.origin)}?`)).toBe(true)
  expect((await get(back)).status).toBe(303)
  return reply
}

beforeAll(async () => {
  captureOutput()
  real = await startRealHost({
    passphrase: 'leak scan passphrase',
    alsoLogTo: (home) => {
      fileLog = openFileLog(join(home, 'logs', 'main.log'))
      return fileLog.sink
    },
    diagnostics: (home) => ({ host: 'leak scan', logFiles: () => fileLog.files(), logsFolder: join(home, 'logs') }),
  })
  const stream = await fetch(`${real.host.origin}/api/events`, { headers: { 'x-token-desk-session': real.session } })
  expect(stream.status).toBe(200)
  events = streamReader(stream)
}, 30_000)

afterAll(async () => {
  for (const undo of restore) undo()
  await events.cancel().catch(() => undefined)
  await real.stop()
})

describe('after every journey over HTTP', () => {
  it('no token, code, verifier, state, secret, proof, launch key or cookie is found anywhere', async () => {
    // The whole journey: practice, login with consent in the popup, exchange, extend, pages, save.
    await call('startPractice', {})
    await call('choosePurpose', { purpose: 'manage-pages' })
    const pages = await loginThroughPopup('login', {})
    if (pages.wizard.step !== 'pages') throw new Error(`expected pages, got ${pages.wizard.step}`)
    const saved = await call('savePages', { pageIds: pages.wizard.pages.map((p) => p.id), saveUserToken: true })
    expect(saved.tokens).toHaveLength(4)
    const s = real.sandbox()
    // The paste journey: a short-lived Explorer token, extended, and a system-user token.
    await call('pasteToken', { token: s.issueToken({ kind: 'USER', lifetime: 'short', scopes: ['pages_show_list', 'ads_read'] }) })
    await call('savePages', { pageIds: [], saveUserToken: true })
    await call('pasteToken', { token: s.issueToken({ kind: 'SYSTEM_USER', lifetime: 'never', scopes: ['ads_management'] }), name: 'Robot' })
    await call('savePages', { pageIds: [], saveUserToken: true })
    // Watching: checks, a copy, snippets, the access view, a death and a renewal.
    const user = saved.tokens.find((t) => t.kind === 'USER')!
    await call('checkNow', {})
    await call('copyToken', { id: user.id })
    for (const format of ['curl', 'env', 'node-sdk'] as const) await call('copySnippet', { id: user.id, format })
    await call('refreshAccess', {})
    await call('renameToken', { id: user.id, name: 'Renamed' })
    // At scale: 30 more Pages, listed with an empty page between, all saved; one password change
    // is one grouped banner, dismissed as a group; one re-authorisation renews them all.
    await call('practice', { action: 'add-pages', count: 30 })
    await call('choosePurpose', { purpose: 'manage-pages' })
    const many = await loginThroughPopup('login', {})
    if (many.wizard.step !== 'pages') throw new Error(`expected pages, got ${many.wizard.step}`)
    expect(many.wizard.pages).toHaveLength(33)
    await call('savePages', { pageIds: many.wizard.pages.map((p) => p.id), saveUserToken: true })
    const died = await call('practice', { action: 'change-password' })
    const grouped = died.notices.filter((n) => (n.tokenIds?.length ?? 0) > 1)
    expect(grouped.length).toBeGreaterThan(0)
    for (const banner of grouped) await call('dismissNotice', { id: banner.id })
    await loginThroughPopup('reauthorize', { id: user.id })
    // System users: the admin's login, a 60-day mint, a note, a rotation with its revoke, a renewal, a revoke.
    await call('choosePurpose', { purpose: 'manage-ads' })
    const listed = await loginThroughPopup('startSystemUser', {})
    if (listed.wizard.step !== 'system-users') throw new Error(`expected system-users, got ${listed.wizard.step}`)
    const business = listed.wizard.businesses[0]!
    const reporting = business.systemUsers.find((u) => u.name === 'Practice Reporting Server')!
    const minted = await call('mintSystemUser', { businessId: business.id, systemUserId: reporting.id, expiresIn60Days: true, usedIn: 'n8n production' })
    const robot = minted.tokens.find((t) => t.systemUser?.id === reporting.id)!
    await call('setUsedIn', { id: robot.id, usedIn: '~/ads/.env' })
    await loginThroughPopup('rotateToken', { id: robot.id })
    await loginThroughPopup('reauthorize', { id: robot.id })
    await call('removeToken', { id: robot.id, revoke: true })
    // A user token rotated after a leak (replacement, revoke, and the second login that finishes it).
    const renamed = (await call('getState', {})).tokens.find((t) => t.id === user.id)!
    await loginThroughPopup('rotateToken', { id: renamed.id })
    await loginThroughPopup('reauthorize', { id: renamed.id })
    // Deliveries and alerts: a .env file and a GitHub secret (gh on PATH) for the user token; gh
    // fails and echoes the token it was given in its error; a password change alerts the alert
    // command; a renewal delivers; Try again, once gh works; a test alert.
    const tools = await recordingTools(['gh', 'alert-me'])
    const destinations = await mkdtemp(join(tmpdir(), 'token-desk-leak-dest-'))
    const path = process.env.PATH
    process.env.PATH = tools.path()
    try {
      await call('addDestination', { id: user.id, destination: { kind: 'env-file', path: join(destinations, '.env') } })
      await call('addDestination', { id: user.id, destination: { kind: 'github', name: 'FB_TOKEN', repo: 'acme/reports' } })
      await call('updateSettings', { alertCommand: ['alert-me', '--channel', 'ads'] })
      await tools.rules([{ match: 'gh secret set', code: 1, stderr: 'HTTP 422: Validation Failed\n', echoStdin: true }])
      // The practice clock stands still: a death is announced once per moment it happened.
      s.clock.advance(60_000)
      await call('practice', { action: 'change-password' })
      const failed = await loginThroughPopup('reauthorize', { id: user.id })
      expect(failed.notices.filter((n) => n.retry === 'deliver')).toHaveLength(1)
      await call('deliverNow', { id: user.id })
      await tools.rules([])
      const fixed = await call('deliverNow', { id: user.id })
      expect(fixed.notices.filter((n) => n.retry === 'deliver')).toEqual([])
      await call('sendTestAlert', {})
      let calls = await tools.calls()
      // The password change's alert goes out in the background; the test alert is awaited.
      for (let i = 0; i < 50 && calls.filter((c) => c.name === 'alert-me').length < 2; i++) {
        await new Promise((r) => setTimeout(r, 100))
        calls = await tools.calls()
      }
      expect(calls.filter((c) => c.name === 'alert-me').map((c) => (JSON.parse(c.stdin) as { kind: string }).kind).sort()).toEqual(['stopped', 'test'])
      expect(calls.filter((c) => c.argv[0] === 'secret').length).toBeGreaterThanOrEqual(3)
      // What the tools printed and what they were given, but the token on stdin: the scan looks there too.
      output.push(calls.map((c) => JSON.stringify({ argv: c.argv, env: c.env, cmdline: c.cmdline, environ: c.environ })).join('\n'))
    } finally {
      process.env.PATH = path
      await tools.close()
      await rm(destinations, { recursive: true, force: true })
    }
    // A failure on the way, with Graph's words in it.
    s.controls.injectFault({ kind: 'error', code: 190, subcode: 460, path: 'debug_token', times: 1 })
    await call('checkNow', {})
    await call('practice', { action: 'throttle', on: true })
    await call('practice', { action: 'throttle', on: false })
    // The doctor: Check my app, every Break my app case with its report, a login refused by a
    // refusal page (the popup explains it), "Not in the list?", a re-request login.
    await call('checkApp', {})
    for (const what of ['wrong-secret', 'blocked', 'native-desktop', 'ip-allow-list', 'development-mode', 'redirect-uri', 'login-unavailable']) {
      await call('practice', { action: 'break-app', what })
      await call('checkApp', {})
      if (what === 'redirect-uri') {
        await call('choosePurpose', { purpose: 'manage-pages' })
        const refused = call('login', {})
        const popup = await real.popupStart()
        expect(popup.status).toBe(200)
        expect((await refused).wizard.step).toBe('failed')
      }
      await call('practice', { action: 'repair-app' })
    }
    await call('choosePurpose', { purpose: 'manage-ads' })
    await loginThroughPopup('login', { authType: 'rerequest', addScopes: ['business_management'] })
    for (const query of [s.pages[0]!.name, s.pages[1]!.id, s.adAccounts[3]!.id, 'Nothing By That Name']) {
      await callValue('whyMissing', { kind: 'page', query })
      await callValue('whyMissing', { kind: 'ad-account', query })
    }
    await call('resetWizard', {})
    // Login for Business, on a new practice Business app: the code flow through a configuration
    // (no PKCE), a renewal through it, a business integration token, and the refusal without one.
    const businessApp = await call('startPractice', { app: 'business' })
    const b = real.sandbox()
    expect(b).not.toBe(s)
    await call('choosePurpose', { purpose: 'manage-pages' })
    const through = await loginThroughPopup('login', {})
    if (through.wizard.step !== 'pages') throw new Error(`expected pages, got ${through.wizard.step}`)
    const kept = await call('savePages', { pageIds: through.wizard.pages.map((p) => p.id), saveUserToken: true })
    await call('practice', { action: 'change-password' })
    await loginThroughPopup('reauthorize', { id: kept.tokens.find((t) => t.kind === 'USER')!.id })
    await call('choosePurpose', { purpose: 'manage-ads' })
    const integration = await loginThroughPopup('login', { configuration: 'system-user' })
    expect(integration.wizard.step === 'pages' || integration.wizard.step === 'inspect').toBe(true)
    await call('savePages', { pageIds: [], saveUserToken: true })
    await call('practice', { action: 'break-app', what: 'business-without-config' })
    await call('choosePurpose', { purpose: 'manage-ads' })
    const refusedBusiness = call('login', {})
    expect((await real.popupStart()).status).toBe(200)
    expect((await refusedBusiness).wizard.step).toBe('failed')
    await call('practice', { action: 'repair-app' })
    await call('checkApp', {})
    expect(businessApp.app?.loginConfigs?.all).toBeTruthy()
    // What a user would paste into a bug report, after all of the above.
    await call('copyDiagnostics', {})
    await call('getDiagnostics', {})
    const last = await call('getState', {})
    await events.until((raw) => eventData(raw).some((d) => d === JSON.stringify(last)))

    const secrets = new Set<string>([s.practiceApp.secret, launchKeyOf(real.host.url), real.session])
    const seen = [...s.requests, ...real.sandbox().requests]
    secrets.add(real.sandbox().practiceApp.secret)
    for (const r of seen) {
      for (const key of SECRET_PARAMS) {
        const value = r.params[key]
        // App tokens are `<app id>|<secret>`: the id is public, so look for the secret half.
        if (typeof value === 'string' && value.length >= 8) secrets.add(value.includes('|') ? value.split('|')[1]! : value)
      }
      for (const m of JSON.stringify(r.params).matchAll(/(?:EAA|AQ)[A-Za-z0-9_-]{16,}/g)) secrets.add(m[0])
    }
    secrets.delete('')
    // Tokens of every kind, codes, verifiers, states and proofs were really collected, minted ones too.
    expect(secrets.size).toBeGreaterThan(25)
    const mints = s.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/access_tokens'))
    expect(mints.length).toBeGreaterThanOrEqual(4)
    for (const r of seen) if (r.path.endsWith('/debug_token') && r.params.input_token) secrets.add(r.params.input_token)
    expect([...secrets].filter((v) => v.startsWith('EAA')).length).toBeGreaterThan(8)
    // The configuration's code flow was collected too: its codes, and a business integration token.
    const configCodes = real.sandbox().requests.filter((r) => r.path.endsWith('/oauth/access_token') && r.params.code)
    expect(configCodes.length).toBeGreaterThanOrEqual(3)
    for (const r of configCodes) expect(secrets.has(r.params.code!)).toBe(true)

    const sse = await events.until(() => true)
    // Stopped, so the check results still being written are on disk and nothing moves under the scan.
    await real.core.stop()
    const places: [string, string][] = [
      ...(await filesUnder(real.home)).map((f): [string, string] => [`file ${f.path}`, f.text]),
      ['log records', JSON.stringify(real.records)],
      ['log files', fileLog.files().map((f) => readFileSync(f, 'utf8')).join('\n')],
      ['bridge replies', real.bodies.join('\n')],
      ['server-sent events', sse],
      ['stdout and stderr', output.join('')],
    ]
    expect(places.find(([where]) => where.includes('vault'))).toBeDefined()
    expect(real.records.length).toBeGreaterThan(20)
    expect(readFileSync(fileLog.path, 'utf8').split('\n').length).toBeGreaterThan(20)
    expect(real.bodies.some((b) => b.includes('Token Desk diagnostics (leak scan)'))).toBe(true)
    for (const [where, text] of places) {
      const found = [...secrets].filter((secret) => text.includes(secret))
      expect(found.map((v) => `${v.slice(0, 6)}…`), `${where} holds a secret`).toEqual([])
    }
  })
})

describe('the desktop shell, token-desk and exec on one shared vault', () => {
  it('no token, secret, passphrase or proof in the folder, the logs, the IPC replies or any output', async () => {
    ensureBuiltCli()
    const shared = await mkdtemp(join(tmpdir(), 'token-desk-leak-shared-'))
    const desk = await composeDesktop(shared)
    try {
      const replies: string[] = []
      const ipc = async <M extends Method>(method: M, input: object) => {
        const reply = await desk.invoke(method, input as never)
        replies.push(JSON.stringify(reply))
        if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`)
        return reply.value as AppState
      }
      await ipc('startPractice', {})
      await ipc('choosePurpose', { purpose: 'manage-pages' })
      const s = desk.sandbox()
      const pasted = await ipc('pasteToken', { token: s.issueToken({ kind: 'USER', lifetime: 'long' }) })
      if (pasted.wizard.step !== 'pages') throw new Error('expected the pages step')
      const stored = await ipc('savePages', { pageIds: pasted.wizard.pages.map((p) => p.id), saveUserToken: true })
      // The desktop app never hands a token to its window: copyInPage is refused over IPC.
      const handed = await desk.invoke('copyInPage', { what: 'token', id: stored.tokens[0]!.id })
      replies.push(JSON.stringify(handed))
      expect(handed.ok).toBe(false)
      const env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TOKEN_DESK_KEYRING: 'off',
        TOKEN_DESK_HOME: shared,
        TOKEN_DESK_PASSPHRASE: DESKTOP_PASSPHRASE,
        TOKEN_DESK_APP_ID: s.practiceApp.id,
        TOKEN_DESK_APP_SECRET: s.practiceApp.secret,
        TOKEN_DESK_GRAPH_URL: s.graphUrl,
        TOKEN_DESK_WWW_URL: s.wwwUrl,
        TOKEN_DESK_LOG: 'debug',
      }
      const printed: string[] = []
      const robot = s.issueToken({ kind: 'SYSTEM_USER', lifetime: 'never' })
      for (const [args, stdin] of [
        [['add', '--name', 'Robot'], robot],
        [['list', '--json'], ''],
        [['check', '--json'], ''],
        // The child prints only a digest: what exec itself writes must hold no token.
        [['exec', '--env', 'T=Robot', '--', process.execPath, '-e', "process.stdout.write(require('crypto').createHash('sha256').update(process.env.T).digest('hex'))"], ''],
        [['exec', '--env', 'T=Nobody', '--', process.execPath, '-e', ''], ''],
      ] as const) {
        const ran = await runBuilt([...args], { env, stdin })
        printed.push(ran.stdout, ran.stderr)
      }
      // The journeys really ran: the stored token reached the command (its digest came back).
      expect(printed.some((text) => /^[0-9a-f]{64}$/.test(text))).toBe(true)
      // token prints the token on stdout by design; its standard error must hold none.
      printed.push((await runBuilt(['token', 'Robot'], { env })).stderr)
      await ok(desk.invoke('checkNow', {}))

      const secrets = new Set<string>([s.practiceApp.secret, DESKTOP_PASSPHRASE])
      for (const r of s.requests) {
        for (const key of SECRET_PARAMS) {
          const value = r.params[key]
          if (typeof value === 'string' && value.length >= 8) secrets.add(value.includes('|') ? value.split('|')[1]! : value)
        }
        for (const m of JSON.stringify(r.params).matchAll(/(?:EAA|AQ)[A-Za-z0-9_-]{16,}/g)) secrets.add(m[0])
      }
      expect(secrets.has(robot)).toBe(true)
      expect([...secrets].filter((v) => v.startsWith('EAA')).length).toBeGreaterThan(4)
      const sent = desk.electron.BrowserWindow.instances.flatMap((w) => w.webContents.sent.map((m) => JSON.stringify(m.args)))
      await desk.quit()
      const places: [string, string][] = [
        ...(await filesUnder(shared)).map((f): [string, string] => [`file ${f.path}`, f.text]),
        ['desktop log records', JSON.stringify(desk.logs)],
        ['IPC replies', replies.join('\n')],
        ['states pushed to the window', sent.join('\n')],
        ['token-desk output', printed.join('\n')],
      ]
      expect(places.some(([where]) => where.includes('keys/slots.json'))).toBe(true)
      for (const [where, text] of places) {
        const found = [...secrets].filter((secret) => text.includes(secret))
        expect(found.map((v) => `${v.slice(0, 6)}…`), `${where} holds a secret`).toEqual([])
      }
    } finally {
      await rm(shared, { recursive: true, force: true })
    }
  }, 120_000)
})

describe('the vault passphrase typed in the window', () => {
  const CLI_PASSPHRASE = 'leak scan cli passphrase 3e8a'
  const WRONG_PASSPHRASE = 'leak scan wrong passphrase 5d71'
  const ADDED_PASSPHRASE = 'leak scan added passphrase 90bf'
  const STORED = 'EAALeakScanStoredByTheCli0123456789abcdef'

  /** Each passphrase and the stored token, searched for in every place; `places` must name the vault key file. */
  function expectClean(places: [string, string][], secrets: string[]): void {
    expect(places.some(([where]) => where.includes('keys/slots.json'))).toBe(true)
    for (const [where, text] of places) {
      const found = secrets.filter((secret) => text.includes(secret))
      expect(found.map((v) => `${v.slice(0, 6)}…`), `${where} holds a secret`).toEqual([])
    }
  }

  it('unlockVault over the web host’s HTTP bridge: not in the folder, the logs, the replies or the events', async () => {
    const before = output.length
    const host = await startRealHost({
      passphrase: null,
      prepare: async (home) => {
        const cli = await createNodeCipher({ home, keyring: null, passphrase: CLI_PASSPHRASE, scryptCost: { N: 1024, r: 8, p: 1 } })
        const tokens = await openVault<TokenMeta>({ dir: join(home, 'vault', 'tokens'), cipher: cli, allowWeak: () => false })
        await tokens.put({ meta: storedMeta('From cron'), secret: STORED })
      },
    })
    try {
      const stream = await fetch(`${host.host.origin}/api/events`, { headers: { 'x-token-desk-session': host.session } })
      const sse = streamReader(stream)
      const locked = (await host.call('getState', {})).value as AppState
      expect(locked.storage.unlock).toBe('passphrase')
      expect(await host.call('unlockVault', { passphrase: WRONG_PASSPHRASE })).toMatchObject({ ok: false, error: { message: 'That passphrase does not open this vault. Nothing was changed.' } })
      // Out of bounds: refused by the schema, in words that echo nothing.
      expect(await host.call('unlockVault', { passphrase: `${WRONG_PASSPHRASE}${'x'.repeat(1024)}` })).toMatchObject({ ok: false, error: { message: 'passphrase: A passphrase has at most 1024 characters.' } })
      const open = await host.call('unlockVault', { passphrase: CLI_PASSPHRASE })
      expect(open.ok).toBe(true)
      expect((open.value as AppState).tokens.map((t) => t.name)).toEqual(['From cron'])
      expect((open.value as AppState).storage.unlock).toBeNull()
      const last = JSON.stringify((await host.call('getState', {})).value)
      const events = await sse.until((raw) => eventData(raw).some((d) => d === last))
      await sse.cancel().catch(() => undefined)
      await host.core.stop()
      expectClean(
        [
          ...(await filesUnder(host.home)).map((f): [string, string] => [`file ${f.path}`, f.text]),
          ['log records', JSON.stringify(host.records)],
          ['bridge replies', host.bodies.join('\n')],
          ['server-sent events', events],
          ['stdout and stderr', output.slice(before).join('')],
        ],
        [CLI_PASSPHRASE, WRONG_PASSPHRASE, STORED],
      )
    } finally {
      await host.stop()
    }
  }, 60_000)

  it('addVaultPassphrase through the desktop IPC, then token-desk with it: not in the folder, the logs, the replies or the output', async () => {
    ensureBuiltCli()
    const shared = await mkdtemp(join(tmpdir(), 'token-desk-leak-add-'))
    const desk = await composeDesktop(shared, { passphrase: null })
    try {
      const replies: string[] = []
      const ipc = async <M extends Method>(method: M, input: object) => {
        const reply = await desk.invoke(method, input as never)
        replies.push(JSON.stringify(reply))
        return reply
      }
      await ipc('startPractice', {})
      await ipc('choosePurpose', { purpose: 'read-insights' })
      const token = desk.sandbox().issueToken({ kind: 'USER', lifetime: 'long' })
      await ipc('pasteToken', { token, name: 'Window token' })
      await ipc('savePages', { pageIds: [], saveUserToken: true, name: 'Window token' })
      expect(await ipc('addVaultPassphrase', { passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
      expect(await ipc('addVaultPassphrase', { passphrase: ADDED_PASSPHRASE })).toMatchObject({ ok: true })
      const again = await ipc('addVaultPassphrase', { passphrase: WRONG_PASSPHRASE })
      expect(again).toMatchObject({ ok: false, error: { code: 'not-allowed' } })
      const s = desk.sandbox()
      const env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TOKEN_DESK_KEYRING: 'off',
        TOKEN_DESK_HOME: shared,
        TOKEN_DESK_APP_ID: s.practiceApp.id,
        TOKEN_DESK_APP_SECRET: s.practiceApp.secret,
        TOKEN_DESK_GRAPH_URL: s.graphUrl,
        TOKEN_DESK_WWW_URL: s.wwwUrl,
        TOKEN_DESK_LOG: 'debug',
      }
      const printed = await runBuilt(['token', 'Window token'], { env: { ...env, TOKEN_DESK_PASSPHRASE: ADDED_PASSPHRASE } })
      expect(printed.stdout).toBe(`${token}\n`)
      const refused = await runBuilt(['list', '--json'], { env: { ...env, TOKEN_DESK_PASSPHRASE: WRONG_PASSPHRASE } })
      expect(refused.code).not.toBe(0)
      const sent = desk.electron.BrowserWindow.instances.flatMap((w) => w.webContents.sent.map((m) => JSON.stringify(m.args)))
      await desk.quit()
      expectClean(
        [
          ...(await filesUnder(shared)).map((f): [string, string] => [`file ${f.path}`, f.text]),
          ['desktop log records', JSON.stringify(desk.logs)],
          ['IPC replies', replies.join('\n')],
          ['states pushed to the window', sent.join('\n')],
          // token prints the token on stdout by design: only its standard error is scanned for it.
          ['token-desk output', printed.stderr + refused.stdout + refused.stderr],
        ],
        [ADDED_PASSPHRASE, WRONG_PASSPHRASE, token],
      )
      expect(printed.stdout.includes(ADDED_PASSPHRASE)).toBe(false)
    } finally {
      await rm(shared, { recursive: true, force: true })
    }
  }, 120_000)
})

/** A stored token's description, as `token-desk add` writes it. */
function storedMeta(name: string): TokenMeta {
  return {
    name,
    kind: 'USER',
    last4: 'cdef',
    appId: '1234567890',
    userId: '1',
    profileId: null,
    scopes: ['ads_read'],
    purpose: null,
    expiresAt: null,
    neverExpires: false,
    dataAccessExpiresAt: null,
    status: 'unknown',
    problem: null,
    lastCheckedAt: null,
    diedAt: null,
    parentId: null,
    createdAt: 0,
  }
}

async function ok(reply: Promise<{ ok: boolean }>): Promise<void> {
  expect((await reply).ok).toBe(true)
}

describe('the copy handed to the page in a browser (copyInPage, issue 21)', () => {
  it('a token reaches only the copyInPage reply to the click that asked, sent no-store; never a state, an event, a file or a log', async () => {
    const web = await startRealHost({ clipboard: 'page', passphrase: 'leak scan page copy passphrase' })
    const stream = await fetch(`${web.host.origin}/api/events`, { headers: { 'x-token-desk-session': web.session } })
    const sse = streamReader(stream)
    try {
      const value = async (method: Method, input: object): Promise<unknown> => {
        const reply = await web.call(method, input)
        if (!reply.ok) throw new Error(`${method} failed: ${reply.error?.message}`)
        return reply.value
      }
      await value('startPractice', {})
      const s = web.sandbox()
      await value('pasteToken', { token: s.issueToken({ kind: 'USER', lifetime: 'long' }), name: 'Copied one' })
      const saved = (await value('savePages', { pageIds: [], saveUserToken: true })) as AppState
      const id = saved.tokens[0]!.id
      const copies = [
        (await value('copyInPage', { what: 'token', id })) as { text: string },
        (await value('copyInPage', { what: 'snippet', id, format: 'curl' })) as { text: string },
        (await value('copyInPage', { what: 'diagnostics' })) as { text: string },
      ]
      const token = copies[0]!.text
      expect(token).toMatch(/^EAA/)
      expect(copies[1]!.text).toContain(token)
      // The host copy is refused here: the page is the one that copies.
      expect((await web.call('copyToken', { id })).ok).toBe(false)
      await value('checkNow', {})
      const last = (await value('getState', {})) as AppState
      await sse.until((raw) => eventData(raw).some((d) => d === JSON.stringify(last)))

      const handed = web.replies.filter((r) => r.method === 'copyInPage')
      expect(handed).toHaveLength(3)
      for (const reply of handed) expect(reply.cacheControl).toBe('no-store')
      expect(handed[0]!.body).toContain(token)
      const events = await sse.until(() => true)
      await web.core.stop()
      const places: [string, string][] = [
        ...(await filesUnder(web.home)).map((f): [string, string] => [`file ${f.path}`, f.text]),
        ['log records', JSON.stringify(web.records)],
        ['other bridge replies', web.replies.filter((r) => r.method !== 'copyInPage').map((r) => r.body).join('\n')],
        ['server-sent events', events],
        ['the diagnostics handed to the page', copies[2]!.text],
      ]
      for (const [where, text] of places) expect(text.includes(token), `${where} holds the token`).toBe(false)
    } finally {
      await sse.cancel().catch(() => undefined)
      await web.stop()
    }
  }, 60_000)
})
