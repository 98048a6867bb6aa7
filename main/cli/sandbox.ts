import { startSandbox } from '../core/sandbox'
import type { Command } from './command'
import { EXIT, UsageError } from './errors'
import { portOption, untilStopped } from './stop'

export const sandbox: Command = {
  name: 'sandbox',
  summary: 'Run the practice Graph API on loopback, for trying token-desk without Facebook',
  help: `Usage: token-desk sandbox [--port N] [--json]

Runs the practice sandbox: a simulated Graph API and login dialog on 127.0.0.1, with a practice
app, user and Pages. Nothing real is touched. The first line of standard output is its Graph
base URL; the next lines are settings for the other commands and the control key:
  http://127.0.0.1:PORT
  TOKEN_DESK_GRAPH_URL=http://127.0.0.1:PORT
  TOKEN_DESK_WWW_URL=http://127.0.0.1:PORT2
  TOKEN_DESK_APP_ID=...
  TOKEN_DESK_APP_SECRET=...          (the practice app's secret: not a real one)
  SANDBOX_CONTROL_KEY=...            (header x-sandbox-key for POST /__sandbox/ACTION)
  SANDBOX_USER_ID=...                (the practice user, Pat Practice)
--json prints one JSON object instead, its keys those same names:
  {"TOKEN_DESK_GRAPH_URL", "TOKEN_DESK_WWW_URL", "TOKEN_DESK_APP_ID", "TOKEN_DESK_APP_SECRET",
   "SANDBOX_CONTROL_KEY", "SANDBOX_USER_ID"}
Runs until SIGINT (Ctrl-C), SIGTERM or the control API's stop action.

Rehearse your own scripts, and the libraries they use, against it: docs/sandbox.md, section
"Rehearse your own scripts against the sandbox". It shows how to point a client at it (the base
URLs above), get tokens (the login dialog, the practice Explorer at TOKEN_DESK_WWW_URL/tools/explorer,
or the control API's issueToken) and break them on purpose (password change, Page role removal,
expiry by moving the clock, throttling). The control API: POST TOKEN_DESK_GRAPH_URL/__sandbox/ACTION
with the header x-sandbox-key and a JSON body; docs/sandbox.md lists every action.`,
  options: { port: { type: 'string' } },
  async run(run) {
    const port = portOption(run.values.port)
    const stopped = untilStopped(run.io)
    let sb
    try {
      // Its clock moves with real time, so practice tokens expire as real ones do.
      sb = await startSandbox({ port, ticking: true })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EADDRINUSE') throw new UsageError(`Port ${port} on 127.0.0.1 is already in use. Choose another with --port, or leave it out.`)
      throw error
    }
    // One list for both forms, so the JSON keys are the variable names the KEY=value lines set.
    const settings = {
      TOKEN_DESK_GRAPH_URL: sb.graphUrl,
      TOKEN_DESK_WWW_URL: sb.wwwUrl,
      TOKEN_DESK_APP_ID: sb.practiceApp.id,
      TOKEN_DESK_APP_SECRET: sb.practiceApp.secret,
      SANDBOX_CONTROL_KEY: sb.controlKey,
      SANDBOX_USER_ID: sb.practiceUser.id,
    }
    if (run.json) run.print(JSON.stringify(settings))
    else {
      run.print([sb.graphUrl, ...Object.entries(settings).map(([name, value]) => `${name}=${value}`)].join('\n'))
      run.note('The practice sandbox is running (a simulation, not Facebook). Stop it with Ctrl-C.')
    }
    await Promise.race([stopped, sb.stopRequested])
    await sb.close()
    if (!run.json) run.note('The practice sandbox has stopped.')
    return { exitCode: EXIT.ok }
  },
}
