/**
 * One alarm per cause. Problems are read from the tokens as they are now, grouped by family and
 * cause, so a banner always counts what is still broken and goes away when the tokens are
 * renewed. Reminders and deaths are announced once, as the monitor shows them: one
 * notification per group, and a notice for each group of clock reminders.
 */
import type { Notice, TokenSummary } from '../../../preload/api'
import { groupFamilies, groupProblems, sortFamilies } from '../families'
import { groupAlerts, type DueEvent } from '../monitor'
import type { AppContext, Reword } from './context'
import { sendGroupAlerts } from './alert-command'
import { noteDismissed } from './standing'

export function problemNotices(ctx: AppContext, tokens: readonly TokenSummary[]): Notice[] {
  const groups = groupProblems(sortFamilies(groupFamilies(tokens), 'deadline'))
  // A dismissal lasts as long as its problem: once fixed, the same cause later is news again.
  const live = new Set(groups.map((g) => g.key))
  for (const key of ctx.dismissedProblems) if (!live.has(key)) ctx.dismissedProblems.delete(key)
  return groups
    .filter((g) => !ctx.dismissedProblems.has(g.key))
    .map((g) => ({ id: g.key, level: 'error', message: g.message, tokenIds: g.tokenIds, familyId: g.familyId }))
}

/** Problem banners are dismissed as a group; other notices are simply dropped. */
export function dismissNotice(ctx: AppContext, id: string): void {
  if (id.startsWith('p:')) ctx.dismissedProblems.add(id)
  else {
    noteDismissed(ctx, id)
    ctx.notices = ctx.notices.filter((n) => n.id !== id)
  }
}

export function announce(ctx: AppContext, shown: readonly DueEvent[], tokens: readonly TokenSummary[]): void {
  const groups = groupAlerts(shown, tokens)
  sendGroupAlerts(ctx, groups, tokens)
  for (const group of groups) {
    const expected = group.kind === 'death' && group.tokenIds.every((id) => ctx.deathsExpected.has(id))
    if (!expected) ctx.deps.notifier.notify(group.notification)
    // "Stops working in 14 days" beside "has expired" would contradict the banner.
    if (group.kind === 'death') ctx.forgetReminders(group.tokenIds)
    // Deaths show as problem banners, read from the tokens themselves; clocks as a notice that
    // counts its days as they pass, one per clock: a 7-day reminder replaces the 14-day one.
    const reword = group.reword
    if (group.kind === 'clock') {
      ctx.notice('warning', group.notification.title, group.tokenIds, group.familyId, reword && ((remaining) => reword(remaining, ctx.clock.now())), `clock:${'clock' in group.cause ? group.cause.clock : 'expires'}`)
    }
  }
}

/**
 * Runs a check of tokens the person just ended from this window: their deaths show on the
 * dashboard, not as OS notifications, since the person is looking at the window that did it.
 */
export async function checkExpectedDeaths(ctx: AppContext, ids: readonly string[]): Promise<void> {
  for (const id of ids) ctx.deathsExpected.add(id)
  try {
    await ctx.monitor.checkNow([...ids])
  } finally {
    for (const id of ids) ctx.deathsExpected.delete(id)
  }
}

/**
 * A notice that says more than the family's problem banner would (a rotation waiting for its
 * last login) stands in for that banner: about the same tokens, with the same way to the
 * family's row, while the problem lasts. Without a stopped token it is a notice about `tokenId`.
 */
export function noticeForFamily(ctx: AppContext, tokens: readonly TokenSummary[], tokenId: string, level: Notice['level'], message: string): void {
  const family = groupFamilies(tokens).find((f) => f.members.some((m) => m.id === tokenId))
  const groups = family ? groupProblems([family]) : []
  if (!family || groups.length === 0) {
    ctx.notice(level, message, tokenId)
    return
  }
  for (const g of groups) ctx.dismissedProblems.add(g.key)
  ctx.notice(level, message, groups.flatMap((g) => g.tokenIds), family.id)
}

/**
 * Takes tokens out of the notices about them. A reminder left with fewer tokens says its words
 * again for those ("3 tokens…" becomes "2 tokens…"); a notice left with none goes.
 */
export function shrinkNotices(notices: readonly Notice[], gone: readonly string[], rewordings: ReadonlyMap<string, Reword>): Notice[] {
  return notices.flatMap((n) => {
    if (!n.tokenIds?.some((id) => gone.includes(id))) return [n]
    const remaining = n.tokenIds.filter((id) => !gone.includes(id))
    if (remaining.length === 0) return []
    const reword = rewordings.get(n.id)
    return [{ ...n, tokenIds: remaining, ...(reword ? { message: reword(remaining) } : {}) }]
  })
}
