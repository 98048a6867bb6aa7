import { GraphError } from '../core/graph'
import { registerSecret } from '../core/redact'
import type { Command } from './command'
import { requireApp } from './config'
import { CommandFailure, EXIT, UsageError } from './errors'
import { isoOrNull } from './output'
import { problemLine, problemOf } from './verdict'

export const extend: Command = {
  name: 'extend',
  summary: 'Exchange a user token for a long-lived one (about 60 days)',
  help: `Usage: token-desk extend --json [--token-file PATH] < token.txt

Exchanges the user token on standard input (or in PATH) for a long-lived one
(fb_exchange_token), then asks Graph when the new token expires.
--json prints {"token", "type", "expiresAt", "neverExpires"}, with the full new token, and is
needed: the new token is the whole point, and it is printed only when asked for, so it never
ends up in a terminal's scrollback or a CI log by accident. Without --json nothing is sent to
Facebook (exit 2). To keep the new token in the vault, pipe it to token-desk add (examples).
Exit 1 when the given token is not valid; 2 when it is not a user token.`,
  options: { 'token-file': { type: 'string' } },
  async run(run) {
    // Refused before the exchange: a long-lived token made and then not shown is one wasted.
    if (!run.json) {
      throw new UsageError(
        'token-desk extend prints the new token, and only with --json: token-desk extend --json < short.txt | jq -r .token > long.txt, or pipe it to token-desk add --name NAME to store it. Nothing was sent to Facebook.',
        'json-needed',
      )
    }
    const token = await run.token()
    const app = requireApp(run.config)
    const graph = run.graph(app)
    const info = await graph.debugToken(token)
    const problem = problemOf(info, app.appId)
    if (problem) throw new CommandFailure(`The token cannot be extended: ${problemLine(problem)}`, EXIT.invalidToken, problem.reason)
    if (info.type !== 'USER') {
      throw new UsageError(
        `Only user tokens can be extended; this is ${info.type === null ? 'not a user token' : `a ${info.type} token`}. Page tokens made from a long-lived user token do not expire.`,
        'not-a-user-token',
      )
    }
    const grant = await graph.exchangeForLongLived(token)
    registerSecret(grant.token)
    let described = { type: 'USER' as string | null, expiresAt: grant.expiresAt, neverExpires: false }
    try {
      const fresh = await graph.debugToken(grant.token)
      described = { type: fresh.type, expiresAt: fresh.neverExpires ? null : fresh.expiresAt, neverExpires: fresh.neverExpires }
    } catch (error) {
      // The exchange already happened: losing the new token over a failed check would waste it.
      if (!(error instanceof GraphError)) throw error
      run.note(`Could not confirm the new token's expiry with Graph (${error.message}); showing what the exchange said.`)
    }
    const data = { token: grant.token, type: described.type, expiresAt: isoOrNull(described.expiresAt), neverExpires: described.neverExpires }
    return { exitCode: EXIT.ok, data }
  },
}
