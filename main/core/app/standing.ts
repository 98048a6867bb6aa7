import type { Method, Notice } from '../../../preload/api'
import type { MonitorEvent } from '../monitor'
import type { AppContext } from './context'

/**
 * Notices with an owner and an end. A standing notice is about a cause that lasts (the checks
 * fail, the app check found problems): one notice per cause, gone when the cause is gone, and
 * once dismissed not raised again until the cause has ended and come back. A success note
 * (level 'info') lasts until the person's next action.
 */
const dismissed = new WeakMap<AppContext, Set<string>>()

export const CHECK_FAILED = 'check'
export const APP_CHECK = 'app-check'

export function standNotice(ctx: AppContext, cause: string, level: Notice['level'], message: string): void {
  if (dismissed.get(ctx)?.has(cause)) return
  ctx.notice(level, message, undefined, undefined, undefined, cause)
}

export function endStanding(ctx: AppContext, cause: string): void {
  dismissed.get(ctx)?.delete(cause)
  ctx.endNotices(cause)
}

/** Dismissing a standing notice quiets its cause while it lasts. */
export function noteDismissed(ctx: AppContext, noticeId: string): void {
  const cause = ctx.causeOf(noticeId)
  if (!cause) return
  const set = dismissed.get(ctx) ?? new Set<string>()
  set.add(cause)
  dismissed.set(ctx, set)
}

/** What a check's end means for its notice: a check that worked ends it; a failure says what stopped it. */
export function noteCheckOutcome(ctx: AppContext, event: Extract<MonitorEvent, { type: 'check-finished' }>): void {
  if (event.outcome === 'ok') return endStanding(ctx, CHECK_FAILED)
  // A computer the OS says is offline has its own banner; a second notice would say it twice.
  // A connection that failed while online (a dropped connection, a proxy that refuses) has no
  // banner, so it is said here.
  if ((event.outcome === 'offline' && !ctx.online) || !event.message) return
  const words =
    event.outcome === 'throttled'
      ? `Facebook is busy, so the last check waits and tries again later: ${event.message} Nothing was marked dead.`
      : event.outcome === 'offline'
        ? `${unreached(event.message)} Nothing was marked dead.`
        : `The last check could not finish: ${event.message} Nothing was marked dead.`
  standNotice(ctx, CHECK_FAILED, 'warning', words)
}

/** "Could not reach Facebook. …" says it already: led by "did not reach Facebook" it would say it twice. */
function unreached(message: string): string {
  const said = /^Could not reach Facebook/.exec(message)
  return said ? `The last check could not reach Facebook${message.slice(said[0].length)}` : `The last check did not reach Facebook: ${message}`
}

/** Methods that only read: they are not the "next action" that ends a success note. */
const READS: ReadonlySet<Method> = new Set<Method>(['getState', 'getDiagnostics', 'dismissNotice'])

/** The person acted again: the success notes from before have been read. */
export function successNotesEnd(ctx: AppContext, method: Method): void {
  if (READS.has(method)) return
  ctx.notices = ctx.notices.filter((n) => n.level !== 'info')
}
