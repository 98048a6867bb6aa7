import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAppCore } from '../core/app/create'
import { createLogger, type LogSink } from '../core/log'
import { FILE_LOG_LEVEL, SERVE_STDERR_LOG_LEVEL } from './log-level'
import { envProxyFetch } from '../core/net/env-fetch'
import { webHostDiagnostics } from './web-diagnostics'
import { bothLoggers } from './log-file'
import { createNodeCipher } from '../core/vault'
import { refusalPage } from '../core/doctor'
import { createWebLoginWindow, startWebHost, webLoginRedirectUri } from '../web'
import { webPort } from './web-port'
import type { Command } from './command'
import { EXIT, UsageError } from './errors'
import { portOption, untilStopped } from './stop'
import { requireTrustedHome } from './context'

/** out/renderer beside out/cli: where `npm run build` puts the web interface. */
const builtRenderer = (): string => fileURLToPath(new URL('../renderer', import.meta.url))

async function requireRenderer(dir: string): Promise<void> {
  const index = join(dir, 'index.html')
  const found = await stat(index).then((s) => s.isFile(), () => false)
  if (!found) throw new UsageError(`The web interface is not built: ${index} is missing. Run npm run build first.`, 'not-built')
}

const jsonLines =
  (stderr: NodeJS.WritableStream): LogSink =>
  (record) =>
    stderr.write(`${JSON.stringify(record)}\n`)

export const serve: Command = {
  name: 'serve',
  summary: 'Run Token Desk in a browser: the app on 127.0.0.1, with the vault under TOKEN_DESK_HOME',
  help: `Usage: token-desk serve [--sandbox] [--port N] [--json]

Runs the Token Desk app as a local web server on 127.0.0.1, for machines without the desktop
app. Its Facebook login returns to http://localhost:N/login/callback: register that exact
address in your app's Valid OAuth Redirect URIs (for Facebook Login for Business, under its
own Settings). --port N is remembered, so later launches use it without the flag; without
either, any free port (fine for --sandbox). The first line of standard output is the launch
URL: open it in a browser on this machine. It works once. Each time it is used a fresh one is
printed on a line of its own, for another tab or after a reload (the page keeps its key in
memory only, so no other page the browser visits can use it). --json prints {"url", "origin"}
lines instead.
--sandbox offers practice mode (a simulated Facebook on loopback). Your own Meta app is set up
in the page, as in the desktop app; TOKEN_DESK_APP_ID and TOKEN_DESK_APP_SECRET are not used.
Nothing else goes to standard output. The log goes to standard error as JSON lines, warnings
and errors only unless TOKEN_DESK_LOG or --log-level asks for more (default warn); the file
--log-file PATH names keeps info and above (or the level asked for).
Runs until SIGINT (Ctrl-C) or SIGTERM, then stops cleanly.`,
  options: { sandbox: { type: 'boolean' }, port: { type: 'string' } },
  async run(run) {
    const { config, io } = run
    const given = run.values.port === undefined ? null : portOption(run.values.port)
    const practice = run.values.sandbox === true
    const rendererDir = io.rendererDir ?? builtRenderer()
    await requireRenderer(rendererDir)

    // The first line of standard output is the launch URL: the log stays on standard error, and
    // quiet there unless asked, so the URL and the note under it are what a person sees.
    const stderrLog = createLogger(jsonLines(io.stderr), config.logLevel ?? SERVE_STDERR_LOG_LEVEL)
    const log = run.logFile ? bothLoggers(stderrLog, createLogger(run.logFile.sink, config.logLevel ?? FILE_LOG_LEVEL)) : stderrLog
    const listenOn = webPort(config.home, given, log)
    await requireTrustedHome(config.home)
    const cipher = await createNodeCipher({ home: config.home, passphrase: config.passphrase, ...(config.useKeyring ? {} : { keyring: null }), log })
    if (cipher.protection() === 'unavailable') run.note(`Tokens will be kept in memory only while this runs: ${cipher.unavailableReason ?? ''}`)

    // The popup is cross-origin: the host looks at the dialog first, to explain a refusal page.
    const loginPopups = createWebLoginWindow({ probe: (url) => refusalPage(url) })
    const stopped = untilStopped(io)
    let host
    try {
      host = await startWebHost({
        rendererDir,
        port: listenOn.port,
        log,
        loginPopups,
        // The launch URL holds a key: stdout only, never the log.
        onLaunchUrl: (url) => run.print(run.json ? JSON.stringify({ url, origin: new URL(url).origin }) : url),
        core: async ({ origin, redirectUri }) => {
          listenOn.remember(Number(new URL(origin).port))
          const core = createAppCore({
            cipher,
            settingsDir: config.home,
            loginWindow: loginPopups,
            // The person is at the browser, which may not be at this machine's desktop (a server,
            // a container): the page writes its own clipboard from a one-off reply.
            clipboard: 'page',
            notifier: { notify: (n) => log.info('notification', { title: n.title, body: n.body }) },
            log,
            // No start at login: token-desk serve runs when it is run, so the window does not offer it.
            platform: {},
            graphRetry: { maxTotalMs: config.budgetMs },
            fetch: envProxyFetch(io.env),
            diagnostics: webHostDiagnostics(run.logFile, io.env),
            practice: { enabled: practice, redirectUri },
            // Logins with your own app return here too; register this exact address (it shows in the start form).
            loginRedirectUri: redirectUri,
            loginRedirectFixed: listenOn.fixed,
          })
          await core.start()
          return core
        },
      })
    } catch (error) {
      if (error instanceof Error && /already in use/.test(error.message)) throw new UsageError(error.message)
      throw error
    }

    // The launch URL holds the key: stdout only, never the log.
    run.print(run.json ? JSON.stringify({ url: host.url, origin: host.origin }) : host.url)
    if (!run.json) {
      run.note(`Token Desk is serving on ${host.origin}${practice ? ' with practice mode' : ''}. Open the address above in a browser. Stop with Ctrl-C.`)
      const callback = webLoginRedirectUri(host.origin)
      run.note(
        listenOn.fixed
          ? `Logins with your own Meta app return to ${callback}: register this exact address in the App Dashboard.`
          : `Logins with your own Meta app return to ${callback}, and this port changes each launch: start with --port N once (it is remembered) to log in with your own app.`,
      )
    }
    await stopped
    await host.close()
    await host.core.stop()
    log.info('token-desk serve has stopped')
    return { exitCode: EXIT.ok }
  },
}
