/**
 * The command line's deliveries, credential helper and guards, as scripts run them: `deliver`
 * add, list, remove and its exit codes; delivery after rotate, mint and add; token --json;
 * --min-days on token, exec, check and inspect; check --alert from cron.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import type { Sandbox } from '../../../main/core/sandbox'
import { HARNESS_PASSPHRASE, savedJourney } from '../../abuse/support/app'
import { startHarness } from '../app/harness'
import { expectAbsent, onlyJson, PASSPHRASE, runMain, sandboxEnv, startTestSandbox, tempHome, userToken, type Result } from '../cli/support'
import { receivedOnStdinOnly, recordingTools, type RecordingTools } from '../../support/recording-tool'

const DAY = 86_400_000
let sb: Sandbox
let tools: RecordingTools
let files: string
beforeAll(async () => {
  sb = await startTestSandbox({ tier: 'standard_access' })
  tools = await recordingTools(['push-token', 'gh', 'alert-me'])
  files = await mkdtemp(join(tmpdir(), 'token-desk-cli-dest-'))
})
afterAll(async () => {
  await sb.close()
  await tools.close()
  await rm(files, { recursive: true, force: true })
})
afterEach(async () => {
  sb.controls.clearFaults()
  await tools.rules([])
})

const envFor = (home: string, extra: Env = {}): Env => sandboxEnv(sb, { PATH: tools.path(), TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE, ...extra })
const errorOf = (r: Result) => (onlyJson(r.stdout) as { error: { code: string; message: string } }).error
const business = () => sb.businesses[0]!
const su = (name: string) => sb.systemUsers.find((u) => u.name === name)!
const adminToken = () => sb.issueToken({ kind: 'USER', scopes: ['business_management', 'ads_management', 'ads_read'] })
const mintArgs = (name: string, ...more: string[]) => ['mint', '--business', business().id, '--system-user', su(name).id, '--scopes', 'ads_management,ads_read', ...more]

async function stored(env: Env, ref: string): Promise<string> {
  const r = await runMain(['token', ref], { env })
  expect(r.code, r.stderr).toBe(0)
  return r.stdout.trim()
}

describe('token-desk deliver: add, list, remove, deliver', () => {
  it('adds an .env file, a GitHub secret and a command; lists them; delivers (exit 0); removes one', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const token = userToken(sb)
    expect((await runMain(['add', '--name', 'Reports'], { env, stdin: token })).code).toBe(0)
    const path = join(files, 'list.env')
    await writeFile(path, '# keep me\nOTHER=1\n')
    const first = await runMain(['deliver', 'add', 'Reports', '--env-file', path, '--json'], { env })
    expect(first.code, first.stderr).toBe(0)
    expect(onlyJson(first.stdout)).toMatchObject({ name: 'Reports', kind: 'env-file', where: `${path} (FB_ACCESS_TOKEN)`, id: expect.stringMatching(/^d[0-9a-f]{12}$/) as string })
    expect((await runMain(['deliver', 'add', 'Reports', '--github', 'FB_TOKEN', '--repo', 'acme/reports', '--env', 'prod'], { env })).code).toBe(0)
    const cmd = await runMain(['deliver', 'add', 'Reports', '--command', '--', 'push-token', '--label', 'two words'], { env })
    expect(cmd.code, cmd.stderr).toBe(0)
    expect(cmd.stdout).toContain(`Reports is now delivered to the command ${join(tools.dir, 'push-token')} --label "two words" (destination d`)

    const listed = await runMain(['deliver', 'list', '--json'], { env })
    const [entry] = onlyJson(listed.stdout) as { name: string; destinations: { id: string; where: string; last: unknown }[] }[]
    expect(entry!.destinations.map((d) => [d.where, d.last])).toEqual([
      [`${path} (FB_ACCESS_TOKEN)`, null],
      ['GitHub Actions secret FB_TOKEN in acme/reports, environment prod', null],
      [`the command ${join(tools.dir, 'push-token')} --label "two words"`, null],
    ])

    const before = (await tools.calls()).length
    const delivered = await runMain(['deliver', 'Reports'], { env })
    expect(delivered.code, delivered.stderr).toBe(0)
    expect(delivered.stdout.split('\n')).toEqual([`Delivered Reports to ${path} (FB_ACCESS_TOKEN).`, 'Delivered Reports to GitHub Actions secret FB_TOKEN in acme/reports, environment prod.', `Delivered Reports to the command ${join(tools.dir, 'push-token')} --label "two words".`, ''])
    expect(await readFile(path, 'utf8')).toBe(`# keep me\nOTHER=1\nFB_ACCESS_TOKEN=${token}\n`)
    const calls = (await tools.calls()).slice(before)
    expect(calls.map((c) => [c.name, ...c.argv])).toEqual([
      ['gh', 'auth', 'status'],
      ['gh', 'secret', 'set', 'FB_TOKEN', '--repo', 'acme/reports', '--env', 'prod'],
      ['push-token', '--label', 'two words'],
    ])
    for (const c of calls.slice(1)) expect(receivedOnStdinOnly(c, token)).toBe(true)
    expectAbsent(delivered.stdout + delivered.stderr + listed.stdout, [token])

    const afterDelivery = onlyJson((await runMain(['deliver', 'list', 'Reports', '--json'], { env })).stdout) as { destinations: { id: string; last: { ok: boolean } }[] }[]
    expect(afterDelivery[0]!.destinations.map((d) => d.last.ok)).toEqual([true, true, true])
    const gone = afterDelivery[0]!.destinations[1]!.id
    const removed = await runMain(['deliver', 'remove', 'Reports', gone], { env })
    expect(removed).toMatchObject({ code: 0, stdout: 'Reports is no longer delivered to GitHub Actions secret FB_TOKEN in acme/reports, environment prod.\n' })
    const again = await runMain(['deliver', 'remove', 'Reports', gone, '--json'], { env })
    expect(again.code).toBe(2)
    expect(errorOf(again).code).toBe('not-found')
  })

  it('exit 1 when one delivery failed (with the reasons), every other destination delivered; 0 again once fixed', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const token = userToken(sb)
    await runMain(['add', '--name', 'Ads'], { env, stdin: token })
    const path = join(files, 'partial.env')
    await runMain(['deliver', 'add', 'Ads', '--env-file', path, '--key', 'ADS_TOKEN'], { env })
    await runMain(['deliver', 'add', 'Ads', '--command', '--', 'push-token'], { env })
    await tools.rules([{ match: 'push-token', code: 3, stderr: 'remote said no\n' }])
    const failed = await runMain(['deliver'], { env })
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain(`Delivered Ads to ${path} (ADS_TOKEN).`)
    expect(failed.stdout).toContain('Could not deliver Ads to the command')
    expect(failed.stdout).toContain('push-token failed (exit code 3). It said: “remote said no”')
    expect(failed.stderr).toBe('token-desk: 1 delivery did not succeed; each destination was left as it was.\n')
    expect(await readFile(path, 'utf8')).toBe(`ADS_TOKEN=${token}\n`)
    const json = await runMain(['deliver', '--json'], { env })
    expect(json.code).toBe(1)
    expect((onlyJson(json.stdout) as { results: { ok: boolean }[] }[])[0]!.results.map((r) => r.ok)).toEqual([true, false])
    await tools.rules([])
    expect((await runMain(['deliver'], { env })).code).toBe(0)
  })

  it('refuses what is not a destination, in words (exit 2), and changes nothing', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    await runMain(['add', '--name', 'Ads'], { env, stdin: userToken(sb) })
    const cases: [string[], RegExp][] = [
      [['deliver', 'add', 'Ads'], /Give one destination: --env-file, --github, --aws, --gcloud, --vault, --command/],
      [['deliver', 'add', 'Ads', '--env-file', '/x/.env', '--github', 'X'], /Give one destination/],
      [['deliver', 'add', 'Ads', '--env-file', '/x/.env', '--repo', 'a/b'], /--repo does not go with --env-file/],
      [['deliver', 'add', 'Ads', '--command', '--', 'sh', '-c', 'curl -d @- https://example.com'], /runs a shell \(sh -c\)/],
      [['deliver', 'add', 'Ads', '--command', '--', 'push', 'EAAtokenInAnArgument1234567890'], /stores no credential/],
      [['deliver', 'add', 'Ads', '--github', 'GITHUB_TOKEN', '--repo', 'a/b'], /not valid: name/],
      [['deliver', 'add', 'Ads', '--vault', '-address=http://evil'], /not valid: path/],
      [['deliver', 'add', 'Nobody', '--env-file', '/x/.env'], /No stored token has the id or name "Nobody"/],
      [['deliver', 'add', 'Ads', '--env-file', '/x/.env', '--', 'extra'], /Only --command takes words after --/],
      [['deliver', 'list', 'Ads', 'more'], /list takes at most one token/],
      [['deliver', 'remove', 'Ads'], /needs the token and the destination id/],
      [['deliver', 'Ads', '--env-file', '/x/.env'], /--env-file goes with token-desk deliver add/],
      [['deliver', 'EAAlooksLikeAToken1234567890abcdef'], /looks like an access token/],
    ]
    for (const [args, words] of cases) {
      const r = await runMain(['deliver', '--json', ...args.slice(1)], { env })
      expect(r.code, args.join(' ')).toBe(2)
      expect(errorOf(r).message, args.join(' ')).toMatch(words)
    }
    const listed = onlyJson((await runMain(['deliver', 'list', 'Ads', '--json'], { env })).stdout) as { destinations: unknown[] }[]
    expect(listed[0]!.destinations).toEqual([])
  })

  it('a destination edited in the vault file to another kind or a shell string is refused with the reason, and exit 1', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const added = onlyJson((await runMain(['add', '--name', 'Edited', '--json'], { env, stdin: userToken(sb) })).stdout) as { id: string }
    const file = join(home, 'vault', 'tokens', `${added.id}.json`)
    const record = JSON.parse(await readFile(file, 'utf8')) as { meta: Record<string, unknown> }
    record.meta.destinations = [
      { id: 'd000000000001', kind: 'webhook', url: 'https://example.com/hook' },
      { id: 'd000000000002', kind: 'command', argv: 'curl -d @- https://example.com' },
    ]
    await writeFile(file, JSON.stringify(record))
    const listed = await runMain(['deliver', 'list', 'Edited'], { env })
    expect(listed.stdout).toContain('refused: it is of a kind Token Desk does not deliver to (webhook)')
    expect(listed.stdout).toContain('refused: its command is a shell string; Token Desk runs a program with a list of arguments, never a shell')
    const before = (await tools.calls()).length
    const r = await runMain(['deliver', 'Edited'], { env })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('A destination of Edited is refused: it is of a kind Token Desk does not deliver to (webhook); the kinds are env-file, github, aws, gcloud, vault, command.')
    expect((await tools.calls()).length).toBe(before)
  })
})

describe('delivery after every new secret the command line stores', () => {
  it('rotate: the command on PATH got the new system-user token on standard input only; the JSON lists it', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    expect((await runMain(mintArgs('Practice Reporting Server', '--name', 'Robot'), { env, stdin: adminToken() })).code).toBe(0)
    await runMain(['deliver', 'add', 'Robot', '--command', '--', 'push-token', 'robot'], { env })
    const old = await stored(env, 'Robot')
    const before = (await tools.calls()).length
    const r = await runMain(['rotate', 'Robot', '--json'], { env, stdin: adminToken() })
    expect(r.code, r.stderr).toBe(0)
    const now = await stored(env, 'Robot')
    expect(now).not.toBe(old)
    const calls = (await tools.calls()).slice(before)
    // Two replacements (Facebook ends the first with the old token): each one delivered, the last is the one stored.
    expect(calls.length).toBeGreaterThanOrEqual(1)
    expect(receivedOnStdinOnly(calls.at(-1)!, now)).toBe(true)
    for (const c of calls) expect(c.stdin).not.toBe(old)
    expect(onlyJson(r.stdout)).toMatchObject({ status: 'done', deliveries: { updated: [`the command ${join(tools.dir, 'push-token')} robot`], failed: [] } })
    expect(r.stderr).toContain(`Delivered Robot to the command ${join(tools.dir, 'push-token')} robot.`)
    expectAbsent(r.stdout + r.stderr, [old, now])
  })

  it('mint into a name that has destinations replaces that token and delivers the new one', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    await runMain(mintArgs('Practice Night Batch', '--name', 'Nightly', '--expires-60-days'), { env, stdin: adminToken() })
    const path = join(files, 'mint.env')
    await runMain(['deliver', 'add', 'Nightly', '--env-file', path], { env })
    const again = await runMain(mintArgs('Practice Night Batch', '--name', 'Nightly', '--expires-60-days'), { env, stdin: adminToken() })
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toMatch(/The new token replaces the stored token named Nightly/)
    expect(await readFile(path, 'utf8')).toBe(`FB_ACCESS_TOKEN=${await stored(env, 'Nightly')}\n`)
    // Another system user's token is not replaced by a mint under the same name.
    const clash = await runMain(mintArgs('Practice Reporting Server', '--name', 'Nightly', '--json'), { env, stdin: adminToken() })
    expect(clash.code).toBe(2)
    expect(errorOf(clash).code).toBe('name-taken')
  })

  it('add of a renewal (the same person) delivers the new token', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    await runMain(['add', '--name', 'Mine'], { env, stdin: userToken(sb) })
    const path = join(files, 'add.env')
    await runMain(['deliver', 'add', 'Mine', '--env-file', path], { env })
    const fresh = userToken(sb)
    const r = await runMain(['add'], { env, stdin: fresh })
    expect(r.code, r.stderr).toBe(0)
    expect(await readFile(path, 'utf8')).toBe(`FB_ACCESS_TOKEN=${fresh}\n`)
  })
})

describe('token --json: the credential helper', () => {
  it('prints exactly {"token","id","name","kind","expiresAt","dataAccessExpiresAt","checkedAt","status"}', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const token = userToken(sb)
    const added = onlyJson((await runMain(['add', '--name', 'Helper', '--json'], { env, stdin: token })).stdout) as { id: string; expiresAt: string; dataAccessExpiresAt: string }
    const r = await runMain(['token', 'Helper', '--json'], { env })
    expect(r.code).toBe(0)
    const json = onlyJson(r.stdout) as Record<string, unknown>
    expect(Object.keys(json)).toEqual(['token', 'id', 'name', 'kind', 'expiresAt', 'dataAccessExpiresAt', 'checkedAt', 'status'])
    expect(json).toEqual({ token, id: added.id, name: 'Helper', kind: 'USER', expiresAt: added.expiresAt, dataAccessExpiresAt: added.dataAccessExpiresAt, checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string, status: 'valid' })
    expect(Date.parse(json.expiresAt as string)).toBeGreaterThan(Date.now() + 50 * DAY)
  })
})

describe('--min-days N on token, exec, check and inspect', () => {
  it('each exits 1 when a clock ends within N days, and 0 when it lasts', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    // A long-lived user token: about 60 days of token and 90 of data access.
    const token = userToken(sb)
    await runMain(['add', '--name', 'Sixty'], { env, stdin: token })

    const lasting = await runMain(['token', 'Sixty', '--min-days', '30'], { env })
    expect(lasting).toMatchObject({ code: 0, stdout: `${token}\n` })
    const soon = await runMain(['token', 'Sixty', '--min-days', '61'], { env })
    expect(soon.code).toBe(1)
    expect(soon.stdout).toBe('')
    expect(soon.stderr).toMatch(/^token-desk: “Sixty” stops working in (59|60) days \(\d{4}-.*\), within --min-days 61\.\n$/)
    const soonJson = await runMain(['token', 'Sixty', '--json', '--min-days', '61'], { env })
    expect(errorOf(soonJson).code).toBe('ends-soon')
    expect(soonJson.stdout).not.toContain(token)

    const marker = join(files, `exec-${Date.now()}`)
    const write = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`
    const refused = await runMain(['exec', '--env', 'T=Sixty', '--min-days', '61', '--', process.execPath, '-e', write], { env })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/Nothing was run: “Sixty” stops working in (59|60) days .*within --min-days 61\./)
    const ran = await runMain(['exec', '--env', 'T=Sixty', '--min-days', '30', '--', process.execPath, '-e', write], { env })
    expect(ran.code, ran.stderr).toBe(0)
    expect(await readFile(marker, 'utf8')).toBe('ran')

    expect((await runMain(['check', '--min-days', '30'], { env })).code).toBe(0)
    const checked = await runMain(['check', '--min-days', '89'], { env })
    expect(checked.code).toBe(1)
    expect(checked.stderr).toMatch(/“Sixty” stops working in (59|60) days/)
    // Data access is the nearer clock for a long window: 90 days.
    const dataSoon = await runMain(['token', 'Sixty', '--min-days', '91'], { env })
    expect(dataSoon.stderr).toMatch(/“Sixty” stops working/)

    expect((await runMain(['inspect', '--min-days', '30'], { env, stdin: token })).code).toBe(0)
    const inspected = await runMain(['inspect', '--min-days', '61', '--json'], { env, stdin: token })
    expect(inspected.code).toBe(1)
    expect((onlyJson(inspected.stdout) as { valid: boolean }).valid).toBe(true)
    expect(inspected.stderr).toMatch(new RegExp(`“…${token.slice(-4)}” stops working in (59|60) days`))
    for (const bad of ['-1', 'seven', '400', '1.5']) expect((await runMain(['token', 'Sixty', '--min-days', bad], { env })).code, bad).toBe(2)
  })

  it('a never-expiring Page token with data access lasts on its expiry clock, and data access decides', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = envFor(home)
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
    await runMain(['add', '--name', 'Page'], { env, stdin: page })
    const json = onlyJson((await runMain(['token', 'Page', '--json'], { env })).stdout) as { expiresAt: string | null; dataAccessExpiresAt: string | null }
    expect(json.expiresAt).toBeNull()
    const days = json.dataAccessExpiresAt ? Math.ceil((Date.parse(json.dataAccessExpiresAt) - Date.now()) / DAY) : null
    expect((await runMain(['token', 'Page', '--min-days', '30'], { env })).code).toBe(0)
    if (days !== null) expect((await runMain(['token', 'Page', '--min-days', String(days + 1)], { env })).stderr).toMatch(/Data access for “Page” ends in/)
  })
})

describe('check --alert, from cron', () => {
  it('a password change that ends 58 tokens is ONE JSON object on the alert command\u2019s stdin, never a secret; the next run sends none', async () => {
    const h = await startHarness({ pageCount: 57 })
    try {
      const saved = await savedJourney(h)
      expect(saved.tokens).toHaveLength(58)
      await h.call('practice', { action: 'change-password' })
      const env: Env = {
        PATH: tools.path(),
        HOME: process.env.HOME,
        TOKEN_DESK_KEYRING: 'off',
        TOKEN_DESK_HOME: h.home,
        TOKEN_DESK_PASSPHRASE: HARNESS_PASSPHRASE,
        TOKEN_DESK_APP_ID: h.sandbox().practiceApp.id,
        TOKEN_DESK_APP_SECRET: h.sandbox().practiceApp.secret,
        TOKEN_DESK_GRAPH_URL: h.sandbox().graphUrl,
        TOKEN_DESK_WWW_URL: h.sandbox().wwwUrl,
        TOKEN_DESK_ALERT_COMMAND: JSON.stringify(['alert-me', '--data-binary', '@-']),
      }
      // The app records the deaths it found in the background: cron runs once they are on disk,
      // as it would an hour later (two programs recording one death at the same moment, each with
      // its own clock, would make two deaths of it: see the report of issue 22).
      for (let i = 0; i < 100; i++) {
        const listed = onlyJson((await runMain(['list', '--json'], { env })).stdout) as { status: string }[]
        if (listed.every((t) => t.status === 'dead')) break
        await new Promise((done) => setTimeout(done, 100))
      }
      const before = (await tools.calls()).length
      const r = await runMain(['check', '--alert'], { env })
      expect(r.code, r.stderr).toBe(1)
      const alerts = (await tools.calls()).slice(before).filter((c) => c.name === 'alert-me')
      expect(alerts).toHaveLength(1)
      expect(alerts[0]!.argv).toEqual(['--data-binary', '@-'])
      const lines = alerts[0]!.stdin.split('\n').filter((l) => l !== '')
      expect(lines).toHaveLength(1)
      const alert = JSON.parse(lines[0]!) as { kind: string; cause: string; tokens: { id: string; name: string }[]; text: string; family: { id: string } }
      expect(alert).toMatchObject({ kind: 'stopped', cause: 'password-changed', text: 'Token Desk: Your Facebook password changed: 58 tokens stopped. Log in again to renew all of them.' })
      expect(alert.tokens.map((t) => t.id).sort()).toEqual(saved.tokens.map((t) => t.id).sort())
      expect(r.stderr).toContain('Alert sent: Your Facebook password changed: 58 tokens stopped.')
      const secrets = [...(await import('../../abuse/support/app').then((m) => m.storedOnDisk(h.home))).values(), h.sandbox().practiceApp.secret, HARNESS_PASSPHRASE]
      expectAbsent(alerts[0]!.stdin + JSON.stringify(alerts[0]!.argv) + JSON.stringify(alerts[0]!.env) + r.stdout + r.stderr, secrets)

      const next = await runMain(['check', '--alert'], { env })
      expect(next.code).toBe(1)
      expect((await tools.calls()).slice(before).filter((c) => c.name === 'alert-me')).toHaveLength(1)
    } finally {
      await h.close()
    }
  }, 60_000)

  it('an alert the command did not take is sent again by the next run; a missing or shell-string command is a usage error', async () => {
    const home = await tempHome({ cheapKey: true })
    const token = userToken(sb)
    const env = envFor(home, { TOKEN_DESK_ALERT_COMMAND: JSON.stringify(['alert-me']) })
    await runMain(['add', '--name', 'Doomed'], { env, stdin: token })
    sb.controls.invalidateToken(token, 460)
    await tools.rules([{ match: 'alert-me', code: 7, stderr: 'could not connect\n' }])
    const before = (await tools.calls()).length
    const failed = await runMain(['check', '--alert'], { env })
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('was not sent: The alert command alert-me failed (exit code 7). It said: “could not connect” The next run tries again.')
    await tools.rules([])
    await runMain(['check', '--alert'], { env })
    await runMain(['check', '--alert'], { env })
    const sent = (await tools.calls()).slice(before).filter((c) => c.name === 'alert-me')
    expect(sent).toHaveLength(2)
    expect(JSON.parse(sent[1]!.stdin)).toMatchObject({ kind: 'stopped', cause: 'password-changed', tokens: [{ name: 'Doomed' }] })
    const none = await runMain(['check', '--alert', '--json'], { env: envFor(home) })
    expect(none.code).toBe(2)
    expect(errorOf(none).message).toMatch(/--alert needs an alert command: set TOKEN_DESK_ALERT_COMMAND/)
    const shell = await runMain(['check', '--alert', '--json'], { env: envFor(home, { TOKEN_DESK_ALERT_COMMAND: 'curl -d @- https://hooks.example.com' }) })
    expect(errorOf(shell).message).toMatch(/holds spaces: no shell runs it, so give it as a JSON array/)
  })
})

describe('the README\u2019s Slack example', () => {
  it('curl with --data-binary @- and a -K config file posts the alert, with its text field, to the webhook', async () => {
    const { createServer } = await import('node:http')
    const { spawnSync } = await import('node:child_process')
    const curl = spawnSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).stdout.trim()
    if (!curl) {
      console.warn('skipped: curl is not installed here')
      return
    }
    const bodies: { type: string | undefined; body: string }[] = []
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString('utf8')))
      req.on('end', () => {
        bodies.push({ type: req.headers['content-type'], body })
        res.end('ok')
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      const config = join(files, 'slack.curl')
      await writeFile(config, `url = "http://127.0.0.1:${port}/services/T000/B000/XXXX"\n`, { mode: 0o600 })
      const home = await tempHome({ cheapKey: true })
      const token = userToken(sb)
      const alertCommand = JSON.stringify(['curl', '-sS', '--fail', '-H', 'Content-Type: application/json', '--data-binary', '@-', '-K', config])
      const env = envFor(home, { PATH: process.env.PATH, TOKEN_DESK_ALERT_COMMAND: alertCommand })
      await runMain(['add', '--name', 'Slack example'], { env, stdin: token })
      sb.controls.invalidateToken(token, 460)
      const r = await runMain(['check', '--alert'], { env })
      expect(r.stderr).toContain('Alert sent:')
      expect(bodies).toHaveLength(1)
      expect(bodies[0]!.type).toBe('application/json')
      expect(JSON.parse(bodies[0]!.body)).toMatchObject({ text: expect.stringMatching(/^Token Desk: “Slack example” stopped working\./) as string })
      expect(bodies[0]!.body).not.toContain(token)
    } finally {
      server.close()
    }
  })
})
