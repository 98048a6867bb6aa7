import type { AppState, TokenSummary } from '../../../preload/api'
import { AlertCommandError, alertCommandOf, sendAlert, sendAlerts, testAlert } from '../deliveries/alerts'
import type { AlertGroup } from '../monitor'
import type { AppContext } from './context'
import { AppError } from './errors'
import { buildState } from './state'

function commandOf(ctx: AppContext): { argv: string[] } | null {
  try {
    return alertCommandOf(ctx.deps.childEnv ?? process.env, ctx.settings.get())
  } catch (error) {
    if (error instanceof AlertCommandError) {
      ctx.notice('warning', `${error.message} No alert was sent.`)
      return null
    }
    throw error
  }
}

/**
 * Alerts beyond the desktop: each group the monitor just showed goes to the alert command as one
 * JSON object, in the background (a slow webhook must not hold the window). Tokens the person
 * ended from this window are not news to them, as with the OS notification.
 */
export function sendGroupAlerts(ctx: AppContext, groups: readonly AlertGroup[], tokens: readonly TokenSummary[]): void {
  const wanted = groups.filter((g) => !(g.kind === 'death' && g.tokenIds.every((id) => ctx.deathsExpected.has(id))))
  if (wanted.length === 0) return
  const command = commandOf(ctx)
  if (!command) return
  const sent = { has: (key: string) => ctx.settings.hasShownReminder(key), add: (key: string) => ctx.settings.markReminderShown(key) }
  void sendAlerts(wanted, tokens, command.argv, { env: ctx.deps.childEnv ?? process.env, now: () => ctx.clock.now(), sent, ...(ctx.deps.commandTimeoutMs ? { timeoutMs: ctx.deps.commandTimeoutMs } : {}) })
    .then((results) => {
      const failed = results.filter((r) => !r.ok)
      for (const r of failed) ctx.notice('warning', `The alert “${r.alert.title}” could not be sent. ${r.message} Check the alert command in Settings.`)
      if (failed.length > 0) ctx.emit()
    })
    .catch((error: unknown) => ctx.log.error('The alert command could not be run.', { error }))
}

/** Settings > Send a test alert: the command runs once with a sample alert; its failure is the reply. */
export async function sendTestAlert(ctx: AppContext): Promise<AppState> {
  const command = commandOf(ctx)
  if (!command) throw new AppError('not-allowed', 'There is no alert command yet: write one in Settings first.')
  const result = await sendAlert(command.argv, testAlert(ctx.clock.now()), { env: ctx.deps.childEnv ?? process.env, ...(ctx.deps.commandTimeoutMs ? { timeoutMs: ctx.deps.commandTimeoutMs } : {}) })
  if (!result.ok) throw new AppError('failed', result.message)
  ctx.notice('info', `The test alert was sent: ${result.message}`)
  return buildState(ctx)
}
