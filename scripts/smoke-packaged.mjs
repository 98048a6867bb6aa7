// CI, after `electron-builder --dir`: starts the packaged app (fuses on, asar, the real binary)
// with a throwaway home, waits until its log says the core opened secret storage, checks that
// nothing failed on the way, and stops it. Exits non-zero with the log when it does not start.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dist = 'dist'
function executable() {
  if (process.platform === 'linux') return join(dist, 'linux-unpacked', 'token-desk')
  if (process.platform === 'win32') return join(dist, 'win-unpacked', 'Token Desk.exe')
  const macDir = readdirSync(dist).find((name) => name.startsWith('mac'))
  return macDir ? join(dist, macDir, 'Token Desk.app', 'Contents', 'MacOS', 'Token Desk') : ''
}

const exe = executable()
if (!existsSync(exe)) {
  console.error(`No packaged app at ${exe || `${dist}/mac*`}: run electron-builder --dir first.`)
  process.exit(1)
}
const home = mkdtempSync(join(tmpdir(), 'td-packaged-'))
const log = join(home, 'logs', 'main.log')
const child = spawn(exe, [], { env: { ...process.env, TOKEN_DESK_HOME: home, TOKEN_DESK_KEYRING: 'off' }, stdio: 'inherit' })
let exited = null
child.on('exit', (code, signal) => (exited = { code, signal }))

const text = () => (existsSync(log) ? readFileSync(log, 'utf8') : '')
const FATAL = /startup failed|unhandled rejection|A JavaScript error occurred|the window could not load/i
const deadline = Date.now() + 90_000
let outcome = 'timeout'
while (Date.now() < deadline) {
  const now = text()
  if (FATAL.test(now)) outcome = 'failed'
  else if (now.includes('secret storage')) outcome = 'started'
  if (outcome !== 'timeout' || exited) break
  await new Promise((r) => setTimeout(r, 500))
}
// Give a just-started app a moment to fail late (the first window's load, the first check).
if (outcome === 'started') {
  await new Promise((r) => setTimeout(r, 3000))
  if (FATAL.test(text())) outcome = 'failed'
}
const stillRunning = exited === null
child.kill()
console.log(`packaged app (${exe}): ${outcome}${stillRunning ? '' : `, but it exited early (${JSON.stringify(exited)})`}`)
if (outcome !== 'started' || !stillRunning) {
  console.log(text() || '(no log was written)')
  rmSync(home, { recursive: true, force: true })
  process.exit(1)
}
rmSync(home, { recursive: true, force: true })
