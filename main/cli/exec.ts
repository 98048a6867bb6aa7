import { createTokenChecker } from '../core/tokens/checker'
import { tokensForUse, type UseRequest } from '../core/tokens/for-use'
import { ChildStartError, runChild } from './child'
import type { Command, Run } from './command'
import { childEnv } from '../core/child-env'
import { DENIED_WHY, isReadByLoaderOrRuntime } from './exec-env-names'
import { requireApp } from './config'
import { findEntry, openHome } from './context'
import { CommandFailure, EXIT, passedThrough, UsageError } from './errors'
import { retryAfterWords, toFailure } from './failure'
import { recording } from './graph'
import { looksLikeToken, TOKENS_NOT_ARGUMENTS } from './looks-like-token'
import { problemLine } from './verdict'
import { minDaysOf } from './min-days'

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/

interface Wanted {
  as: string
  ref: string
}

function wanted(values: unknown): Wanted[] {
  const list = Array.isArray(values) ? (values as string[]) : []
  if (list.length === 0) throw new UsageError('token-desk exec needs at least one --env NAME="token name or id". See token-desk exec --help.')
  const seen = new Set<string>()
  return list.map((item) => {
    const at = item.indexOf('=')
    const as = at < 0 ? '' : item.slice(0, at)
    const ref = at < 0 ? '' : item.slice(at + 1).trim()
    if (looksLikeToken(ref) || looksLikeToken(item)) throw new UsageError(`That --env value looks like an access token. --env takes the name or id of a stored token. ${TOKENS_NOT_ARGUMENTS}`)
    if (!ENV_NAME.test(as) || !ref) throw new UsageError(`--env wants NAME="token name or id", with NAME a valid environment variable name; got "${item}".`)
    if (isReadByLoaderOrRuntime(as)) throw new UsageError(`--env ${as} is refused: ${as} ${DENIED_WHY} See docs/exec-env-deny-list.md.`, 'env-name-refused')
    if (seen.has(as)) throw new UsageError(`--env ${as} is given twice.`)
    seen.add(as)
    return { as, ref }
  })
}

export const exec: Command = {
  name: 'exec',
  summary: 'Run a command with stored tokens in its environment, checked first',
  help: `Usage: token-desk exec --env NAME="token name or id" [--env ...] [--use-last-known] [--min-days N] -- COMMAND [ARGS...]

Runs COMMAND with each named stored token in the environment variable NAME, the way op run and
aws-vault exec do: the tokens are never written to disk nor put on a command line.
  token-desk exec --env FB_TOKEN="My Page" -- python report.py
Every token is checked with Graph first (TOKEN_DESK_APP_ID and TOKEN_DESK_APP_SECRET), and nothing
runs unless all are valid. Standard input, output and error are the command's; signals this
process gets (Ctrl-C, SIGTERM...) are passed on to it. The command gets this environment without
TOKEN_DESK_PASSPHRASE, TOKEN_DESK_APP_SECRET and SANDBOX_CONTROL_KEY. NAME may not be a variable
the loader, a shell or a runtime reads (LD_*, PATH, NODE_OPTIONS, BASH_ENV...: see
docs/exec-env-deny-list.md). Nothing is written under TOKEN_DESK_HOME.
--use-last-known: when Graph cannot be reached, run anyway on the last known state (a token last
seen dead, or past its expiry, is still refused).
--min-days N: nothing runs when a token stops working (either clock: its expiry or its data
access) within N days (exit 1).
Exit: the command's own exit status (128 + the signal number when a signal ended it); 1 when a
token is dead or unreadable, before anything runs; 2 bad usage or configuration, or no stored
token with that name or id (as token-desk token); 3 when Graph cannot be reached (without
--use-last-known); 126 or 127 when the command cannot be started.`,
  options: { env: { type: 'string', multiple: true }, 'use-last-known': { type: 'boolean' }, 'min-days': { type: 'string' } },
  rest: 'COMMAND [ARGS...]',
  async run(run: Run) {
    const asked = wanted((run.values as Record<string, unknown>).env)
    const minDays = minDaysOf(run.values)
    const [command, ...args] = run.positionals
    if (command === undefined) throw new UsageError('token-desk exec needs -- COMMAND.')
    const app = requireApp(run.config)
    const home = await openHome(run, { needKey: true, purpose: 'read the stored tokens', readOnly: true })
    const requests: UseRequest[] = asked.map(({ as, ref }) => {
      let entry
      try {
        entry = findEntry(home.tokens, ref)
      } catch (error) {
        // An unknown name is a usage error (exit 2) here as in token-desk token: one rule.
        if (error instanceof UsageError) throw new UsageError(`Nothing was run: ${error.message}`, error.code)
        throw error
      }
      return { as, id: entry.id, meta: entry.meta, unusable: entry.problem?.message ?? null }
    })
    const { graph, lastError } = recording(run.graph(app))
    const checker = createTokenChecker({
      graph: () => graph,
      appId: () => app.appId,
      secretOf: (id) => home.tokens.getSecret(id),
      identityOf: (id) => home.tokens.get(id)?.meta ?? null,
    })
    const result = await tokensForUse({ checker, secretOf: (id) => home.tokens.getSecret(id), now: Date.now }, requests, { useLastKnown: run.values['use-last-known'] === true, ...(minDays !== null ? { minDays } : {}) })

    if (result.kind === 'refused') {
      const why = result.problem ? `${result.name} is not valid: ${problemLine(result.problem)}` : result.message
      throw new CommandFailure(`Nothing was run: ${why}`, EXIT.invalidToken, result.problem?.reason ?? 'unusable')
    }
    if (result.kind === 'unchecked') {
      const error = lastError()
      if (error !== null) {
        const failure = toFailure(error, Date.now(), { graphUrl: run.config.graphUrl })
        throw new CommandFailure(`Nothing was run: the tokens could not be checked. ${failure.message}`, failure.exitCode, failure.code)
      }
      const retry = result.retryAfterMs ? ` Try again ${retryAfterWords(result.retryAfterMs, Date.now())}.` : ''
      throw new CommandFailure(`Nothing was run: the tokens could not be checked. ${result.message}${retry} --use-last-known runs on the last known state.`, EXIT.graph, 'network')
    }
    for (const note of result.notes) run.note(note)

    const env = childEnv(run.io.env)
    for (const [name, value] of result.values) env[name] = value
    try {
      return { exitCode: passedThrough(await runChild(command, args, env, run.io)) }
    } catch (error) {
      if (error instanceof ChildStartError) {
        run.note(`token-desk: ${error.message}`)
        return { exitCode: passedThrough(error.exitCode) }
      }
      throw error
    }
  },
}
