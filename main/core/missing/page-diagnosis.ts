import type { MissingDiagnosis } from '../../../preload/api'
import type { PageFacts } from './facts'

const POSTING_TASKS = ['CREATE_CONTENT', 'MANAGE', 'MODERATE']
const taskWords = (tasks: readonly string[]): string => (tasks.length ? tasks.map((t) => t.toLowerCase().replace(/_/g, ' ')).join(', ') : 'none')

function evidence(f: PageFacts): string[] {
  const lines: string[] = []
  if (!f.scopes.includes('pages_show_list')) lines.push('debug_token: pages_show_list was not granted.')
  else if (f.targets === null) lines.push('debug_token: pages_show_list was granted for every Page (no target_ids).')
  else lines.push(`debug_token: pages_show_list was granted for ${f.targets.length} chosen Page${f.targets.length === 1 ? '' : 's'} (target_ids)${f.id && f.targets.includes(f.id) ? ', this one among them' : f.id ? ', not this one' : ''}.`)
  if (f.listed) lines.push(`/me/accounts lists it, with your tasks: ${taskWords(f.listed.tasks)}${f.listed.hasToken ? '' : ', and no Page token'}.`)
  else if (f.id) lines.push('/me/accounts does not list it.')
  if (!f.businessesRead) lines.push('Your businesses could not be read: business_management was not granted.')
  else if (f.business) lines.push(`/me/businesses: your business “${f.business.businessName}” has it as ${f.business.relation === 'owned' ? 'an owned' : 'a client'} Page.`)
  else lines.push('/me/businesses: none of your businesses has it.')
  if (f.personal.kind === 'read') lines.push(`Read by its id, it gives your tasks: ${taskWords(f.personal.value.tasks ?? [])}.`)
  else if (f.personal.kind === 'refused') lines.push('Read by its id, Facebook gives you no tasks on it.')
  if (f.visible.kind === 'refused') lines.push('Facebook does not show this Page to you at all.')
  return lines
}

type Verdict = Pick<MissingDiagnosis, 'case' | 'title' | 'reason' | 'fix' | 'action'>

function decide(f: PageFacts): Verdict {
  if (f.blocked)
    return { case: 'app-blocked', title: 'The app is blocked', reason: 'Facebook answers this app with “API access blocked.”, so it lists no Pages at all.', fix: 'Run Check my app (Settings) and fix the app in the App Dashboard.', action: 'none' }
  if (!f.scopes.includes('pages_show_list'))
    return { case: 'permission-not-granted', title: 'Pages were not allowed at login', reason: 'This login did not grant pages_show_list, which Facebook needs before it lists any Page.', fix: 'Log in again and allow the Pages permissions.', action: 'rerequest' }
  if (f.id === null && f.targets !== null)
    return {
      case: 'not-selected',
      title: 'Probably not selected when you logged in',
      reason: `No Page named “${f.query}” is among the Pages this login covers: when you logged in, only ${f.targets.length} Page${f.targets.length === 1 ? ' was' : 's were'} ticked under “Choose the Pages” (debug_token’s target_ids). If this Page is yours, it was not ticked.`,
      fix: 'Log in again: Token Desk asks Facebook to show the Page choice again (auth_type=rerequest). Tick this Page.',
      action: 'rerequest',
    }
  if (f.id === null)
    return f.businessesRead
      ? { case: 'not-found', title: 'No such Page here', reason: `No Page named “${f.query}” is among the Pages this login reaches, directly or through your businesses.`, fix: 'Check the name, or type the Page’s ID (Page > About > Page transparency, or the number in its address).', action: 'none' }
      : { case: 'not-found', title: 'No such Page here', reason: `No Page named “${f.query}” is among the Pages this login reaches directly. Pages you reach through a business are not searched: the login did not grant business_management.`, fix: 'Log in again with business_management, or type the Page’s ID.', action: 'rerequest-business' }
  if (f.listed) {
    if (!f.listed.hasToken)
      return { case: 'weak-tasks', title: 'No Page token for you', reason: `Facebook lists it but gives you no Page token: your tasks on it (${taskWords(f.listed.tasks)}) are too few.`, fix: 'Ask a Page admin for full control or partial control (Page settings > Page access), then log in again.', action: 'none' }
    const canPost = f.listed.tasks.some((t) => POSTING_TASKS.includes(t))
    return {
      case: 'listed',
      title: 'It is in the list',
      reason: `Facebook lists it for this login, with your tasks: ${taskWords(f.listed.tasks)}.${canPost ? '' : ' Posting needs Create content, Moderate or Manage: you can read it but not post as it.'}`,
      fix: canPost ? 'Clear the search box: it may be hiding it.' : 'Ask a Page admin for more access (Page settings > Page access) if you need to post.',
      action: 'none',
    }
  }
  const covered = f.targets === null || f.targets.includes(f.id)
  if (!covered) {
    if (f.visible.kind === 'refused' && !f.business)
      return { case: 'not-visible', title: 'Not visible to you', reason: 'Facebook does not show this Page to your account at all: you have no role on it, and it was not shared with any business of yours.', fix: 'Ask an admin of the Page to give your Facebook account access (Page settings > Page access), then log in again.', action: 'none' }
    return {
      case: 'not-selected',
      title: 'Not selected when you logged in',
      reason: 'When you logged in, this Page was not ticked under “Choose the Pages”, so the login covers only the others (debug_token’s target_ids). If it was not offered there at all, you have no role on it.',
      fix: 'Log in again: Token Desk asks Facebook to show the Page choice again (auth_type=rerequest). Tick this Page.',
      action: 'rerequest',
    }
  }
  if (f.business) {
    if (f.personal.kind === 'read')
      return {
        case: 'through-business',
        title: 'Reached through a business',
        reason: `You reach it through the business “${f.business.businessName}”, and Facebook leaves such Pages out of the list it gives apps (/me/accounts).`,
        fix: 'Token Desk can read its Page token directly: press Add this Page.',
        action: 'add-page',
      }
    return {
      case: 'business-no-task',
      title: 'Your business has it, you do not',
      reason: `The business “${f.business.businessName}” has this Page, but you have no task on it there: being in a business does not give you its Pages.`,
      fix: 'Ask a business admin to assign you to it: Business Settings > Accounts > Pages > the Page > Assign people. Then log in again.',
      action: 'none',
    }
  }
  if (!f.businessesRead)
    return {
      case: 'through-business',
      title: 'Probably reached through a business',
      reason: 'Facebook does not list this Page for you directly. Pages you reach through a business are missing from that list unless the login grants business_management, and this one did not.',
      fix: 'Log in again with business_management added: Token Desk asks for it.',
      action: 'rerequest-business',
    }
  if (f.personal.kind === 'read' && (f.personal.value.tasks?.length ?? 0) > 0)
    return {
      case: 'read-directly',
      title: 'Missing from Facebook’s list, but yours',
      reason: 'The login covers this Page and you have tasks on it, yet Facebook leaves it out of /me/accounts (seen with Pages that moved to the New Pages Experience).',
      fix: 'Token Desk can read its Page token directly: press Add this Page.',
      action: 'add-page',
    }
  if (f.visible.kind === 'refused')
    return { case: 'not-visible', title: 'Not visible to you', reason: 'Facebook does not show this Page to your account at all.', fix: 'Check the ID, or ask an admin of the Page to give your Facebook account access (Page settings > Page access).', action: 'none' }
  return {
    case: 'no-role',
    title: 'You have no role on it',
    reason: 'Facebook shows this Page, but you have no role or task on it, directly or through a business.',
    fix: 'Ask an admin of the Page to give your Facebook account access (Page settings > Page access), then log in again.',
    action: 'none',
  }
}

/** Pure: the case of §2.6 for a missing Page, from what was read. */
export function diagnosePage(f: PageFacts): MissingDiagnosis {
  const verdict = decide(f)
  const name = f.name ?? (f.visible.kind === 'read' ? f.visible.value.name : null)
  return { kind: 'page', query: f.query, asset: f.id ? { id: f.id, name } : null, status: null, evidence: evidence(f), ...verdict }
}
