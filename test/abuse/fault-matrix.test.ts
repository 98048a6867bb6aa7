/**
 * The fault matrix: every fault the practice sandbox can inject, during every flow of the app,
 * through the real core against the sandbox over loopback. For each pair: the documented
 * outcome, no stored token lost or wrongly marked dead, no wizard left 'working', and the same
 * flow succeeding once the fault clears.
 */
import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { DOCTOR_CHECKS, type AppState, type DeathReason, type Input, type Method, type Reply } from '../../preload/api'
import type { FaultSpec } from '../../main/core/sandbox'
import { GRAPH_PARTITION, sessionFetch } from '../../main/shell/graph-fetch'
import { readyFakeElectron, requestOn } from '../fakes/electron'
import { startHarness, type Harness } from '../integration/app/harness'
import { runMain, snapshotTree } from '../integration/cli/support'
import { expectPlainWords, HARNESS_PASSPHRASE, savedJourney, storedOnDisk, toSystemUsers } from './support/app'

/** The slow fault waits this long; the harness's request timeout is far below it. */
const SLOW_DELAY_MS = 1500
const SLOW_TIMEOUT_MS = 400

interface Fault {
  name: string
  spec: FaultSpec
  /** The reason Graph's answer means, when the fault is a token death (190). */
  death: DeathReason | null
  /** The one notice a check under the fault leaves: on the batch request, and on every item of it. */
  says: { batch: RegExp; item: RegExp | null }
}

const TEMPORARY = /^The last check could not finish: Facebook had a temporary problem\. Try again in a moment\. Nothing was marked dead\.$/
const BUSY = /^Facebook is busy, so the last check waits and tries again later: Facebook is limiting how often this app can call it\. Wait a while and try again\. Nothing was marked dead\.$/
const TOO_SLOW = /^The last check did not reach Facebook: Facebook did not answer in time\. Check the internet connection and try again\. Nothing was marked dead\.$/
// A 190 on the batch request is about the app's own token (App ID|App Secret), not a stored one.
const WRONG_SECRET = /^The last check could not finish: Facebook rejected the App Secret: it is wrong\. .*Nothing was marked dead\.$/

const transient: Fault[] = [
  { name: 'http 503', spec: { kind: 'http', status: 503 }, death: null, says: { batch: TEMPORARY, item: TEMPORARY } },
  { name: 'code 1', spec: { kind: 'error', code: 1 }, death: null, says: { batch: TEMPORARY, item: TEMPORARY } },
  { name: 'code 2', spec: { kind: 'error', code: 2 }, death: null, says: { batch: TEMPORARY, item: TEMPORARY } },
  ...([4, 17, 32, 613, 80004] as const).map((code): Fault => ({ name: `throttle ${code}`, spec: { kind: 'throttle', code }, death: null, says: { batch: BUSY, item: BUSY } })),
  {
    name: 'dropped connection',
    spec: { kind: 'drop' },
    death: null,
    says: {
      batch: /^The last check could not reach Facebook\. Check the internet connection and try again\. Nothing was marked dead\.$/,
      // The batch itself was answered; only its items went missing.
      item: /^The last check could not finish: Facebook did not answer this part of the request in time\. Try again in a moment\. Nothing was marked dead\.$/,
    },
  },
  { name: 'slow beyond the timeout', spec: { kind: 'slow', delayMs: SLOW_DELAY_MS }, death: null, says: { batch: TOO_SLOW, item: TOO_SLOW } },
]

// graph-api.md §7.2; 466 from real debug_token output. Written out, not imported, so a change
// to the product's table shows here.
const deaths: Fault[] = [
  [458, 'app-removed'],
  [459, 'checkpoint'],
  [460, 'password-changed'],
  [463, 'expired'],
  [464, 'unconfirmed-user'],
  [466, 'invalidated'],
  [467, 'logged-out'],
  [492, 'no-page-role'],
].map(([subcode, death]) => ({
  name: `190/${subcode}`,
  spec: { kind: 'error', code: 190, subcode: subcode as number },
  death: death as DeathReason,
  // 458 "app not installed" on the app's own token: Facebook does not know the App ID.
  says: { batch: subcode === 458 ? /^The last check could not finish: Facebook does not know this App ID\. .*Nothing was marked dead\.$/ : WRONG_SECRET, item: null },
}))
deaths.push({ name: '190 without subcode', spec: { kind: 'error', code: 190 }, death: 'invalid', says: { batch: WRONG_SECRET, item: null } })

const FAULTS = [...transient, ...deaths]

/**
 * One app per fault, its flows run in turn. Each flow starts from the same baseline: four valid
 * stored tokens (one user, three Pages), no fault, no notice, the wizard at rest.
 */
interface Baseline {
  before: AppState
  disk: Map<string, string>
  /** Indexes into the sandbox's request log and the notifications, where this flow starts. */
  requests: number
  notifications: number
}

async function baseline(h: Harness): Promise<Baseline> {
  h.sandbox().controls.clearFaults()
  // The practice clock stands still; a death is notified once per moment it happened.
  h.sandbox().clock.advance(60_000)
  let state = h.core.state()
  // A flow before this one may have left tokens dead (Graph said so): sign in and save again,
  // which replaces each token of the same person or Page under the same id.
  if (state.tokens.length !== 4 || state.tokens.some((t) => t.status !== 'valid')) state = await savedJourney(h)
  // A good check ends any failure streak of an earlier flow (its notice is shown once a streak).
  state = await h.call('checkNow', {})
  for (const notice of state.notices) await h.call('dismissNotice', { id: notice.id })
  state = await h.call('resetWizard', {})
  expect(state.tokens.map((t) => t.status)).toEqual(['valid', 'valid', 'valid', 'valid'])
  expect(state.notices).toEqual([])
  return { before: state, disk: await storedOnDisk(h.home), requests: h.sandbox().requests.length, notifications: h.notifications.length }
}

async function call<M extends Method>(harness: Harness, method: M, input: Input<M>): Promise<{ reply: Reply<M>; state: AppState }> {
  const reply = await harness.core.call(method, input)
  return { reply, state: harness.core.state() }
}

/** What every faulted flow must leave behind, whatever the fault. */
async function expectNothingLost(harness: Harness, before: AppState, disk: Map<string, string>, state: AppState): Promise<void> {
  expect(state.wizard.step).not.toBe('working')
  expect(state.tokens.map((t) => t.id).sort()).toEqual(before.tokens.map((t) => t.id).sort())
  expect(await storedOnDisk(harness.home)).toEqual(disk)
}

/** A wizard flow that failed: a plain message, nothing stored, nothing to save afterwards. */
async function expectWizardFailed(harness: Harness, before: AppState, disk: Map<string, string>, out: { reply: Reply<Method>; state: AppState }): Promise<void> {
  const { reply, state } = out
  expect(state.wizard.step).toBe('failed')
  if (state.wizard.step !== 'failed') return
  expectPlainWords(state.wizard.message)
  if (!reply.ok) expectPlainWords(reply.error.message)
  expect(state.tokens.every((t) => t.status === 'valid')).toBe(true)
  await expectNothingLost(harness, before, disk, state)
  // The failed wizard holds nothing that could be saved by a stray call.
  const save = await harness.core.call('savePages', { pageIds: harness.sandbox().pages.map((p) => p.id), saveUserToken: true })
  expect(save.ok).toBe(false)
  await expectNothingLost(harness, before, disk, harness.core.state())
}

const loginToPages = async (harness: Harness) => {
  await harness.call('choosePurpose', { purpose: 'manage-pages' })
  return call(harness, 'login', {})
}

const pasteShort = (harness: Harness) => {
  const short = harness.sandbox().issueToken({ kind: 'USER', lifetime: 'short', scopes: ['pages_show_list', 'ads_read'] })
  return call(harness, 'pasteToken', { token: short })
}

const expectPages = (out: { reply: Reply<Method>; state: AppState }, harness: Harness) => {
  expect(out.reply.ok).toBe(true)
  expect(out.state.wizard.step).toBe('pages')
  if (out.state.wizard.step !== 'pages') return
  expect(out.state.wizard.token.longLived).toBe(true)
  expect(out.state.wizard.pages.map((p) => p.id).sort()).toEqual(harness.sandbox().pages.map((p) => p.id).sort())
}

const inject = (harness: Harness, fault: Fault, match: Pick<FaultSpec, 'path' | 'method' | 'times'>) =>
  harness.sandbox().controls.injectFault({ ...fault.spec, ...match })

const startFor = (fault: Fault) => startHarness(fault.spec.kind === 'slow' ? { graphRetry: { maxTotalMs: SLOW_TIMEOUT_MS } } : {})

const diedSince = (h: Harness, b: Baseline) => h.notifications.slice(b.notifications).filter((n) => n.key.includes(':died:'))


describe.each(FAULTS)('$name', (fault) => {
  let h: Harness
  beforeAll(async () => {
    h = await startFor(fault)
    await savedJourney(h)
  })
  afterAll(() => h.close())

  it('login: the code exchange fails the wizard in plain words, stores nothing, then works', async () => {
    const b = await baseline(h)
    inject(h, fault, { path: 'oauth/access_token', times: Infinity })
    await expectWizardFailed(h, b.before, b.disk, await loginToPages(h))
    // The exchange must not run twice: only a request that provably never left is repeated.
    const exchanges = h.sandbox().requests.slice(b.requests).filter((r) => r.path.endsWith('/oauth/access_token') && r.params.code !== undefined)
    expect(exchanges).toHaveLength(1)
    h.sandbox().controls.clearFaults()
    expectPages(await loginToPages(h), h)
  })

  it('extend: exchanging a pasted short-lived token fails in plain words, stores nothing, then works', async () => {
    const b = await baseline(h)
    inject(h, fault, { path: 'oauth/access_token', times: Infinity })
    await expectWizardFailed(h, b.before, b.disk, await pasteShort(h))
    h.sandbox().controls.clearFaults()
    expectPages(await pasteShort(h), h)
  })

  it('pages: listing /me/accounts fails in plain words, stores nothing, then works', async () => {
    const b = await baseline(h)
    inject(h, fault, { path: 'me/accounts', times: Infinity })
    await expectWizardFailed(h, b.before, b.disk, await loginToPages(h))
    h.sandbox().controls.clearFaults()
    expectPages(await loginToPages(h), h)
  })

  it('save: saving is local and succeeds under the fault, and a check under it loses nothing', async () => {
    const b = await baseline(h)
    expectPages(await loginToPages(h), h)
    inject(h, fault, { times: Infinity })
    const seen = h.sandbox().requests.length
    const saved = await call(h, 'savePages', { pageIds: h.sandbox().pages.map((p) => p.id), saveUserToken: true })
    expect(saved.reply.ok).toBe(true)
    expect(saved.state.wizard.step).toBe('saved')
    expect(h.sandbox().requests.length).toBe(seen)
    // The new tokens replaced the old ones of the same person and Pages: same ids, new values.
    const disk = await storedOnDisk(h.home)
    expect([...disk.keys()].sort()).toEqual([...b.disk.keys()].sort())
    expect([...disk.values()].filter((v) => [...b.disk.values()].includes(v))).toEqual([])
    const checked = await call(h, 'checkNow', {})
    await expectNothingLost(h, b.before, disk, checked.state)
    expect(checked.state.tokens.every((t) => t.status === 'valid')).toBe(true)
    h.sandbox().controls.clearFaults()
    expectPages(await loginToPages(h), h)
    const resaved = await call(h, 'savePages', { pageIds: h.sandbox().pages.map((p) => p.id), saveUserToken: true })
    expect(resaved.state.wizard.step).toBe('saved')
    expect(resaved.state.tokens.every((t) => t.status === 'valid')).toBe(true)
  })

  it('check: a fault on the whole batch request marks nothing dead, then the check works', async () => {
    const b = await baseline(h)
    // Items are GETs; the batch itself is the only POST of a check. A 190 here is about the
    // app's own token, not the stored ones.
    inject(h, fault, { method: 'POST', times: Infinity })
    const out = await call(h, 'checkNow', {})
    expect(out.reply.ok).toBe(true)
    await expectNothingLost(h, b.before, b.disk, out.state)
    expect(out.state.tokens.every((t) => t.status === 'valid' && t.problem === null)).toBe(true)
    expect(out.state.notices.map((n) => n.message)).toEqual([expect.stringMatching(fault.says.batch)])
    expectPlainWords(out.state.notices[0]!.message)
    expect(diedSince(h, b)).toEqual([])
    // Recovered: the next check reaches Graph, and Graph's real verdict on one token lands.
    h.sandbox().controls.clearFaults()
    const page = b.before.tokens.find((t) => t.kind === 'PAGE')!
    h.sandbox().controls.invalidateToken(b.disk.get(page.id)!, 467)
    const again = await call(h, 'checkNow', {})
    expect(again.state.tokens.filter((t) => t.status !== 'valid').map((t) => [t.id, t.problem?.reason])).toEqual([[page.id, 'logged-out']])
  })

  it('check: a faulted debug_token item changes only what Graph says', async () => {
    const b = await baseline(h)
    // A death hits the first two items only; any other fault hits every item.
    inject(h, fault, { path: 'debug_token', times: fault.death ? 2 : Infinity })
    const out = await call(h, 'checkNow', {})
    expect(out.reply.ok).toBe(true)
    await expectNothingLost(h, b.before, b.disk, out.state)
    const items = h.sandbox().requests.slice(b.requests).filter((r) => r.batchItem && r.path.endsWith('/debug_token'))
    expect(items.length).toBeGreaterThanOrEqual(4)
    const targeted = new Set(fault.death ? items.slice(0, 2).map((r) => r.params.input_token) : [])
    const isTargeted = (id: string) => targeted.has(b.disk.get(id))
    for (const t of out.state.tokens) {
      if (isTargeted(t.id)) expect([t.status, t.problem?.reason, t.problem?.code]).toEqual(['dead', fault.death, 190])
      else expect([t.status, t.problem]).toEqual(['valid', null])
    }
    // One alarm per cause: the saved tokens are one family, so one death notification, except
    // for a lost Page role, which is a problem of each Page.
    expect(diedSince(h, b)).toHaveLength(targeted.size === 0 ? 0 : fault.death === 'no-page-role' ? targeted.size : 1)
    const banners = out.state.notices.filter((n) => n.tokenIds?.length)
    expect(banners.flatMap((n) => n.tokenIds).sort()).toEqual(out.state.tokens.filter((t) => isTargeted(t.id)).map((t) => t.id).sort())
    if (fault.says.item) expect(out.state.notices.map((n) => n.message)).toEqual([expect.stringMatching(fault.says.item)])
    for (const notice of out.state.notices) expectPlainWords(notice.message)
    // Recovered: the next check reaches Graph; the tokens it did not call dead stay valid,
    // and a real verdict lands.
    h.sandbox().controls.clearFaults()
    const page = b.before.tokens.find((t) => t.kind === 'PAGE' && !isTargeted(t.id))!
    h.sandbox().controls.invalidateToken(b.disk.get(page.id)!, 458)
    const again = await call(h, 'checkNow', {})
    expect(again.reply.ok).toBe(true)
    for (const t of again.state.tokens) {
      if (t.id === page.id) expect([t.status, t.problem?.reason]).toEqual(['dead', 'app-removed'])
      else if (!isTargeted(t.id)) expect(t.status).toBe('valid')
    }
  })
})

describe.each(FAULTS)('$name, on the system-user, revoke and rotate flows', (fault) => {
  let h: Harness
  beforeAll(async () => {
    h = await startFor(fault)
    await savedJourney(h)
  })
  afterAll(() => h.close())

  const since = (from: number, method: string, edge: string) => h.sandbox().requests.slice(from).filter((r) => r.method === method && r.path.endsWith(edge))

  it('mint: a faulted mint fails the wizard in plain words, is never sent twice, stores nothing, then works', async () => {
    const b = await baseline(h)
    const ids = await toSystemUsers(h)
    const seen = h.sandbox().requests.length
    inject(h, fault, { path: 'access_tokens', method: 'POST', times: Infinity })
    await expectWizardFailed(h, b.before, b.disk, await call(h, 'mintSystemUser', { ...ids, expiresIn60Days: false }))
    // A mint that got any answer, or may have reached Facebook, is not repeated: it would make a second token.
    expect(since(seen, 'POST', '/access_tokens')).toHaveLength(1)
    h.sandbox().controls.clearFaults()
    await toSystemUsers(h)
    const minted = await call(h, 'mintSystemUser', { ...ids, expiresIn60Days: false })
    expect(minted.state.wizard.step).toBe('saved')
    const added = minted.state.tokens.find((t) => t.kind === 'SYSTEM_USER')!
    expect(added.status).toBe('valid')
    await h.call('removeToken', { id: added.id })
  })

  it('revoke: a faulted revoke removes nothing and marks nothing dead, then the revoke works and is verified', async () => {
    const b = await baseline(h)
    const page = b.before.tokens.find((t) => t.kind === 'PAGE')!
    inject(h, fault, { method: 'DELETE', times: Infinity })
    const out = await call(h, 'removeToken', { id: page.id, revoke: true })
    expect(out.reply.ok).toBe(false)
    if (!out.reply.ok) expectPlainWords(out.reply.error.message)
    await expectNothingLost(h, b.before, b.disk, out.state)
    expect((await call(h, 'checkNow', {})).state.tokens.every((t) => t.status === 'valid')).toBe(true)
    expect(h.sandbox().tokenInfo(b.disk.get(page.id)!)?.deadSubcode).toBeNull()
    h.sandbox().controls.clearFaults()
    const done = await call(h, 'removeToken', { id: page.id, revoke: true })
    expect(done.reply.ok).toBe(true)
    expect(h.sandbox().tokenInfo(b.disk.get(page.id)!)?.deadSubcode).toBe(466)
  })

  it('rotate: a faulted revoke puts the old token back, a faulted replacement changes nothing, then it works', async () => {
    const b = await baseline(h)
    const user = b.before.tokens.find((t) => t.kind === 'USER')!
    inject(h, fault, { method: 'DELETE', times: Infinity })
    const revokeFailed = await call(h, 'rotateToken', { id: user.id })
    expect(revokeFailed.reply.ok).toBe(false)
    if (!revokeFailed.reply.ok) expectPlainWords(revokeFailed.reply.error.message)
    await expectNothingLost(h, b.before, b.disk, revokeFailed.state)
    expect(h.sandbox().tokenInfo(b.disk.get(user.id)!)?.deadSubcode).toBeNull()

    h.sandbox().controls.clearFaults()
    const seen = h.sandbox().requests.length
    inject(h, fault, { path: 'oauth/access_token', times: Infinity })
    const replacementFailed = await call(h, 'rotateToken', { id: user.id })
    expect(replacementFailed.reply.ok).toBe(false)
    if (!replacementFailed.reply.ok) expectPlainWords(replacementFailed.reply.error.message)
    await expectNothingLost(h, b.before, b.disk, replacementFailed.state)
    expect(since(seen, 'DELETE', '/permissions')).toEqual([])
    expect((await call(h, 'checkNow', {})).state.tokens.every((t) => t.status === 'valid')).toBe(true)

    h.sandbox().controls.clearFaults()
    const done = await call(h, 'rotateToken', { id: user.id, revokeFirst: true })
    expect(done.reply.ok).toBe(true)
    expect(done.state.tokens.every((t) => t.status === 'valid')).toBe(true)
    expect(h.sandbox().tokenInfo(b.disk.get(user.id)!)?.deadSubcode).toBe(466)
  })
})

describe.each(FAULTS)('deliveries under $name', (fault) => {
  let h: Harness
  let envPath: string
  const ENV = '# Reporting job\nFB_ACCESS_TOKEN=placeholder # renewed by Token Desk\nOTHER=kept\n'
  beforeAll(async () => {
    h = await startFor(fault)
    const saved = await savedJourney(h)
    envPath = join(h.home, '..', `fault-${fault.name.replace(/\W+/g, '-')}-${Date.now()}.env`)
    await writeFile(envPath, ENV)
    await h.call('addDestination', { id: saved.tokens.find((t) => t.kind === 'USER')!.id, destination: { kind: 'env-file', path: envPath } })
  })
  afterAll(async () => {
    await h.close()
    await rm(envPath, { force: true })
  })

  it('a renewal that fails under the fault delivers nothing: the .env byte for byte; Deliver now needs no Graph and works; the next renewal delivers', async () => {
    const b = await baseline(h)
    const user = b.before.tokens.find((t) => t.kind === 'USER')!
    const file = await readFile(envPath)
    inject(h, fault, { path: 'oauth/access_token', times: Infinity })
    const failed = await call(h, 'reauthorize', { id: user.id })
    if (!failed.reply.ok) expectPlainWords(failed.reply.error.message)
    await expectNothingLost(h, b.before, b.disk, failed.state)
    expect(await readFile(envPath)).toEqual(file)
    expect(failed.state.notices.filter((n) => n.retry === 'deliver')).toEqual([])
    // Every request faulted: a delivery is local, asks Facebook nothing, and works.
    await call(h, 'resetWizard', {})
    inject(h, fault, { times: Infinity })
    const seen = h.sandbox().requests.length
    const delivered = await call(h, 'deliverNow', { id: user.id })
    expect(delivered.reply.ok).toBe(true)
    expect(h.sandbox().requests.length).toBe(seen)
    expect(await readFile(envPath, 'utf8')).toBe(ENV.replace(/FB_ACCESS_TOKEN=\S+/, `FB_ACCESS_TOKEN=${b.disk.get(user.id)!}`))
    h.sandbox().controls.clearFaults()
    const renewed = await call(h, 'reauthorize', { id: user.id })
    expect(renewed.reply.ok).toBe(true)
    const now = (await storedOnDisk(h.home)).get(user.id)!
    expect(now).not.toBe(b.disk.get(user.id))
    expect(await readFile(envPath, 'utf8')).toBe(ENV.replace(/FB_ACCESS_TOKEN=\S+/, `FB_ACCESS_TOKEN=${now}`))
    expect(renewed.state.tokens.find((t) => t.id === user.id)!.destinations![0]!.last).toMatchObject({ ok: true })
  })
})

describe.each(FAULTS)('the app doctor and Not in the list? under $name', (fault) => {
  let h: Harness
  beforeAll(async () => {
    h = await startFor(fault)
    await savedJourney(h)
  })
  afterAll(() => h.close())

  it('Check my app reports in plain words, never calls a fault a wrong secret, loses nothing, then passes', async () => {
    const b = await baseline(h)
    inject(h, fault, { times: Infinity })
    const out = await call(h, 'checkApp', {})
    expect(out.reply.ok).toBe(true)
    const report = out.state.doctor!
    expect(report.findings).toHaveLength(DOCTOR_CHECKS.length)
    for (const f of report.findings) expectPlainWords(f.reason)
    // A fault is Facebook's trouble, not the app's: no check may fail the App ID or secret for it.
    expect(report.findings.find((f) => f.check === 'credentials')?.status).not.toBe('failure')
    const text = JSON.stringify(report)
    for (const secret of [...b.disk.values(), h.sandbox().practiceApp.secret]) expect(text.includes(secret)).toBe(false)
    await expectNothingLost(h, b.before, b.disk, out.state)
    expect(out.state.tokens.every((t) => t.status === 'valid')).toBe(true)
    expect(diedSince(h, b)).toEqual([])
    h.sandbox().controls.clearFaults()
    const again = await call(h, 'checkApp', {})
    expect(again.state.doctor?.outcome).toMatch(/^(pass|warning)$/)
  })

  it('Not in the list? answers or refuses in plain words, and loses nothing', async () => {
    const b = await baseline(h)
    inject(h, fault, { times: Infinity })
    const out = await call(h, 'whyMissing', { kind: 'page', query: h.sandbox().pages[0]!.name })
    if (out.reply.ok) expectPlainWords(out.reply.value.reason)
    else expectPlainWords(out.reply.error.message)
    await expectNothingLost(h, b.before, b.disk, out.state)
    expect(diedSince(h, b)).toEqual([])
    h.sandbox().controls.clearFaults()
    const again = await call(h, 'whyMissing', { kind: 'page', query: h.sandbox().pages[0]!.name })
    expect(again.reply.ok && again.reply.value.case).toBe('listed')
  })
})

describe.each(FAULTS)('Login for Business under $name', (fault) => {
  let h: Harness
  beforeAll(async () => {
    h = await startFor(fault)
    await h.call('startPractice', { app: 'business' })
    await savedJourney(h)
  })
  afterAll(() => h.close())

  const dialogs = (from: number) => h.sandbox().requests.slice(from).filter((r) => r.side === 'www' && r.method === 'GET' && r.path.endsWith('/dialog/oauth'))

  it('login through the configuration: a faulted exchange fails in plain words, runs once, stores nothing, then works', async () => {
    const b = await baseline(h)
    inject(h, fault, { path: 'oauth/access_token', times: Infinity })
    await expectWizardFailed(h, b.before, b.disk, await loginToPages(h))
    const asked = dialogs(b.requests)
    expect(asked.length).toBeGreaterThan(0)
    expect(asked.every((r) => r.params.config_id !== undefined && r.params.scope === undefined && r.params.code_challenge === undefined)).toBe(true)
    const exchanges = h.sandbox().requests.slice(b.requests).filter((r) => r.path.endsWith('/oauth/access_token') && r.params.code !== undefined)
    expect(exchanges).toHaveLength(1)
    // The verifier never goes with a configuration's code.
    expect(exchanges[0]!.params.code_verifier).toBeUndefined()
    h.sandbox().controls.clearFaults()
    expectPages(await loginToPages(h), h)
  })

  it('business integration: an unanswered client_business_id fails the wizard, never guesses the kind, then works', async () => {
    const b = await baseline(h)
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    inject(h, fault, { path: '/me', method: 'GET', times: Infinity })
    await expectWizardFailed(h, b.before, b.disk, await call(h, 'login', { configuration: 'system-user' }))
    h.sandbox().controls.clearFaults()
    await h.call('choosePurpose', { purpose: 'manage-ads' })
    const got = await call(h, 'login', { configuration: 'system-user' })
    expect(got.reply.ok).toBe(true)
    const step = got.state.wizard
    expect(step.step === 'pages' || step.step === 'inspect').toBe(true)
    if (step.step === 'pages' || step.step === 'inspect') expect(step.token.kind).toBe('BUSINESS_INTEGRATION')
    await h.call('resetWizard', {})
  })

  it('the doctor’s Login for Business check blames no configuration for a fault, and loses nothing', async () => {
    const b = await baseline(h)
    inject(h, fault, { path: h.sandbox().practiceApp.id, method: 'GET', times: Infinity })
    const out = await call(h, 'checkApp', {})
    expect(out.reply.ok).toBe(true)
    const finding = out.state.doctor?.findings.find((f) => f.check === 'login-for-business')
    expect(finding).toBeDefined()
    expectPlainWords(finding!.reason)
    expect(finding!.status).not.toBe('failure')
    await expectNothingLost(h, b.before, b.disk, out.state)
    h.sandbox().controls.clearFaults()
    expect((await call(h, 'checkApp', {})).state.doctor?.findings.find((f) => f.check === 'login-for-business')?.status).toBe('pass')
  })
})

/** The folder once the app's own background writes (check results) have landed. */
async function settled(home: string): Promise<Map<string, string>> {
  // A temp file can vanish between listing and reading it: that is a write still landing.
  const snap = async (): Promise<Map<string, string>> => snapshotTree(home).catch(() => new Map<string, string>([['', 'busy']]))
  let last = await snap()
  for (;;) {
    await new Promise((r) => setTimeout(r, 100))
    const now = await snap()
    if ([...now].every(([k, v]) => last.get(k) === v) && now.size === last.size) return now
    last = now
  }
}

/** `token-desk exec` on the running app's own folder (the shared vault), against its sandbox. */
function execOn(h: Harness, fault: Fault | null, tokenId: string, marker: string) {
  const sb = h.sandbox()
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TOKEN_DESK_KEYRING: 'off',
    TOKEN_DESK_HOME: h.home,
    TOKEN_DESK_PASSPHRASE: HARNESS_PASSPHRASE,
    TOKEN_DESK_APP_ID: sb.practiceApp.id,
    TOKEN_DESK_APP_SECRET: sb.practiceApp.secret,
    TOKEN_DESK_GRAPH_URL: sb.graphUrl,
    TOKEN_DESK_WWW_URL: sb.wwwUrl,
    TOKEN_DESK_RETRY_MAX_MS: String(fault?.spec.kind === 'slow' ? SLOW_TIMEOUT_MS : 1500),
  }
  const write = `require('fs').writeFileSync(${JSON.stringify(marker)}, process.env.T ? 'ran with the token' : 'ran without')`
  return runMain(['exec', '--env', `T=${tokenId}`, '--json', '--', process.execPath, '-e', write], { env })
}

describe.each(FAULTS)('exec under $name', (fault) => {
  let h: Harness
  beforeAll(async () => {
    h = await startFor(fault)
    await savedJourney(h)
  })
  afterAll(() => h.close())

  it('runs nothing and writes nothing (exit 1 for a death, 3 otherwise), then runs once the fault clears', async () => {
    const b = await baseline(h)
    const page = b.before.tokens.find((t) => t.kind === 'PAGE')!
    const before = await settled(h.home)
    const marker = join(h.home, '..', `exec-ran-${fault.name.replace(/\W+/g, '-')}-${Date.now()}`)
    // A death is Graph's answer about the token itself (the debug_token item); any other fault
    // hits every request. (A 190 on the batch request is about the app: a configuration error.)
    inject(h, fault, fault.death ? { path: 'debug_token', times: Infinity } : { times: Infinity })
    const refused = await execOn(h, fault, page.id, marker)
    expect(refused.code, refused.stderr).toBe(fault.death ? 1 : 3)
    const error = (JSON.parse(refused.stdout) as { error: { code: string; message: string } }).error
    // The command line's words: a sentence or two, with the Graph operation in brackets as every
    // command reports it; never a stack, JSON or anything token-shaped.
    expect(error.message).toMatch(/^Nothing was run: [^]*[.)]$/)
    expect(error.message).not.toMatch(/[{}]|undefined|\bnull\b|\n\s+at |\bEAA|\bAQ[A-Za-z0-9_-]{8}/)
    expect(error.code).toBe(fault.death ?? error.code)
    expect(existsSync(marker)).toBe(false)
    expect(await snapshotTree(h.home)).toEqual(before)
    h.sandbox().controls.clearFaults()
    const ran = await execOn(h, null, page.id, marker)
    expect(ran.code, ran.stderr).toBe(0)
    expect(existsSync(marker)).toBe(true)
  })
})

describe('the shared vault under faults', () => {
  it('another live process holding the vault lock: a save waits, then fails in plain words and loses nothing; then it works', async () => {
    const h = await startHarness()
    onTestFinished(() => h.close())
    const state = await savedJourney(h)
    const page = state.tokens.find((t) => t.kind === 'PAGE')!
    const disk = await storedOnDisk(h.home)
    const { hostname } = await import('node:os')
    const { rm, writeFile } = await import('node:fs/promises')
    const lock = join(h.home, 'vault', 'tokens', '.vault.lock')
    // The parent of this test process: alive for the whole test, and not us.
    await writeFile(lock, JSON.stringify({ pid: process.ppid, host: hostname(), nonce: 'held', at: Date.now() }))
    const started = Date.now()
    const out = await call(h, 'renameToken', { id: page.id, name: 'Renamed while locked' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000)
    expect(out.reply).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringContaining('Another Token Desk process is writing the vault') as string } })
    if (!out.reply.ok) expectPlainWords(out.reply.error.message)
    await expectNothingLost(h, state, disk, out.state)
    expect(out.state.tokens.find((t) => t.id === page.id)?.name).toBe(page.name)
    await rm(lock)
    const renamed = await call(h, 'renameToken', { id: page.id, name: 'Renamed after' })
    expect(renamed.reply.ok).toBe(true)
    expect(renamed.state.tokens.find((t) => t.id === page.id)?.name).toBe('Renamed after')
  }, 30_000)

  it('a damaged key file: every vault command and exec refuse in plain words (exit 2) and change nothing', async () => {
    const h = await startHarness()
    onTestFinished(() => h.close())
    const state = await savedJourney(h)
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(h.home, 'vault', 'keys', 'slots.json'), '{"v":1,"keyId":"broken"')
    const before = await settled(h.home)
    const marker = join(h.home, '..', `exec-ran-damaged-${Date.now()}`)
    const refused = await execOn(h, null, state.tokens[0]!.id, marker)
    expect(refused.code).toBe(2)
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'vault-key-file', message: expect.stringContaining('left as it is') as string } })
    expect(existsSync(marker)).toBe(false)
    for (const args of [['list', '--json'], ['token', state.tokens[0]!.id, '--json']]) {
      const ran = await runMain(args, { env: { PATH: process.env.PATH, TOKEN_DESK_KEYRING: 'off', TOKEN_DESK_HOME: h.home, TOKEN_DESK_PASSPHRASE: HARNESS_PASSPHRASE } })
      expect(ran.code, args.join(' ')).toBe(2)
      expect(JSON.parse(ran.stdout)).toMatchObject({ error: { code: 'vault-key-file' } })
    }
    expect(await settled(h.home)).toEqual(before)
  })
})

describe('a fault that answers every debug_token with 190', () => {
  it('is Graph saying every token is dead: all are marked, each with the reason', async () => {
    const h = await startHarness()
    onTestFinished(() => h.close())
    await savedJourney(h)
    inject(h, deaths[2]!, { path: 'debug_token', times: Infinity })
    const out = await call(h, 'checkNow', {})
    expect(out.state.tokens.map((t) => [t.status, t.problem?.reason])).toEqual(out.state.tokens.map(() => ['dead', 'password-changed']))
    // One cause, one family: one notification and one banner for all four.
    expect(h.notifications.filter((n) => n.key.includes(':died:'))).toHaveLength(1)
    expect(out.state.notices.filter((n) => n.tokenIds?.length).map((n) => n.tokenIds!.length)).toEqual([4])
  })
})

describe('a proxy that refuses every connection (the desktop fetch port, Chromium errors)', () => {
  it('marks nothing dead, names the proxy in plain words, keeps diagnostics working, and recovers', async () => {
    const electron = readyFakeElectron()
    const session = electron.session.fromPartition(GRAPH_PARTITION)
    const h = await startHarness({ fetch: sessionFetch(session, requestOn(electron, GRAPH_PARTITION)) })
    onTestFinished(() => h.close())
    const saved = await savedJourney(h)
    session.proxyAnswer = 'PROXY proxy.corp:3128; DIRECT'
    for (const failure of ['net::ERR_PROXY_CONNECTION_FAILED', 'net::ERR_TUNNEL_CONNECTION_FAILED', 'net::ERR_NAME_NOT_RESOLVED']) {
      session.failWith = failure
      const checked = await h.core.call('checkNow', {})
      expect(checked.ok, failure).toBe(true)
      const state = h.core.state()
      expect(state.tokens.map((t) => t.status), failure).toEqual(saved.tokens.map(() => 'valid'))
      const notice = state.notices.find((n) => n.message.includes('proxy.corp:3128'))
      expect(notice?.message, failure).toContain('through the proxy proxy.corp:3128 (from the system proxy settings)')
      expectPlainWords(notice!.message)
      const diagnostics = await h.core.call('getDiagnostics', {})
      expect(diagnostics.ok).toBe(true)
      // A paste while the proxy refuses fails in words and leaves the wizard usable.
      const paste = await h.core.call('pasteToken', { token: h.sandbox().issueToken({ kind: 'USER', lifetime: 'long', scopes: ['pages_show_list'] }) })
      expect(paste.ok).toBe(false)
      if (!paste.ok) expect(paste.error.message).toContain('through the proxy proxy.corp:3128')
      await h.call('resetWizard', {})
      // Recovered: the next check reaches Graph, which ends the failure streak (one notice per streak).
      session.failWith = null
      const again = await h.call('checkNow', {})
      expect(again.tokens.map((t) => t.status)).toEqual(saved.tokens.map(() => 'valid'))
      for (const n of again.notices) await h.call('dismissNotice', { id: n.id })
    }
    expect(h.notifications.filter((n) => n.key.includes(':died:'))).toEqual([])
  })
})
