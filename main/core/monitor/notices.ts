/**
 * Plain words for the monitor's reminders, for the notifier and the tray. An advertiser reads
 * these, not an OAuth expert: say what happens, when, and the one thing to do.
 */
import type { Problem } from '../../../preload/api'
import { clockHeadline } from '../families/words'
import type { Notification } from '../ports'
import type { ReminderDueEvent as ReminderDue, TokenDiedEvent as TokenDied } from './types'

/** A reminder about one token, in the same words as a group's (families/words.ts). */
export function reminderNotification(event: ReminderDue, tokenName: string): Notification {
  return { key: event.key, tokenId: event.tokenId, action: 'reauthorize', ...clockHeadline(event.clock, event.daysLeft, [tokenName]) }
}

const FIX_WORDS: Record<Problem['fix'], string> = {
  reauthorize: 'Sign in again to get a new token.',
  rerequest: 'Sign in again and allow the missing permission.',
  reauthenticate: 'Sign in again; Facebook will ask for your password.',
  'visit-facebook': 'Log in at facebook.com to clear what Facebook asks for, then check again.',
  'fix-page-role': 'Ask a Page admin to give you back a role on the Page, then get a new page token.',
  repaste: 'Paste a new token.',
}

/** Fixed outside a login (on facebook.com, or by a new paste): the notification opens Token Desk. */
export const FIXED_OUTSIDE: ReadonlySet<Problem['fix']> = new Set<Problem['fix']>(['visit-facebook', 'fix-page-role', 'repaste'])

export function deathNotification(event: TokenDied, tokenName: string): Notification {
  return {
    key: event.key,
    tokenId: event.tokenId,
    title: `“${tokenName}” stopped working`,
    body: `${event.problem.message} ${FIX_WORDS[event.problem.fix]}`,
    action: FIXED_OUTSIDE.has(event.problem.fix) ? 'open' : 'reauthorize',
  }
}
