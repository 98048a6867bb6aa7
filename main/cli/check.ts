import type { Settings, TokenSummary } from '../../preload/api'
import { vaultWatchStore } from '../core/app/watch-store'
import { AlertCommandError, alertCommandOf, alertedKey, sendAlerts } from '../core/deliveries/alerts'
import { createMonitor, groupAlerts, type CheckResult, type DueEvent } from '../core/monitor'
import { systemClock, systemTimers } from '../core/ports'
import { createTokenChecker } from '../core/tokens/checker'
import type { Command, Run } from './command'
import { requireApp } from './config'
import { noteEntryProblems, openHome, summaryOf } from './context'
import { CommandFailure, EXIT, UsageError, type ExitCode } from './errors'
import { retryAfterWords, toFailure } from './failure'
import { familiesTable } from './families-table'
import { recording } from './graph'
import { checkedJson } from './present'
import { endsTooSoon, minDaysOf } from './min-days'

/** Nothing was learned: the exit code and words of the reason, with a time to retry when Graph gave one. */
function failedCheck(result: Exclude<CheckResult, { outcome: 'ok' }>, error: unknown, graphUrl: string | undefined): CommandFailure {
  if (error !== null) {
    const failure = toFailure(error, Date.now(), { graphUrl })
    const lead = failure.exitCode === EXIT.usage ? 'The check could not run; no token was marked.' : 'The check did not reach Facebook; no token was marked.'
    return new CommandFailure(`${lead} ${failure.message}`, failure.exitCode, failure.code)
  }
  const now = Date.now()
  const retry = result.outcome === 'throttled' ? ` Try again ${retryAfterWords(result.retryAfterMs, now)}.` : ''
  const code = result.outcome === 'offline' ? 'network' : result.outcome === 'throttled' ? 'rate-limited' : 'graph'
  return new CommandFailure(`The check did not reach Facebook; no token was marked. ${result.message}${retry}`, EXIT.graph, code)
}

const clocksOf = (s: TokenSummary) => ({
  expiresAt: s.expiresAt === null ? null : Date.parse(s.expiresAt),
  neverExpires: s.neverExpires,
  dataAccessExpiresAt: s.dataAccessExpiresAt === null ? null : Date.parse(s.dataAccessExpiresAt),
})

/** The alert command for --alert, before anything is checked: a missing or malformed one is a usage error. */
function alertCommandFor(run: Run, settings: Settings): { argv: string[] } {
  let found: { argv: string[] } | null
  try {
    found = alertCommandOf(run.io.env, settings)
  } catch (error) {
    if (error instanceof AlertCommandError) throw new UsageError(error.message, 'alert-command')
    throw error
  }
  if (!found) throw new UsageError('--alert needs an alert command: set TOKEN_DESK_ALERT_COMMAND (a JSON array of words), or set one in the desktop app under Settings > Alerts.', 'alert-command')
  return found
}

function exitCodeOf(summaries: readonly TokenSummary[]): ExitCode {
  if (summaries.some((s) => s.status === 'dead' || s.status === 'needs-relogin')) return EXIT.invalidToken
  if (summaries.some((s) => s.status === 'unknown')) return EXIT.graph
  return EXIT.ok
}

export const check: Command = {
  name: 'check',
  summary: 'Ask Graph about every stored token now and record the answers',
  help: `Usage: token-desk check [--json] [--min-days N] [--alert]

Checks every stored token with Graph now (debug_token, batched), records the answers in the
vault as the app's monitor does, and prints the tokens grouped by family, each with its status: valid, expiring (within
the widest reminder), dead, unknown (Graph did not answer about it), or needs-relogin (the
stored copy cannot be decrypted). --json prints an array of {"id", "name", "kind", "last4",
"expiresAt", "neverExpires", "dataAccessExpiresAt", "status", "problem", "lastCheckedAt"},
"problem" as in inspect. A failure to reach Graph never marks a token dead.
--min-days N: exit 1 also when a token stops working (either clock: its expiry or its data
access) within N days; each one is named on standard error.
--alert: for cron, where no desktop is open: the alerts the desktop app would show (tokens
that stopped, clocks about to run out), grouped by cause as it groups them, each sent once as
one JSON object on the standard input of the alert command (TOKEN_DESK_ALERT_COMMAND, else the
one in Settings; see docs/deliveries.md). An alert the command did not take is tried again
by the next run.
Exit 0 when all are valid or expiring, 1 when any is dead or needs a new sign-in, 3 when Graph
could not be reached, 2 when its results could not be saved (a full disk).`,
  options: { 'min-days': { type: 'string' }, alert: { type: 'boolean' } },
  async run(run: Run) {
    const minDays = minDaysOf(run.values)
    const app = requireApp(run.config)
    const home = await openHome(run, { needKey: true, purpose: 'check the stored tokens' })
    const settings = home.settings().store
    const alerting = run.values.alert === true ? alertCommandFor(run, settings.get()) : null
    const { graph, lastError } = recording(run.graph(app))
    // A result that could not be written (a full disk) is a failed run, not a quiet exit 0.
    const unsaved: string[] = []
    const watch = vaultWatchStore(home.tokens, run.log, (message) => {
      unsaved.push(message)
      run.note(message)
    })
    let result: CheckResult | null = null
    const checker = createTokenChecker({ graph: () => graph, appId: () => app.appId, secretOf: (id) => home.tokens.getSecret(id), identityOf: (id) => home.tokens.get(id)?.meta ?? null })
    const shown: DueEvent[] = []
    const monitor = createMonitor({
      clock: systemClock,
      timers: systemTimers,
      checker: { check: async (ids) => (result = await checker.check(ids)) },
      store: watch,
      // With --alert, "shown" means sent to the alert command, marked only once it took one.
      reminders: alerting
        ? { has: (key) => settings.hasShownReminder(alertedKey(key)), add: () => undefined }
        : { has: (key) => settings.hasShownReminder(key), add: (key) => settings.markReminderShown(key) },
      settings: () => settings.get(),
      log: run.log,
    })
    monitor.subscribe((event) => {
      if (event.type === 'reminders-shown') shown.push(...event.reminders)
    })
    // Without --alert, no start(): one check, written back, no reminders and no timer. With it,
    // start() shows what is due before the check and again after it, then stop().
    if (alerting) {
      await monitor.start()
      monitor.stop()
    } else await monitor.checkNow()
    await watch.flush()
    const finished = result as CheckResult | null
    if (finished && finished.outcome !== 'ok') throw failedCheck(finished, lastError(), run.config.graphUrl)
    if (unsaved.length > 0) {
      throw new CommandFailure(`Graph answered, but the results could not be saved in the vault: ${unsaved[0] ?? ''} Run token-desk check again once that is fixed.`, EXIT.usage, 'vault-write')
    }

    const answered = finished?.outcome === 'ok' ? finished.results : new Map<string, unknown>()
    const live = new Map(watch.list().map((t) => [t.id, t]))
    const entries = home.tokens.list()
    noteEntryProblems(run, entries, home)
    const summaries = entries
      .map((entry) => {
        const summary = summaryOf(entry, { ...entry.meta, ...live.get(entry.id) })
        // Not confirmed by this check: what was stored before is no answer for today.
        if (!entry.problem && !answered.has(entry.id)) summary.status = 'unknown'
        return summary
      })
      .sort((a, b) => a.name.localeCompare(b.name))
    let exitCode = exitCodeOf(summaries)
    if (exitCode === EXIT.graph) run.note('Graph did not answer about some tokens; their status is unknown. Nothing was marked dead.')
    if (minDays !== null) {
      const soon = summaries.flatMap((s) => {
        const refusal = s.status === 'dead' || s.status === 'needs-relogin' ? null : endsTooSoon(s.name, clocksOf(s), minDays)
        return refusal ? [refusal.message] : []
      })
      for (const line of soon) run.note(line)
      if (soon.length > 0 && exitCode === EXIT.ok) exitCode = EXIT.invalidToken
    }
    if (alerting) {
      const sent = await sendAlerts(groupAlerts(shown, summaries), summaries, alerting.argv, {
        env: run.io.env,
        now: Date.now,
        sent: { has: (key) => settings.hasShownReminder(key), add: (key) => settings.markReminderShown(key) },
        ...(run.config.commandTimeoutMs ? { timeoutMs: run.config.commandTimeoutMs } : {}),
      })
      for (const r of sent) run.note(r.ok ? `Alert sent: ${r.alert.title}.` : `The alert “${r.alert.title}” was not sent: ${r.message} The next run tries again.`)
    }
    return { exitCode, data: summaries.map(checkedJson), text: familiesTable(summaries, Date.now()) }
  },
}
