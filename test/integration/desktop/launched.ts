/**
 * The built desktop app (`out/main/index.js`), launched in plain Node under the strict Electron
 * stand-in: a temporary copy of the app whose node_modules/electron is the stand-in bundled by
 * vite (test/fakes/electron.ts with its launcher), every other package linked from the
 * project's node_modules, run with --preserve-symlinks so those packages see the stand-in too.
 * The test talks to it over Node's IPC channel (test/fakes/electron/control.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Command, LaunchErrors, StandInSnapshot } from '../../fakes/electron/control'
import type { StandInOptions } from '../../fakes/electron/runtime'

const ROOT = resolve(import.meta.dirname, '..', '..', '..')

function newest(dir: string): number {
  let latest = 0
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const stat = statSync(path)
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs)
  }
  return latest
}

/** out/ built from the sources as they are now: rebuilt when any main, preload or renderer file is newer. */
export function ensureFreshDesktopBuild(): void {
  const bundle = join(ROOT, 'out', 'main', 'index.js')
  const sources = Math.max(newest(join(ROOT, 'main')), newest(join(ROOT, 'preload')), newest(join(ROOT, 'renderer')))
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources && existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) return
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' })
  if (built.status !== 0) throw new Error(`electron-vite build failed:\n${built.stdout}\n${built.stderr}`)
}

/** The stand-in as an npm package: index.mjs (the `electron` module) and launcher.mjs (`electron .`). */
export async function bundleStandIn(outDir: string): Promise<void> {
  const { build } = await import('vite')
  await build({
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: {
        input: { index: join(ROOT, 'test/fakes/electron.ts'), launcher: join(ROOT, 'test/fakes/electron/launcher.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' },
      },
    },
  })
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0', type: 'module', main: 'index.mjs' }, null, 2))
}

/** A temporary copy of the built app, ready to launch: out/, the tray icons, package.json, node_modules. */
export async function prepareApp(): Promise<string> {
  ensureFreshDesktopBuild()
  const dir = mkdtempSync(join(tmpdir(), 'td-launched-'))
  for (const part of ['main', 'preload', 'renderer']) cpSync(join(ROOT, 'out', part), join(dir, 'out', part), { recursive: true })
  mkdirSync(join(dir, 'assets'))
  for (const icon of readdirSync(join(ROOT, 'assets')).filter((n) => n.startsWith('tray-'))) cpSync(join(ROOT, 'assets', icon), join(dir, 'assets', icon))
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'))
  const modules = join(dir, 'node_modules')
  mkdirSync(modules)
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === 'electron' || name.startsWith('.')) continue
    // A junction on Windows: a directory link that needs no special privilege.
    symlinkSync(join(ROOT, 'node_modules', name), join(modules, name), 'junction')
  }
  await bundleStandIn(join(modules, 'electron'))
  return dir
}

export interface LaunchOptions {
  platform: 'linux' | 'darwin' | 'win32'
  home: string
  standIn?: Omit<StandInOptions, 'platform' | 'onExit'>
  env?: Record<string, string>
  cwd?: string
}

export interface ExitReport extends StandInSnapshot {
  errors: LaunchErrors
}

export interface LaunchedApp {
  readonly output: () => string
  send<T = unknown>(command: Command): Promise<T>
  state(): Promise<StandInSnapshot>
  /** Polls the stand-in's state until `probe` gives something; fails with what was last seen. */
  until<T>(what: string, probe: (s: StandInSnapshot) => T | null | undefined | false, timeoutMs?: number): Promise<T>
  /** Resolves when the process ends: its exit code and the stand-in's last report. */
  exited: Promise<{ code: number | null; report: ExitReport | null }>
  /** Errors the stand-in has seen so far (uncaught exceptions, unhandled rejections). */
  errors(): LaunchErrors
  kill(): void
}

export function launch(appDir: string, options: LaunchOptions): LaunchedApp {
  const reportPath = join(mkdtempSync(join(tmpdir(), 'td-report-')), 'report.json')
  const standIn: StandInOptions = { ...options.standIn, platform: options.platform, home: options.home, singleInstance: 'process' }
  const child: ChildProcess = spawn(process.execPath, ['--preserve-symlinks', join(appDir, 'node_modules', 'electron', 'launcher.mjs'), appDir], {
    cwd: options.cwd ?? appDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: options.home,
      XDG_CONFIG_HOME: join(options.home, '.config'),
      TMPDIR: tmpdir(),
      TOKEN_DESK_KEYRING: 'off',
      TOKEN_DESK_STANDIN: JSON.stringify(standIn),
      TOKEN_DESK_STANDIN_REPORT: reportPath,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  let nextId = 1
  let lastErrors: LaunchErrors = { uncaught: [], unhandledRejections: [], dialogs: [] }
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  child.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: string; errors: LaunchErrors }) => {
    lastErrors = message.errors
    const waiting = pending.get(message.id)
    pending.delete(message.id)
    if (message.ok) waiting?.resolve(message.value)
    else waiting?.reject(new Error(message.error))
  })
  const exited = new Promise<{ code: number | null; report: ExitReport | null }>((done) => {
    child.on('exit', (code) => {
      for (const w of pending.values()) w.reject(new Error(`the app exited (code ${code}) before answering\n${output}`))
      pending.clear()
      const report = existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as ExitReport) : null
      if (report) lastErrors = report.errors
      done({ code, report })
    })
  })
  const send = <T>(command: Command): Promise<T> =>
    new Promise<T>((resolveReply, reject) => {
      if (child.exitCode !== null || !child.connected) return reject(new Error(`the app is not running (exit ${child.exitCode})\n${output}`))
      const id = nextId++
      pending.set(id, { resolve: resolveReply as (v: unknown) => void, reject })
      child.send({ id, ...command })
    })
  const state = (): Promise<StandInSnapshot> => send<StandInSnapshot>({ cmd: 'state' })
  return {
    output: () => output,
    send,
    state,
    async until(what, probe, timeoutMs = 15_000) {
      const ends = Date.now() + timeoutMs
      let last: StandInSnapshot | null = null
      for (;;) {
        last = await state()
        const value = probe(last)
        if (value) return value
        if (Date.now() > ends) {
          throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify({ ...last, windows: last.windows.map((w) => ({ ...w, pageText: w.pageText.slice(0, 200) })) }, null, 1).slice(0, 4000)}\nerrors: ${JSON.stringify(lastErrors)}\noutput:\n${output}`)
        }
        await new Promise((r) => setTimeout(r, 40))
      }
    },
    exited,
    errors: () => lastErrors,
    kill: () => void child.kill('SIGKILL'),
  }
}
