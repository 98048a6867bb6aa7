/**
 * Reminders shown together become one alarm per cause: the deaths one check found, grouped by
 * family and cause, and the clock reminders whose tokens run out on the same day. One group,
 * one notification, one notice: a password change that ends 58 tokens is said once.
 */
import type { DeathReason, TokenSummary } from '../../../preload/api'
import { causeHeadline, causeKey, clockHeadline, daysLeft, fixSentence, groupFamilies, type Family } from '../families'
import type { Notification } from '../ports'
import { deathNotification, FIXED_OUTSIDE, reminderNotification } from './notices'
import type { DueEvent } from './types'


export interface AlertGroup {
  kind: 'death' | 'clock'
  notification: Notification
  tokenIds: string[]
  /** Set when every token of the group is in one family: the dashboard row the alert is about. */
  familyId: string | null
  /** A clock group's headline for the tokens still in it (once some are renewed or stop first), as of `now`. */
  reword?: (remaining: readonly string[], now: number) => string
  /** The reminder key of each event in it (the alert command marks each one sent). */
  keys: string[]
  /** Why: the death's reason, or the clock and the days left on it. */
  cause: { reason: DeathReason } | { clock: 'expires' | 'data-access'; daysLeft: number }
}

function reauthorizeVia(family: Family | undefined, fallback: string): string {
  const head = family?.head
  return head && (head.kind === 'USER' || head.kind === 'PAGE') ? head.id : fallback
}

function groupKey(events: readonly DueEvent[]): string {
  // Each reminder key is shown once, so a group holding it is never shown again either.
  return events.length === 1 ? events[0]!.key : `${events[0]!.key}+${events.length - 1}`
}

/**
 * `events`: one batch of reminders the monitor just showed (deaths first). Tokens no longer
 * stored are left out; everything else lands in exactly one group.
 */
export function groupAlerts(events: readonly DueEvent[], tokens: readonly TokenSummary[]): AlertGroup[] {
  const families = groupFamilies(tokens)
  const familyOf = new Map<string, Family>()
  for (const f of families) for (const m of f.members) familyOf.set(m.id, f)
  const byId = new Map(tokens.map((t) => [t.id, t]))
  const name = (id: string): string => byId.get(id)?.name ?? 'A token'

  const groups = new Map<string, DueEvent[]>()
  for (const event of events) {
    const family = familyOf.get(event.tokenId)
    if (!family) continue
    const key =
      event.type === 'token-died'
        ? `death:${causeKey(family.id, { id: event.tokenId }, event.reason)}`
        : `clock:${event.clock}:${event.daysLeft}`
    const list = groups.get(key) ?? []
    list.push(event)
    groups.set(key, list)
  }

  const out: AlertGroup[] = []
  for (const group of groups.values()) {
    const first = group[0]!
    const tokenIds = group.map((e) => e.tokenId)
    const names = tokenIds.map(name)
    const ids = new Set(tokenIds.map((id) => familyOf.get(id)!.id))
    const family = ids.size === 1 ? familyOf.get(first.tokenId) : undefined
    const familyId = family?.id ?? null
    if (first.type === 'token-died') {
      const fix = first.problem.fix
      const outside = FIXED_OUTSIDE.has(fix)
      const words =
        group.length === 1
          ? deathNotification(first, names[0]!)
          : { key: groupKey(group), title: causeHeadline(first.reason, names), body: fixSentence(fix, group.length) }
      const notification: Notification = {
        ...words,
        // A login renews the user token and every Page token made from it: one click for all.
        tokenId: outside ? first.tokenId : reauthorizeVia(family, first.tokenId),
        action: outside ? 'open' : 'reauthorize',
      }
      out.push({ kind: 'death', notification, tokenIds, familyId, keys: group.map((e) => e.key), cause: { reason: first.reason } })
      continue
    }
    if (first.type !== 'reminder-due') continue
    const words = clockHeadline(first.clock, first.daysLeft, names)
    const notification: Notification =
      group.length === 1
        ? reminderNotification(first, names[0]!)
        : {
            key: groupKey(group),
            title: words.title,
            body: words.body,
            tokenId: family ? reauthorizeVia(family, first.tokenId) : null,
            action: family ? 'reauthorize' : 'open',
          }
    const nameOf = new Map(tokenIds.map((id, i) => [id, names[i]!]))
    const reword = (remaining: readonly string[], now: number): string =>
      clockHeadline(first.clock, daysLeft(now, first.at), remaining.map((id) => nameOf.get(id) ?? 'A token')).title
    out.push({ kind: 'clock', notification, tokenIds, familyId, reword, keys: group.map((e) => e.key), cause: { clock: first.clock, daysLeft: first.daysLeft } })
  }
  return out
}
