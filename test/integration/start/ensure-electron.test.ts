/**
 * `npm start` on a fresh copy of the project: its pre-start step (scripts/ensure-electron.mjs,
 * Electron's own installer behind it) either gets the binary or stops within seconds with a
 * short message and the `token-desk serve` way out; with ELECTRON_EXEC_PATH it starts that
 * binary with the built app. The copy has its own `electron` package (so nothing is written to
 * this checkout's) and links to the other installed packages.
 */
import { spawn } from 'node:child_process'
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { createServer as createHttpServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closedPort } from '../../support/closed-port'
import { storedZip } from '../../support/zip'

const ROOT = resolve(import.meta.dirname, '../../..')
const PROJECT_FILES = ['package.json', 'electron.vite.config.ts', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json', 'main', 'preload', 'renderer', 'scripts', 'assets']

let copy: string
let work: string

async function cleanCopy(): Promise<string> {
  const dir = join(work, 'project')
  await mkdir(join(dir, 'node_modules'), { recursive: true })
  for (const name of PROJECT_FILES) await cp(join(ROOT, name), join(dir, name), { recursive: true })
  for (const name of await readdir(join(ROOT, 'node_modules'))) {
    if (name === 'electron' || name === 'electron-vite' || name === '.bin') continue
    await symlink(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name))
  }
  // Copies, not links: Node resolves `electron` from where electron-vite really is, and the
  // bin links (relative) must lead to this copy's packages.
  await cp(join(ROOT, 'node_modules', 'electron-vite'), join(dir, 'node_modules', 'electron-vite'), { recursive: true })
  await cp(join(ROOT, 'node_modules', '.bin'), join(dir, 'node_modules', '.bin'), { recursive: true, verbatimSymlinks: true })
  // Electron's package as npm ci leaves it: no dist/, no path.txt.
  await cp(join(ROOT, 'node_modules', 'electron'), join(dir, 'node_modules', 'electron'), {
    recursive: true,
    filter: (src) => !/[\\/]electron[\\/](dist|path\.txt)$/.test(src),
  })
  return dir
}

interface Ran {
  code: number | null
  output: string
  ms: number
}

function npm(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Ran> {
  const started = Date.now()
  return new Promise((done, reject) => {
    const child = spawn('npm', args, { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`npm ${args.join(' ')} did not finish in ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, output, ms: Date.now() - started })
    })
  })
}

/** What npm passes on, minus anything that would point Electron somewhere else. */
function baseEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: join(work, 'home'), npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' }
  return { ...env, electron_config_cache: join(work, 'electron-cache'), ...extra }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'token-desk-start-'))
  copy = await cleanCopy()
}, 120_000)
afterAll(() => rm(work, { recursive: true, force: true }))

/** What the failure says, from its first line on: the address and the cause must be in it, not only in the "downloading" line before. */
function failureOf(ran: Ran, doing = 'start'): string {
  const at = ran.output.indexOf(`token-desk: cannot ${doing} the desktop app.`)
  expect(at, ran.output).toBeGreaterThanOrEqual(0)
  return ran.output.slice(at)
}

const SERVE_HINT = 'npm run build && npx token-desk serve --sandbox'

describe('npm start on a fresh copy', () => {
  it('without the binary and with the download failing: exits non-zero within 10 s, names the address and the error, offers token-desk serve --sandbox, no stack', async () => {
    const port = await closedPort()
    const ran = await npm(['start'], baseEnv({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/` }), 60_000)
    expect(ran.code, ran.output).not.toBe(0)
    expect(ran.ms).toBeLessThan(10_000)
    const failure = failureOf(ran)
    // The file it asked the mirror for, and the connection error underneath "fetch failed".
    expect(failure).toMatch(new RegExp(`Tried: http://127\\.0\\.0\\.1:${port}/v[\\d.]+/electron-v[\\d.]+-[\\w]+-[\\w]+\\.zip`))
    expect(failure).toContain(`ECONNREFUSED 127.0.0.1:${port}`)
    expect(failure).toContain(SERVE_HINT)
    expect(ran.output).not.toMatch(/^\s+at /m)
    expect(ran.output).not.toContain('Electron uninstall')
    // Nothing was half-installed.
    expect(await readdir(join(copy, 'node_modules', 'electron'))).not.toContain('path.txt')
  })

  it('names a mirror host that does not resolve, and the resolver error', async () => {
    // .invalid never resolves (RFC 6761); a machine without DNS at all says EAI_AGAIN instead.
    const ran = await npm(['start'], baseEnv({ ELECTRON_MIRROR: 'http://no-such-host.invalid/' }), 60_000)
    expect(ran.code, ran.output).not.toBe(0)
    const failure = failureOf(ran)
    expect(failure).toContain('Tried: http://no-such-host.invalid/')
    expect(failure).toMatch(/getaddrinfo (ENOTFOUND|EAI_AGAIN) no-such-host\.invalid/)
    expect(failure).toContain(SERVE_HINT)
  })

  it('the same guard stands before npm run dev and npm run dist', async () => {
    const port = await closedPort()
    for (const script of ['dev', 'dist']) {
      const ran = await npm(['run', script], baseEnv({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/` }), 60_000)
      expect(ran.code, ran.output).not.toBe(0)
      expect(ran.ms).toBeLessThan(10_000)
      const failure = failureOf(ran, script === 'dist' ? 'package' : 'start')
      expect(failure).toContain(`ECONNREFUSED 127.0.0.1:${port}`)
      expect(failure).toContain(SERVE_HINT)
      expect(ran.output).not.toMatch(/^\s+at /m)
    }
  })

  it('an ELECTRON_EXEC_PATH that is not there is refused at once', async () => {
    const ran = await npm(['start'], baseEnv({ ELECTRON_EXEC_PATH: join(work, 'no-such-electron') }), 30_000)
    expect(ran.code).not.toBe(0)
    expect(ran.output).toContain('ELECTRON_EXEC_PATH is set to')
    expect(ran.output).toContain(SERVE_HINT)
  })

  it('with ELECTRON_EXEC_PATH at a stand-in binary: builds the app and starts that binary on it', async () => {
    const record = join(work, 'launched.json')
    const standIn = join(work, 'stand-in-electron')
    // Records how it was started, then exits as Electron would when the app quits.
    await writeFile(
      standIn,
      `#!${process.execPath}\nconst fs = require('fs'), path = require('path')\nconst entry = path.resolve(process.argv[2])\nconst main = JSON.parse(fs.readFileSync(path.join(entry, 'package.json'), 'utf8')).main\nfs.writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), main, built: fs.existsSync(path.join(entry, main)) }))\n`,
    )
    await chmod(standIn, 0o755)
    const ran = await npm(['start'], baseEnv({ ELECTRON_EXEC_PATH: standIn }), 240_000)
    expect(ran.code, ran.output).toBe(0)
    const launched = JSON.parse(await readFile(record, 'utf8')) as { args: string[]; cwd: string; main: string; built: boolean }
    expect(launched.args[0]).toBe('.')
    expect(launched.cwd).toBe(copy)
    expect(launched).toMatchObject({ main: 'out/main/index.js', built: true })
    // The app it got is the one just built: the Electron entry, preload and renderer.
    expect(await readdir(join(copy, 'out'))).toEqual(expect.arrayContaining(['main', 'preload', 'renderer']))
  }, 300_000)

  it('downloads from ELECTRON_MIRROR once, into the cache, then starts the app with that binary', async (ctx) => {
    if (process.platform !== 'linux') ctx.skip('the stand-in Electron zip is laid out for Linux (dist/electron)')
    const version = (JSON.parse(await readFile(join(copy, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version
    const file = `electron-v${version}-linux-${process.arch}.zip`
    const record = join(work, 'launched-downloaded.json')
    const script = `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), exe: process.argv[1] }))\n`
    const zip = storedZip([
      { name: 'electron', data: Buffer.from(script), mode: 0o755 },
      { name: 'version', data: Buffer.from(version) },
    ])
    const sums = `${createHash('sha256').update(zip).digest('hex')} *${file}\n`
    const requests: string[] = []
    const server = createHttpServer((req, res) => {
      requests.push(req.url ?? '')
      if (req.url === `/v${version}/${file}`) res.end(zip)
      else if (req.url === `/v${version}/SHASUMS256.txt`) res.end(sums)
      else res.writeHead(404).end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const env = baseEnv({ ELECTRON_MIRROR: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, electron_use_remote_checksums: '1' })
      const zipRequests = () => requests.filter((u) => u.endsWith('.zip')).length

      const first = await npm(['start'], env, 240_000)
      expect(first.code, first.output).toBe(0)
      expect(zipRequests()).toBe(1)
      const launched = JSON.parse(await readFile(record, 'utf8')) as { args: string[]; exe: string }
      expect(launched).toEqual({ args: ['.'], exe: join(copy, 'node_modules', 'electron', 'dist', 'electron') })
      expect(await readFile(join(copy, 'node_modules', 'electron', 'path.txt'), 'utf8')).toBe('electron')

      // Installed: the next start asks the mirror nothing.
      const before = requests.length
      const second = await npm(['start', '--', '--skipBuild'], env, 60_000)
      expect(second.code, second.output).toBe(0)
      expect(requests.length).toBe(before)

      // Gone from node_modules but in the cache: installed again without downloading the zip.
      await rm(join(copy, 'node_modules', 'electron', 'dist'), { recursive: true })
      await rm(join(copy, 'node_modules', 'electron', 'path.txt'))
      const third = await npm(['start', '--', '--skipBuild'], env, 60_000)
      expect(third.code, third.output).toBe(0)
      expect(zipRequests()).toBe(1)
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  }, 400_000)
})
