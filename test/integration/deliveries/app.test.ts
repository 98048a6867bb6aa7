/**
 * Deliveries through the real app core, against the practice sandbox over loopback, with real
 * files and real processes: a .env file with comments after a re-login, a command on PATH after
 * a rotation, a failing command, Try again, and the alert command.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AppState, TokenSummary } from '../../../preload/api'
import { HARNESS_PASSPHRASE, savedJourney, storedOnDisk } from '../../abuse/support/app'
import { runMain } from '../cli/support'
import { startHarness, type Harness } from '../app/harness'
import { receivedOnStdinOnly, recordingTools, type RecordingTools } from '../../support/recording-tool'

let h: Harness | null = null
let tools: RecordingTools
let files: string
beforeAll(async () => {
  tools = await recordingTools(['push-token', 'alert-me'])
  files = await mkdtemp(join(tmpdir(), 'token-desk-dest-'))
})
afterAll(async () => {
  await tools.close()
  await rm(files, { recursive: true, force: true })
})
afterEach(async () => {
  await h?.close()
  h = null
  await tools.rules([])
})

const start = (extra: Parameters<typeof startHarness>[0] = {}) => startHarness({ childEnv: { PATH: tools.path(), HOME: process.env.HOME, TOKEN_DESK_PASSPHRASE: HARNESS_PASSPHRASE }, ...extra })
const userOf = (s: AppState): TokenSummary => s.tokens.find((t) => t.kind === 'USER')!
const deliveryNotices = (s: AppState) => s.notices.filter((n) => n.retry === 'deliver')

const ENV_BEFORE = `# Reporting job, written by hand
GRAPH_VERSION=v27.0

# the token (kept up to date by Token Desk)
FB_ACCESS_TOKEN=EAAoldTokenFromTheLastRenewal0001   # do not commit
AD_ACCOUNT=act_123
`

/** The CLI adds a command destination on the app's own folder: the shared vault. */
async function addCommand(home: string, ref: string, ...argv: string[]): Promise<void> {
  const r = await runMain(['deliver', 'add', ref, '--command', '--', ...argv], { env: { PATH: tools.path(), HOME: process.env.HOME, TOKEN_DESK_KEYRING: 'off', TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: HARNESS_PASSPHRASE } })
  expect(r.code, r.stderr).toBe(0)
}

describe('after a re-login in practice', () => {
  it('a .env file with comments and other keys is byte-identical except the one line, which holds the new token', async () => {
    h = await start()
    const saved = await savedJourney(h)
    const user = userOf(saved)
    const path = join(files, 'relogin.env')
    await writeFile(path, ENV_BEFORE, { mode: 0o640 })
    const added = await h.call('addDestination', { id: user.id, destination: { kind: 'env-file', path } })
    expect(userOf(added).destinations).toEqual([{ id: expect.stringMatching(/^d[0-9a-f]{12}$/) as string, kind: 'env-file', where: `${path} (FB_ACCESS_TOKEN)`, refused: null, last: null }])
    // Adding delivers nothing by itself.
    expect(await readFile(path, 'utf8')).toBe(ENV_BEFORE)

    await h.call('practice', { action: 'change-password' })
    const renewed = await h.call('reauthorize', { id: user.id })
    const token = (await storedOnDisk(h.home)).get(user.id)!
    expect(await readFile(path, 'utf8')).toBe(ENV_BEFORE.replace('EAAoldTokenFromTheLastRenewal0001', token))
    const last = userOf(renewed).destinations![0]!.last
    expect(last).toMatchObject({ ok: true, message: `Updated FB_ACCESS_TOKEN in ${path}.` })
    expect(deliveryNotices(renewed)).toEqual([])
    // The renewal kept the destination (Facebook's answer knows nothing of it), and the state never holds the token.
    expect(JSON.stringify(renewed)).not.toContain(token)
  })

  it('the wizard again (same person) delivers too, and a second save of the same token delivers nothing new', async () => {
    h = await start()
    const saved = await savedJourney(h)
    const page = saved.tokens.find((t) => t.kind === 'PAGE')!
    const path = join(files, 'wizard.env')
    await h.call('addDestination', { id: page.id, destination: { kind: 'env-file', path, key: 'PAGE_TOKEN' } })
    await savedJourney(h)
    const first = (await storedOnDisk(h.home)).get(page.id)!
    expect(await readFile(path, 'utf8')).toBe(`PAGE_TOKEN=${first}\n`)
  })
})

describe('after a rotation', () => {
  it('a command on PATH gets the new token on standard input only, and the rotation lists where it went', async () => {
    h = await start()
    const saved = await savedJourney(h)
    const user = userOf(saved)
    await addCommand(h.home, user.id, 'push-token', '--to', 'reporting')
    const envPath = join(files, 'rotate.env')
    await h.call('addDestination', { id: user.id, destination: { kind: 'env-file', path: envPath } })
    const before = (await tools.calls()).length
    const rotated = await h.call('rotateToken', { id: user.id })
    const token = (await storedOnDisk(h.home)).get(user.id)!
    const calls = (await tools.calls()).slice(before)
    expect(calls.length).toBeGreaterThanOrEqual(1)
    const last = calls.at(-1)!
    expect(last.argv).toEqual(['--to', 'reporting'])
    expect(receivedOnStdinOnly(last, token)).toBe(true)
    expect(await readFile(envPath, 'utf8')).toBe(`FB_ACCESS_TOKEN=${token}\n`)
    const words = rotated.notices.map((n) => n.message).join('\n')
    expect(words).toContain(`Delivered to the command ${join(tools.dir, 'push-token')} --to reporting and ${envPath} (FB_ACCESS_TOKEN).`)
  })
})

describe('a failing command (exit 3)', () => {
  it('gives one notice for the token with the tool\u2019s words, the fix and Try again; the other place has the token; Try again delivers once fixed', async () => {
    h = await start()
    const saved = await savedJourney(h)
    const user = userOf(saved)
    await addCommand(h.home, user.id, 'push-token', 'first')
    await addCommand(h.home, user.id, 'push-token', 'second')
    const envPath = join(files, 'failing.env')
    await writeFile(envPath, 'KEEP=1\n')
    await h.call('addDestination', { id: user.id, destination: { kind: 'env-file', path: envPath } })
    await tools.rules([{ match: 'push-token', code: 3, stderr: 'upload refused: quota exceeded\n' }])

    await h.call('practice', { action: 'change-password' })
    const renewed = await h.call('reauthorize', { id: user.id })
    const token = (await storedOnDisk(h.home)).get(user.id)!
    // The renewal itself stands, and the .env destination has the new token.
    expect(userOf(renewed).status).toBe('valid')
    expect(await readFile(envPath, 'utf8')).toBe(`KEEP=1\nFB_ACCESS_TOKEN=${token}\n`)
    const notices = deliveryNotices(renewed)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ level: 'error', tokenId: user.id, retry: 'deliver' })
    expect(notices[0]!.message).toMatch(/^“Pat Practice \(user token\)” could not be delivered to 2 of its 3 destinations \(the others have it\)\./)
    expect(notices[0]!.message).toContain('push-token failed (exit code 3). It said: “upload refused: quota exceeded” Run the command yourself to see what it needs, then try again.')
    expect(notices[0]!.message).not.toContain(token)

    // Still failing: Try again keeps one notice, not two.
    const again = await h.call('deliverNow', { id: user.id })
    expect(deliveryNotices(again)).toHaveLength(1)

    await tools.rules([])
    const before = (await tools.calls()).length
    const fixed = await h.call('deliverNow', { id: user.id })
    expect(deliveryNotices(fixed)).toEqual([])
    const calls = (await tools.calls()).slice(before)
    expect(calls.map((c) => c.argv)).toEqual([['first'], ['second']])
    for (const c of calls) expect(receivedOnStdinOnly(c, token)).toBe(true)
    expect(userOf(fixed).destinations!.every((d) => d.last?.ok)).toBe(true)
  })

  it('a renewal that fails at Facebook delivers nothing and leaves the file byte for byte', async () => {
    h = await start()
    const saved = await savedJourney(h)
    const user = userOf(saved)
    const envPath = join(files, 'untouched.env')
    await writeFile(envPath, ENV_BEFORE)
    await h.call('addDestination', { id: user.id, destination: { kind: 'env-file', path: envPath } })
    const disk = await storedOnDisk(h.home)
    h.sandbox().controls.injectFault({ kind: 'error', code: 2, path: 'oauth/access_token', times: Infinity })
    await h.core.call('reauthorize', { id: user.id })
    expect(h.core.state().wizard.step).toBe('failed')
    expect(await storedOnDisk(h.home)).toEqual(disk)
    expect(await readFile(envPath, 'utf8')).toBe(ENV_BEFORE)
    expect(userOf(h.core.state()).destinations![0]!.last).toBeNull()
  })
})

describe('destinations in the window', () => {
  it('add, list with the last delivery, test one, remove; a refused destination is shown with its reason', async () => {
    h = await start()
    const saved = await savedJourney(h)
    const user = userOf(saved)
    const path = join(files, 'window.env')
    const added = await h.call('addDestination', { id: user.id, destination: { kind: 'env-file', path } })
    const id = userOf(added).destinations![0]!.id!
    expect(await h.fail('addDestination', { id: user.id, destination: { kind: 'env-file', path } })).toBe(`Pat Practice (user token) is already delivered to ${path} (FB_ACCESS_TOKEN).`)
    const tested = await h.call('deliverNow', { id: user.id, destinationId: id })
    expect(userOf(tested).destinations![0]!.last).toMatchObject({ ok: true })
    const removed = await h.call('removeDestination', { id: user.id, destinationId: id })
    expect(userOf(removed).destinations).toEqual([])
    expect(await h.fail('removeDestination', { id: user.id, destinationId: id })).toBe('That destination is not there any more.')
  })
})

describe('the alert command', () => {
  it('gets one JSON object per grouped alert when tokens stop working, with names and ids and never a token', async () => {
    h = await start()
    const saved = await savedJourney(h)
    await h.call('updateSettings', { alertCommand: ['alert-me', '--channel', 'ads'] })
    const before = (await tools.calls()).length
    await h.call('practice', { action: 'change-password' })
    let alerts = (await tools.calls()).slice(before).filter((c) => c.name === 'alert-me')
    for (let i = 0; i < 50 && alerts.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100))
      alerts = (await tools.calls()).slice(before).filter((c) => c.name === 'alert-me')
    }
    expect(alerts).toHaveLength(1)
    const alert = JSON.parse(alerts[0]!.stdin) as Record<string, unknown>
    expect(alert).toMatchObject({
      source: 'token-desk',
      kind: 'stopped',
      cause: 'password-changed',
      title: 'Your Facebook password changed: 4 tokens stopped',
      fix: 'Log in again to renew all of them.',
      family: { id: userOf(saved).id, name: expect.any(String) as string },
    })
    expect((alert.tokens as { id: string }[]).map((t) => t.id).sort()).toEqual(saved.tokens.map((t) => t.id).sort())
    for (const secret of (await storedOnDisk(h.home)).values()) expect(alerts[0]!.stdin + JSON.stringify(alerts[0]!.argv) + JSON.stringify(alerts[0]!.env)).not.toContain(secret)
    expect(alerts[0]!.env.TOKEN_DESK_PASSPHRASE).toBeUndefined()
    // The same alert is not sent twice: cron's check --alert on the same folder sends nothing more.
    const cron = await runMain(['check', '--alert'], {
      env: { PATH: tools.path(), HOME: process.env.HOME, TOKEN_DESK_KEYRING: 'off', TOKEN_DESK_HOME: h.home, TOKEN_DESK_PASSPHRASE: HARNESS_PASSPHRASE, TOKEN_DESK_APP_ID: h.sandbox().practiceApp.id, TOKEN_DESK_APP_SECRET: h.sandbox().practiceApp.secret, TOKEN_DESK_GRAPH_URL: h.sandbox().graphUrl, TOKEN_DESK_WWW_URL: h.sandbox().wwwUrl },
    })
    expect(cron.code, cron.stderr).toBe(1)
    expect((await tools.calls()).slice(before).filter((c) => c.name === 'alert-me')).toHaveLength(1)
  })

  it('Send a test alert runs the command once; a failing one says why', async () => {
    h = await start()
    await h.call('startPractice', {})
    expect(await h.fail('sendTestAlert', {})).toBe('There is no alert command yet: write one in Settings first.')
    await h.call('updateSettings', { alertCommand: ['alert-me'] })
    const sent = await h.call('sendTestAlert', {})
    expect(sent.notices.map((n) => n.message)).toContain('The test alert was sent: alert-me took the alert.')
    expect(JSON.parse((await tools.calls()).at(-1)!.stdin)).toMatchObject({ kind: 'test', tokens: [] })
    await tools.rules([{ match: 'alert-me', code: 22, stderr: 'curl: (22) The requested URL returned error: 404\n' }])
    expect(await h.fail('sendTestAlert', {})).toBe('The alert command alert-me failed (exit code 22). It said: “curl: (22) The requested URL returned error: 404”')
  })
})
