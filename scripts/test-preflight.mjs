// Before `npm test` runs anything: what the test suites need beyond `npm ci` — Chromium for the
// Playwright suites, on Linux Xvfb for the Electron smoke test where the binary exists, and curl
// for the README's shell example (the tests run it as written). On
// a machine that can (apt-get, as root or with password-less sudo) it installs them from the
// distribution; otherwise it prints the exact command and stops before any test starts.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}
const onPath = (name) => (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find(executable) ?? null

function findChromium() {
  if (process.env.CHROMIUM_PATH) return executable(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium'
  return onPath('chromium') ?? onPath('chromium-browser')
}

const listed = (names) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0])

const osId = () => {
  try {
    return /^ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/"/g, '') ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** How to run apt-get here: directly as root, through sudo without a password, or not at all. */
function aptRunner() {
  if (process.platform !== 'linux' || !onPath('apt-get')) return null
  if (process.getuid?.() === 0) return []
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n']
  return null
}

function install(runner, packages) {
  console.log(`npm test: installing ${packages.join(' ')} with apt-get (needed by the test suites)`)
  const run = (args) => {
    const [cmd, ...rest] = [...runner, ...args]
    return spawnSync(cmd, rest, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0
  }
  return run(['apt-get', 'update', '-qq']) && run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages])
}

/**
 * Answers the environment the suites need (CHROMIUM_PATH) and whether to wrap Playwright in
 * xvfb-run, or prints what to do and ends the process.
 */
export function preflight() {
  const linux = process.platform === 'linux'
  let chromium = findChromium()
  let xvfbRun = linux ? onPath('xvfb-run') : null
  const lacking = () => [...(chromium ? [] : ['chromium']), ...(linux && !xvfbRun ? ['xvfb'] : []), ...(onPath('curl') ? [] : ['curl'])]
  const missing = lacking()
  if (missing.length > 0) {
    const runner = aptRunner()
    if (runner && install(runner, missing)) {
      chromium = findChromium()
      xvfbRun = linux ? onPath('xvfb-run') : null
    }
  }
  const still = lacking()
  if (still.length > 0) {
    const command = process.platform === 'linux' && existsSync('/usr/bin/apt-get') ? `sudo apt-get install -y ${still.join(' ')}` : null
    const ubuntu = osId() === 'ubuntu' && still.includes('chromium') ? ' (on Ubuntu the chromium package is a snap; or run npx playwright install --with-deps chromium and set CHROMIUM_PATH to the chrome it installs)' : ''
    console.log(
      [
        '',
        `npm test needs ${listed(still)} before any test can run, and could not install ${still.length > 1 ? 'them' : 'it'} here.`,
        command ? `Run: ${command}${ubuntu}` : `Install ${listed(still)}${still.includes('chromium') ? ' and set CHROMIUM_PATH to the Chromium executable' : ''}.`,
        'Then run npm test again.',
        '',
        `0 passed, 1 failed`,
      ].join('\n'),
    )
    process.exit(1)
  }
  // Only the Electron smoke test opens windows, and only where the binary was installed.
  const electronInstalled = existsSync(join(process.cwd(), 'node_modules', 'electron', 'path.txt'))
  return { env: { CHROMIUM_PATH: chromium }, xvfbRun: linux && !process.env.DISPLAY && electronInstalled ? xvfbRun : null }
}
