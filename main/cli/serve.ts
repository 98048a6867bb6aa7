import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAppCore } from '../core/app/create'
import { createLogger, type LogSink } from '../core/log'
import { teeSink } from '../core/logging/file-log'
import { envProxyFetch } from '../core/net/env-fetch'
import { webHostDiagnostics } from './web-diagnostics'
import type { LogLevel } from '../core/ports'
import { createNodeCipher } from '../core/vault'
import { refusalPage } from '../core/doctor'
import { createWebLoginWindow, startWebHost } from '../web'
import type { Command } from './command'
import { EXIT, UsageError } from './errors'
import { portOption, untilStopped } from './stop'

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
app. The first line of standard output is the launch URL, which holds a key for this launch
only: open it in a browser on this machine. --json prints {"url", "origin"} instead.
--sandbox offers practice mode (a simulated Facebook on loopback). Your own Meta app is set up
in the page, as in the desktop app; TOKEN_DESK_APP_ID and TOKEN_DESK_APP_SECRET are not used.
The log goes to standard error as JSON lines (TOKEN_DESK_LOG sets the level; default info),
and also to the file --log-file PATH names.
Runs until SIGINT (Ctrl-C) or SIGTERM, then stops cleanly.`,
  options: { sandbox: { type: 'boolean' }, port: { type: 'string' } },
  async run(run) {
    const { config, io } = run
    const port = portOption(run.values.port)
    const practice = run.values.sandbox === true
    const rendererDir = io.rendererDir ?? builtRenderer()
    await requireRenderer(rendererDir)

    const level: LogLevel = io.env.TOKEN_DESK_LOG ? config.logLevel : 'info'
    const log = createLogger(run.logFile ? teeSink(jsonLines(io.stderr), run.logFile.sink) : jsonLines(io.stderr), level)
    const cipher = await createNodeCipher({ home: config.home, passphrase: config.passphrase, ...(config.useKeyring ? {} : { keyring: null }), log })
    if (cipher.protection() === 'unavailable') run.note(`Tokens will be kept in memory only while this runs: ${cipher.unavailableReason ?? ''}`)

    // The popup is cross-origin: the host looks at the dialog first, to explain a refusal page.
    const loginPopups = createWebLoginWindow({ probe: (url) => refusalPage(url) })
    const stopped = untilStopped(io)
    let host
    try {
      host = await startWebHost({
        rendererDir,
        port,
        log,
        loginPopups,
        core: async ({ redirectUri }) => {
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
    if (!run.json) run.note(`Token Desk is serving on ${host.origin}${practice ? ' with practice mode' : ''}. Open the address above in a browser. Stop with Ctrl-C.`)
    await stopped
    await host.close()
    await host.core.stop()
    log.info('token-desk serve has stopped')
    return { exitCode: EXIT.ok }
  },
}
