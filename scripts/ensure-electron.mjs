// Runs before `npm start`, `npm run dev` and `npm run dist`: makes sure the Electron binary is
// there, with Electron's own installer (node_modules/electron/install.js, the `install-electron`
// bin), which honours ELECTRON_MIRROR, electron_config_cache and the rest (desktop-real-world.md
// §1). Since Electron 42 nothing downloads it during `npm ci`, and electron-vite only reads
// node_modules/electron/path.txt ("Error: Electron uninstall"). When the binary cannot be had,
// it stops at once with a short message, the address it tried and the error, and the way to use
// the same app in a browser.
import { spawn } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { MARK, withoutCredentials } from './electron-download-witness.mjs'

const require = createRequire(import.meta.url)
// The README's own command: the practice sandbox included, so it works with no Meta app at all.
const SERVE = 'Use the same app in your browser instead: npm run build && npx token-desk serve --sandbox'
const lifecycle = process.env.npm_lifecycle_event?.replace(/^pre/, '') ?? 'start'

function fail(lines) {
  console.error(['', `token-desk: cannot ${lifecycle === 'dist' ? 'package' : 'start'} the desktop app.`, ...lines.map((l) => `  ${l}`), `  ${SERVE}`, ''].join('\n'))
  process.exit(1)
}

// A local Electron (electron-vite launches it as it is): check it, download nothing.
const local = process.env.ELECTRON_EXEC_PATH
if (local) {
  try {
    accessSync(local, constants.X_OK)
    process.exit(0)
  } catch {
    fail([`ELECTRON_EXEC_PATH is set to ${local}, which is not an executable file.`])
  }
}

let electronDir
try {
  electronDir = dirname(require.resolve('electron/package.json'))
} catch {
  fail(['The electron package is not installed: run npm ci first.'])
}
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))

function installed() {
  try {
    const wanted = readFileSync(join(electronDir, 'path.txt'), 'utf8')
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist')
    return readFileSync(join(electronDir, 'dist', 'version'), 'utf8').replace(/^v/, '') === version && existsSync(join(dist, wanted))
  } catch {
    return false
  }
}
if (installed()) process.exit(0)

const [major, minor] = process.versions.node.split('.').map(Number)
const oldNode = major < 22 || (major === 22 && minor < 12)
const mirror = process.env.ELECTRON_MIRROR ?? process.env.npm_config_electron_mirror ?? 'https://github.com/electron/electron/releases/download/'
console.error(`token-desk: downloading the Electron ${version} runtime once from ${withoutCredentials(mirror)} (set ELECTRON_MIRROR for another source, or ELECTRON_EXEC_PATH for a local Electron)...`)

// The installer prints a stack trace on failure; keep its output and show only what went wrong.
// The witness reports the address each failed download tried and the error under "fetch failed".
const witness = pathToFileURL(join(import.meta.dirname, 'electron-download-witness.mjs')).href
const installer = spawn(process.execPath, ['--import', witness, join(electronDir, 'install.js')], {
  stdio: ['ignore', 'inherit', 'pipe'],
  env: { ...process.env, ELECTRON_GET_NO_PROGRESS: process.env.ELECTRON_GET_NO_PROGRESS ?? '1' },
})
let output = ''
installer.stderr.on('data', (chunk) => (output += chunk))
installer.on('close', (code) => {
  if (code === 0 && installed()) process.exit(0)
  const lines = output.split('\n').map((l) => l.trim())
  const tried = lines
    .filter((l) => l.startsWith(MARK))
    .map((l) => {
      try {
        return JSON.parse(l.slice(MARK.length))
      } catch {
        return null
      }
    })
    .filter(Boolean)
    .at(-1)
  const first = lines.find((l) => l && !l.startsWith('at ') && !l.startsWith(MARK)) ?? `the installer exited with ${code}`
  // Without the witness's line (an HTTP status, a checksum): the installer's own words, and any cause it printed.
  const cause = lines.find((l) => /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET|certificate|status code|HTTPError|checksum/i.test(l) && l !== first && !l.startsWith(MARK))
  const what = tried
    ? [`The Electron ${version} binary is not installed and could not be downloaded.`, `Tried: ${tried.url}`, `Error: ${tried.reason}`]
    : [`The Electron ${version} binary is not installed and could not be downloaded: ${first.replace(/^\w*Error: /, '')}${cause ? ` (${cause.replace(/^(\[cause\]: )?/, '')})` : ''}.`]
  fail([
    ...what,
    'Set ELECTRON_MIRROR to a mirror you can reach, or ELECTRON_EXEC_PATH to an Electron executable, and try again.',
    ...(oldNode ? [`Electron ${version}'s installer wants Node 22.12 or later; this is Node ${process.versions.node}.`] : []),
  ])
})
