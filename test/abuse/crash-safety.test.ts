/**
 * Crash safety: a child process writes the vault and the settings in a loop and is killed with
 * SIGKILL at random points, a hundred times in all. After each kill the files are opened here,
 * in-process, and must load cleanly, holding for each entry and for the settings either the
 * state before the operation the child was in the middle of, or the state after it.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildNodeChild } from './support/node-child'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openSettings } from '../../main/core/settings'
import { createNodeCipher, openVault } from '../../main/core/vault'
import { STALE_TEMP_MS } from '../../main/core/vault/load'
import {
  CRASH_PASSPHRASE,
  ENTRY_IDS,
  metaFor,
  secretFor,
  settingsPatchFor,
  storedDays,
  type CrashMeta,
  type CrashOp,
  type EntryId,
} from './fixtures/crash-model'

const KILLS = 100
/** Independent homes killed side by side; the children mostly wait on fsync. */
const LANES = 4
const SEED = Number(process.env.CRASH_SEED ?? 424_242)

let work: string
let child: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'token-desk-crash-'))
  // One Node file holding the child and everything it imports (the vault and settings are TS).
  // The OS keyring module is loaded on first use only, and the child never uses it.
  child = await buildNodeChild(resolve(import.meta.dirname, 'fixtures/crash-child.ts'), work, { minify: true, external: ['@napi-rs/keyring'] })
}, 60_000)

afterAll(() => rm(work, { recursive: true, force: true }))

interface EntryState {
  metaSeq: number
  secretSeq: number
}
interface SettingsState {
  reminderDays: number[]
  checkIntervalHours: number
  reminders: string[]
}
interface Model {
  entries: Map<EntryId, EntryState>
  settings: SettingsState
}

function apply(model: Model, seq: number, op: CrashOp): Model {
  const entries = new Map(model.entries)
  const settings = { ...model.settings }
  switch (op.kind) {
    case 'put':
      entries.set(op.id, { metaSeq: seq, secretSeq: seq })
      break
    case 'meta': {
      const old = entries.get(op.id)
      if (!old) throw new Error(`the child updated ${op.id}, which does not exist`)
      entries.set(op.id, { ...old, metaSeq: seq })
      break
    }
    case 'settings': {
      const patch = settingsPatchFor(seq)
      settings.reminderDays = storedDays(patch.reminderDays)
      settings.checkIntervalHours = patch.checkIntervalHours
      break
    }
    case 'reminder':
      settings.reminders = [...settings.reminders, `reminder-${seq}`]
      break
  }
  return { entries, settings }
}

/** The journal: finished operations in order, and the one started but not finished, if any. */
function readJournal(text: string): { done: { seq: number; op: CrashOp }[]; inFlight: { seq: number; op: CrashOp } | null } {
  const done: { seq: number; op: CrashOp }[] = []
  let open: { seq: number; op: CrashOp } | null = null
  for (const line of text.split('\n').filter(Boolean)) {
    const [mark, seqText, kind, id] = line.split(' ')
    const seq = Number(seqText)
    if (mark === 'B') {
      expect(open, 'two operations started at once').toBeNull()
      const op = (kind === 'put' || kind === 'meta' ? { kind, id: id as EntryId } : { kind }) as CrashOp
      open = { seq, op }
    } else {
      expect(open?.seq).toBe(seq)
      done.push(open!)
      open = null
    }
  }
  return { done, inFlight: open }
}

/** What is on disk, read the way the app reads it at start. */
async function readBack(home: string): Promise<{ entries: Map<string, EntryState>; settings: SettingsState; problems: unknown[]; notices: string[] }> {
  const cipher = await createNodeCipher({ home, passphrase: CRASH_PASSPHRASE, keyring: null })
  const vault = await openVault<CrashMeta>({ dir: join(home, 'vault'), cipher, allowWeak: () => false })
  const entries = new Map<string, EntryState>()
  for (const entry of vault.list()) {
    const secret = await vault.getSecret(entry.id)
    expect(ENTRY_IDS).toContain(entry.id)
    // tok-<id>-<seq>-xxx…
    const secretSeq = Number(secret?.split('-')[2])
    // The whole value must be the one written for that sequence number, not a torn prefix.
    expect(secret).toBe(secretFor(entry.id, secretSeq))
    expect(entry.meta).toEqual(metaFor(entry.meta.seq))
    entries.set(entry.id, { metaSeq: entry.meta.seq, secretSeq })
  }
  const opened = openSettings({ dir: home })
  const raw = JSON.parse(await readFile(join(home, 'settings.json'), 'utf8')) as { remindersShown: string[] }
  const settings = opened.store.get()
  return {
    entries,
    settings: { reminderDays: settings.reminderDays, checkIntervalHours: settings.checkIntervalHours, reminders: raw.remindersShown },
    problems: vault.problems(),
    notices: opened.notices,
  }
}

const snapshot = (m: Model) => ({ entries: Object.fromEntries([...m.entries].sort()), settings: m.settings })

interface Lane {
  home: string
  model: Model
  nextSeq: number
}

interface KillStats {
  kills: number
  inFlight: { vault: number; settings: number }
  tempFilesSeen: number
  opsDone: number
}

/** Starts the child, kills it at the chosen moment, and waits for it to be gone. */
async function runAndKill(lane: Lane, journal: string, plan: { afterOps: number; extraMs: number }): Promise<void> {
  const proc = spawn(process.execPath, [child, lane.home, journal, String(lane.nextSeq), String(lane.nextSeq + 1)], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<NodeJS.Signals | null>((done) => proc.on('exit', (_code, signal) => done(signal)))
  let lines = 0
  let armed = false
  proc.stdout.on('data', (chunk: Buffer) => {
    lines += chunk.toString().split('\n').filter(Boolean).length
    // Line one is "ready"; each later line is one finished operation.
    if (!armed && lines >= 1 + plan.afterOps) {
      armed = true
      setTimeout(() => proc.kill('SIGKILL'), plan.extraMs)
    }
  })
  const signal = await exited
  expect(signal, `the child ended by itself: ${stderr}`).toBe('SIGKILL')
}

async function killLoop(lane: Lane, kills: number, random: () => number, stats: KillStats): Promise<void> {
  for (let i = 0; i < kills; i++) {
    const journal = join(lane.home, '..', `journal-${lane.nextSeq}.log`)
    await runAndKill(lane, journal, { afterOps: Math.floor(random() * 8), extraMs: Math.floor(random() * 4) })
    const { done, inFlight } = readJournal(await readFile(journal, 'utf8').catch(() => ''))
    stats.kills += 1
    stats.opsDone += done.length
    for (const d of done) lane.model = apply(lane.model, d.seq, d.op)
    if (inFlight) stats.inFlight[inFlight.op.kind === 'put' || inFlight.op.kind === 'meta' ? 'vault' : 'settings'] += 1
    const names = [...(await readdir(join(lane.home, 'vault')).catch(() => [])), ...(await readdir(lane.home))]
    if (names.some((n) => n.includes('tmp'))) stats.tempFilesSeen += 1

    const found = await readBack(lane.home)
    expect(found.problems, 'a vault file failed to load').toEqual([])
    expect(found.notices, 'the settings failed to load').toEqual([])
    const old = snapshot(lane.model)
    const after = inFlight ? apply(lane.model, inFlight.seq, inFlight.op) : lane.model
    const actual = snapshot({ entries: found.entries as Map<EntryId, EntryState>, settings: found.settings })
    expect([old, snapshot(after)], `kill ${i} with ${JSON.stringify(inFlight)} in flight`).toContainEqual(actual)
    lane.model = { entries: found.entries as Map<EntryId, EntryState>, settings: found.settings }
    // What an interrupted write left behind is never read as an entry, and once it is old (no
    // writer can still own it) the next opening removes it.
    const vaultDir = join(lane.home, 'vault')
    const leftovers = (await readdir(vaultDir)).filter((n) => n.startsWith('.tmp-'))
    const longAgo = new Date(Date.now() - 2 * STALE_TEMP_MS)
    for (const name of leftovers) await utimes(join(vaultDir, name), longAgo, longAgo)
    if (leftovers.length > 0) await readBack(lane.home)
    expect((await readdir(vaultDir)).filter((n) => n.startsWith('.tmp-'))).toEqual([])
    lane.nextSeq += 10_000
  }
}

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 2 ** 32
  }
}

it(`the vault and the settings survive ${KILLS} SIGKILLs mid-write, holding the old or the new state`, async () => {
  const stats: KillStats = { kills: 0, inFlight: { vault: 0, settings: 0 }, tempFilesSeen: 0, opsDone: 0 }
  const defaults = openSettings({ dir: join(work, 'defaults') }).store.get()
  const lanes: Lane[] = await Promise.all(
    Array.from({ length: LANES }, async (_, n) => ({
      home: await mkdir(join(work, `lane-${n}`, 'home'), { recursive: true }).then(() => join(work, `lane-${n}`, 'home')),
      model: { entries: new Map(), settings: { reminderDays: defaults.reminderDays, checkIntervalHours: defaults.checkIntervalHours, reminders: [] } },
      nextSeq: n * 1_000_000,
    })),
  )
  await Promise.all(lanes.map((lane, n) => killLoop(lane, KILLS / LANES, xorshift(SEED + n), stats)))
  console.warn(`crash safety: ${JSON.stringify(stats)}`)
  expect(stats.kills).toBe(KILLS)
  // The kills really landed during writes of both kinds, and the writes made progress.
  expect(stats.inFlight.vault).toBeGreaterThanOrEqual(15)
  expect(stats.inFlight.settings).toBeGreaterThanOrEqual(10)
  expect(stats.opsDone).toBeGreaterThan(200)
  for (const lane of lanes) expect(lane.model.entries.size).toBeGreaterThan(0)
}, 120_000)
