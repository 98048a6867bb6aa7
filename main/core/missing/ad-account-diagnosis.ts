import type { MissingDiagnosis } from '../../../preload/api'
import type { AdAccountFacts } from './facts'
import { ACCOUNT_STATUS_FIX, canRun, statusWords } from './words'

const ADS_SCOPES = ['ads_read', 'ads_management']

function evidence(f: AdAccountFacts, status: { status: number | null; disableReason: number | null } | null): string[] {
  const lines: string[] = []
  const granted = ADS_SCOPES.filter((s) => f.scopes.includes(s))
  if (granted.length === 0) lines.push('debug_token: neither ads_read nor ads_management was granted.')
  else if (f.targets === null) lines.push(`debug_token: ${granted.join(' and ')} granted for every ad account (no target_ids).`)
  else lines.push(`debug_token: ${granted.join(' and ')} granted for ${f.targets.length} chosen ad account${f.targets.length === 1 ? '' : 's'}${f.id && f.targets.includes(f.id) ? ', this one among them' : f.id ? ', not this one' : ''}.`)
  lines.push(f.listed ? '/me/adaccounts lists it.' : f.id ? '/me/adaccounts does not list it.' : '/me/adaccounts has no account by that name.')
  if (!f.businessesRead) lines.push('Your businesses could not be read: business_management was not granted.')
  else if (f.business) lines.push(`/me/businesses: your business “${f.business.businessName}” has it as ${f.business.relation === 'owned' ? 'an owned' : 'a client'} ad account.`)
  if (status) lines.push(`account_status ${status.status ?? 'not given'}${status.disableReason ? `, disable_reason ${status.disableReason}` : ''}: ${statusWords(status.status, status.disableReason)}.`)
  if (f.node.kind === 'refused') lines.push('Read by its id, Facebook refused it to this token.')
  return lines
}

type Verdict = Pick<MissingDiagnosis, 'case' | 'title' | 'reason' | 'fix' | 'action'>

function inactive(f: AdAccountFacts, status: number, words: string): Verdict | null {
  if (canRun(status) && status !== 8 && status !== 9) return null
  const fix = ACCOUNT_STATUS_FIX[status] ?? 'Open the account in Ads Manager to see what Meta asks for.'
  return {
    case: 'inactive',
    title: canRun(status) ? `Active, but: ${words}` : `Not active: ${words}`,
    reason: `Facebook lists the account with the status “${words}”.${canRun(status) ? ' Ads can still run.' : ' Ads cannot run from it.'}${f.business ? ` It belongs to the business “${f.business.businessName}”.` : ''}`,
    fix,
    action: 'none',
  }
}

function decide(f: AdAccountFacts, known: { status: number | null; disableReason: number | null } | null): Verdict {
  if (f.blocked)
    return { case: 'app-blocked', title: 'The app is blocked', reason: 'Facebook answers this app with “API access blocked.”, so it lists no ad accounts at all.', fix: 'Run Check my app (Settings) and fix the app in the App Dashboard.', action: 'none' }
  if (!ADS_SCOPES.some((s) => f.scopes.includes(s)))
    return { case: 'permission-not-granted', title: 'Ads were not allowed at login', reason: 'This login granted neither ads_read nor ads_management, so Facebook shows it no ad account.', fix: 'Log in again and allow ads_read or ads_management.', action: 'rerequest' }
  if (f.id === null)
    return {
      case: 'not-found',
      title: 'No such ad account here',
      reason: `No ad account named “${f.query}” is among those this login reaches${f.businessesRead ? ', directly or through your businesses' : ' directly (your businesses were not searched: business_management was not granted)'}.`,
      fix: 'Check the name, or type its ID: act_ followed by the number Ads Manager shows in its account menu.',
      action: f.businessesRead ? 'none' : 'rerequest-business',
    }
  if (known) {
    const words = statusWords(known.status, known.disableReason)
    const bad = known.status === null ? null : inactive(f, known.status, words)
    if (bad) return bad
    if (f.listed)
      return { case: 'listed', title: 'It is in the list', reason: `Facebook lists the account for this login, status “${words}”.`, fix: 'Press Check again on the Access screen to refresh the list.', action: 'none' }
    return {
      case: 'through-business',
      title: 'Reached through a business',
      reason: `You reach it through ${f.business ? `the business “${f.business.businessName}”` : 'a business'}, and /me/adaccounts leaves such accounts out. Its status is “${words}”.`,
      fix: 'Nothing to fix: Token Desk lists business accounts beside yours on the Access screen.',
      action: 'none',
    }
  }
  if (f.targets !== null && !f.targets.includes(f.id))
    return {
      case: 'not-selected',
      title: 'Not selected when you logged in',
      reason: 'When you logged in, this ad account was not among the ones chosen, so the login covers only the others (debug_token’s target_ids).',
      fix: 'Log in again: Token Desk asks Facebook to show the choice again (auth_type=rerequest). Tick this ad account.',
      action: 'rerequest',
    }
  if (f.node.kind === 'refused' && f.node.code === 200)
    return {
      case: 'no-access',
      title: 'Visible, but not readable with this token',
      reason: 'Facebook says the account’s owner has not granted ads_management or ads_read for it to this login (“Ad account owner has NOT grant…”). For a system user: it is not assigned this account.',
      fix: f.business ? 'Ask an admin of the business to assign you (or the system user) to the account: Business Settings > Accounts > Ad accounts > Assign people. Then log in again.' : 'Log in again and allow ads_read for this account; a system user needs the account assigned in Business Settings.',
      action: f.business ? 'none' : 'rerequest',
    }
  if (!f.businessesRead)
    return {
      case: 'through-business',
      title: 'Probably reached through a business',
      reason: 'Facebook does not list this ad account for you directly. Accounts you reach through a business need business_management to be found, and this login did not grant it.',
      fix: 'Log in again with business_management added: Token Desk asks for it.',
      action: 'rerequest-business',
    }
  if (f.business)
    return {
      case: 'business-no-task',
      title: 'Your business has it, you do not',
      reason: `The business “${f.business.businessName}” has this ad account, but you have no task on it there.`,
      fix: 'Ask a business admin to assign you: Business Settings > Accounts > Ad accounts > the account > Assign people. Then log in again.',
      action: 'none',
    }
  return {
    case: 'not-visible',
    title: 'Not visible to you',
    reason: 'Facebook does not show this ad account to your account at all: you have no role on it, and none of your businesses has it.',
    fix: 'Check the number, or ask an admin of the account to add you (Ads Manager > Account settings > Ad account roles, or Business Settings).',
    action: 'none',
  }
}

/** Pure: the case of §2.6 for a missing ad account, its status in words when Facebook gave one. */
export function diagnoseAdAccount(f: AdAccountFacts): MissingDiagnosis {
  const known = f.listed ?? (f.node.kind === 'read' ? f.node.value : null)
  const verdict = decide(f, known)
  return {
    kind: 'ad-account',
    query: f.query,
    asset: f.id ? { id: `act_${f.id}`, name: f.name } : null,
    status: known ? statusWords(known.status, known.disableReason) : null,
    evidence: evidence(f, known),
    ...verdict,
  }
}
