/**
 * Plain words for a group of tokens that stopped for one cause, or whose clocks run out
 * together. An advertiser reads these: what happened, to how many, and the one thing to do.
 */
import type { DeathReason, Problem } from '../../../preload/api'
import { inDaysWords as inDays } from './days'

/** "“Reporting script”" for one token, "58 tokens" for many. */
export const whichTokens = (names: readonly string[]): string => (names.length === 1 ? `“${names[0]}”` : `${names.length} tokens`)

const CAUSE: Record<DeathReason, (which: string, n: number) => string> = {
  'password-changed': (w) => `Your Facebook password changed: ${w} stopped`,
  'app-removed': (w) => `The app was removed from your Facebook account: ${w} stopped`,
  'logged-out': (w) => `Facebook ended your session: ${w} stopped`,
  invalidated: (w) => `Access was revoked at Facebook: ${w} stopped`,
  checkpoint: (w) => `Facebook put a security check on your account: ${w} stopped`,
  'unconfirmed-user': (w) => `Your Facebook account needs confirming: ${w} stopped`,
  expired: (w, n) => (n === 1 ? `${w} has expired` : `Their time ran out: ${w} stopped`),
  'no-page-role': (w) => `You no longer have a role on the Page: ${w} stopped`,
  invalid: (w) => `Facebook no longer accepts ${w}`,
  'wrong-app': (w, n) => `${w} ${n === 1 ? 'belongs' : 'belong'} to a different app`,
  'permission-removed': (w) => `A permission was removed: ${w} stopped`,
  unreadable: (w) => `${w} could not be read on this computer`,
}

/** "Your Facebook password changed: 58 tokens stopped" */
export function causeHeadline(reason: DeathReason, names: readonly string[]): string {
  const which = whichTokens(names)
  const text = CAUSE[reason](which, names.length)
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The one step that brings all of them back. */
export function fixSentence(fix: Problem['fix'], count: number): string {
  const all = count === 1 ? 'it' : 'all of them'
  switch (fix) {
    case 'reauthorize':
    case 'reauthenticate':
      return `Log in again to renew ${all}.`
    case 'rerequest':
      return `Log in again and allow the missing permission to renew ${all}.`
    case 'visit-facebook':
      return 'Log in at facebook.com and follow what Facebook asks, then check again.'
    case 'fix-page-role':
      return 'Ask an admin of the Page to give you a role again, then check again.'
    case 'repaste':
      return count === 1 ? 'Paste a new token.' : 'Paste new tokens.'
  }
}


/** One token, or several whose clock runs out on the same day: one reminder. */
export function clockHeadline(clock: 'expires' | 'data-access', daysLeft: number, names: readonly string[]): { title: string; body: string } {
  const which = whichTokens(names)
  const one = names.length === 1
  const they = one ? 'it' : 'them'
  if (clock === 'expires') {
    return {
      title: `${which} stop${one ? 's' : ''} working ${inDays(daysLeft)}`,
      body: `Renew ${they} now so the tools that use ${they} keep running. Open Token Desk and choose Renew.`,
    }
  }
  if (daysLeft <= 0) {
    return {
      title: `Data access for ${which} has ended`,
      body: one
        ? 'The token still signs in, but Facebook shares most data again only after you confirm access. Open Token Desk and choose Renew data access.'
        : 'The tokens still sign in, but Facebook shares most data again only after you confirm access. Open Token Desk and choose Renew.',
    }
  }
  return {
    title: `Data access for ${which} ends ${inDays(daysLeft)}`,
    body: `Sign in again to renew it for another 90 days. ${one ? 'The token itself keeps working.' : 'The tokens themselves keep working.'}`,
  }
}
