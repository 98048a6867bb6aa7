/**
 * A delivery killed mid-write (SIGKILL) leaves the .env file old or new, never half: a child
 * process sets FB_ACCESS_TOKEN in a large .env file in a loop with Token Desk's writer and is
 * killed at random moments, a hundred times. After each kill the file must be exactly the file
 * with one of the values written (the last one acknowledged, or the one in flight), every other
 * byte as it was, and its mode kept.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { buildNodeChild } from './support/node-child'
import { afterAll, beforeAll, expect, it } from 'vitest'

const KILLS = 100
const SEED = Number(process.env.CRASH_SEED ?? 515_151)

let work: string
let child: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'token-desk-env-kill-'))
  child = await buildNodeChild(resolve(import.meta.dirname, 'fixtures/env-write-child.ts'), work)
}, 60_000)
afterAll(() => rm(work, { recursive: true, force: true }))

const valueFor = (seq: number): string => `EAAkill${String(seq).padStart(8, '0')}${'Z'.repeat(300)}`
// About 200 KiB of other lines, so a write takes long enough to be cut in the middle.
const HEAD = Array.from({ length: 3000 }, (_, i) => `# line ${i}: a comment the person wrote, kept byte for byte ${'.'.repeat(40)}`).join('\n')
const fileWith = (seq: number): string => `${HEAD}\nFB_ACCESS_TOKEN=${valueFor(seq)}\nTAIL=kept\n`

it(`SIGKILL during .env writes, ${KILLS} times: the file is always whole, old or new, never torn`, async () => {
  const path = join(work, '.env')
  await writeFile(path, fileWith(0), { mode: 0o640 })
  const random = fc.sample(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 15 })), { numRuns: KILLS, seed: SEED })
  let acknowledged = 0
  let next = 1
  const seen = { old: 0, new: 0, tempLeft: 0, mostTemps: 0, opsDone: 0 }
  for (const [afterOps, extraMs] of random) {
    const proc = spawn(process.execPath, [child, path, String(next)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const exited = new Promise<NodeJS.Signals | null>((done) => proc.on('exit', (_c, signal) => done(signal)))
    let lines: string[] = []
    let armed = false
    proc.stdout.on('data', (chunk: Buffer) => {
      lines = [...lines, ...chunk.toString().split('\n').filter(Boolean)]
      if (!armed && lines.length >= 1 + afterOps) {
        armed = true
        setTimeout(() => proc.kill('SIGKILL'), extraMs)
      }
    })
    expect(await exited, `the child ended by itself: ${stderr}`).toBe('SIGKILL')
    const done = lines.filter((l) => l !== 'ready').map(Number)
    seen.opsDone += done.length
    if (done.length > 0) acknowledged = done.at(-1)!
    const inFlight = (done.at(-1) ?? next - 1) + 1
    const text = await readFile(path, 'latin1')
    // Whole: exactly the file with the last acknowledged value, or with the one being written.
    const whole = text === fileWith(acknowledged) || text === fileWith(inFlight)
    expect(whole, `torn or unexpected file after kill (${text.length} bytes)`).toBe(true)
    if (text === fileWith(inFlight)) seen.new += 1
    else seen.old += 1
    if (text === fileWith(inFlight)) acknowledged = inFlight
    expect((await stat(path)).mode & 0o777).toBe(0o640)
    const temps = (await readdir(work)).filter((n) => n.startsWith('.tmp-')).length
    if (temps > 0) seen.tempLeft += 1
    seen.mostTemps = Math.max(seen.mostTemps, temps)
    next = inFlight + 1
  }
  // The next write removes what a killed write left (the child runs with staleTempMs 0).
  console.warn(`env SIGKILL: ${KILLS} kills, ${seen.opsDone} writes acknowledged, file old after ${seen.old} kills and new after ${seen.new}, a temp file left after ${seen.tempLeft}`)
  expect(seen.old + seen.new).toBe(KILLS)
  // Never more than the one write the last kill cut: each earlier temp file was swept.
  expect(seen.mostTemps).toBeLessThanOrEqual(1)
}, 300_000)
