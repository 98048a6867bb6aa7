import type { TokenSummary } from '../../preload/api'
import { vaultWatchStore } from '../core/app/watch-store'
import { createMonitor, type CheckResult } from '../core/monitor'
import { systemClock, systemTimers } from '../core/ports'
import { createTokenChecker } from '../core/tokens/checker'
import type { Command, Run } from './command'
import { requireApp } from './config'
import { noteEntryProblems, openHome, summaryOf } from './context'
import { CommandFailure, EXIT, type ExitCode } from './errors'
import { clockTime, toFailure } from './failure'
import { familiesTable } from './families-table'
import { recording } from './graph'
import { checkedJson } from './present'

/** Nothing was learned: the exit code and words of the reason, with a time to retry when Graph gave one. */
function failedCheck(result: Exclude<CheckResult, { outcome: 'ok' }>, error: unknown): CommandFailure {
  if (error !== null) {
    const failure = toFailure(error)
    const lead = failure.exitCode === EXIT.usage ? 'The check could not run; no token was marked.' : 'The check did not reach Facebook; no token was marked.'
    return new CommandFailure(`${lead} ${failure.message}`, failure.exitCode, failure.code)
  }
  const now = Date.now()
  const retry = result.retryAfterMs ? ` Try again after ${clockTime(now + result.retryAfterMs, now)}.` : ''
  const code = result.outcome === 'offline' ? 'network' : result.outcome === 'throttled' ? 'rate-limited' : 'graph'
  return new CommandFailure(`The check did not reach Facebook; no token was marked. ${result.message}${retry}`, EXIT.graph, code)
}

function exitCodeOf(summaries: readonly TokenSummary[]): ExitCode {
  if (summaries.some((s) => s.status === 'dead' || s.status === 'needs-relogin')) return EXIT.invalidToken
  if (summaries.some((s) => s.status === 'unknown')) return EXIT.graph
  return EXIT.ok
}

export const check: Command = {
  name: 'check',
  summary: 'Ask Graph about every stored token now and record the answers',
  help: `Usage: token-desk check [--json]

Checks every stored token with Graph now (debug_token, batched), records the answers in the
vault as the app's monitor does, and prints the tokens grouped by family, each with its status: valid, expiring (within
the widest reminder), dead, unknown (Graph did not answer about it), or needs-relogin (the
stored copy cannot be decrypted). --json prints an array of {"id", "name", "kind", "last4",
"expiresAt", "neverExpires", "dataAccessExpiresAt", "status", "problem", "lastCheckedAt"},
"problem" as in inspect. A failure to reach Graph never marks a token dead.
Exit 0 when all are valid or expiring, 1 when any is dead or needs a new sign-in, 3 when Graph
could not be reached, 2 when its results could not be saved (a full disk).`,
  options: {},
  async run(run: Run) {
    const app = requireApp(run.config)
    const home = await openHome(run, { needKey: true, purpose: 'check the stored tokens' })
    const settings = home.settings().store
    const { graph, lastError } = recording(run.graph(app))
    // A result that could not be written (a full disk) is a failed run, not a quiet exit 0.
    const unsaved: string[] = []
    const watch = vaultWatchStore(home.tokens, run.log, (message) => {
      unsaved.push(message)
      run.note(message)
    })
    let result: CheckResult | null = null
    const checker = createTokenChecker({ graph: () => graph, appId: () => app.appId, secretOf: (id) => home.tokens.getSecret(id), identityOf: (id) => home.tokens.get(id)?.meta ?? null })
    const monitor = createMonitor({
      clock: systemClock,
      timers: systemTimers,
      checker: { check: async (ids) => (result = await checker.check(ids)) },
      store: watch,
      reminders: { has: (key) => settings.hasShownReminder(key), add: (key) => settings.markReminderShown(key) },
      settings: () => settings.get(),
      log: run.log,
    })
    // Without start(): one check, written back, no reminders and no timer.
    await monitor.checkNow()
    await watch.flush()
    const finished = result as CheckResult | null
    if (finished && finished.outcome !== 'ok') throw failedCheck(finished, lastError())
    if (unsaved.length > 0) {
      throw new CommandFailure(`Graph answered, but the results could not be saved in the vault: ${unsaved[0] ?? ''} Run token-desk check again once that is fixed.`, EXIT.usage, 'vault-write')
    }

    const answered = finished?.outcome === 'ok' ? finished.results : new Map<string, unknown>()
    const live = new Map(watch.list().map((t) => [t.id, t]))
    const entries = home.tokens.list()
    noteEntryProblems(run, entries, home.cipher.unavailableReason)
    const summaries = entries
      .map((entry) => {
        const summary = summaryOf(entry, { ...entry.meta, ...live.get(entry.id) })
        // Not confirmed by this check: what was stored before is no answer for today.
        if (!entry.problem && !answered.has(entry.id)) summary.status = 'unknown'
        return summary
      })
      .sort((a, b) => a.name.localeCompare(b.name))
    const exitCode = exitCodeOf(summaries)
    if (exitCode === EXIT.graph) run.note('Graph did not answer about some tokens; their status is unknown. Nothing was marked dead.')
    return { exitCode, data: summaries.map(checkedJson), text: familiesTable(summaries, Date.now()) }
  },
}
